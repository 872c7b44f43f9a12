/// An entity of a document with all its mentions.
public struct ExtractedEntity: Sendable {
    /// The entity's kind (one per name within a document).
    public var kind: EntityKind
    /// The fullest name used in the document ("John Kerry" for "Kerry").
    public var canonicalName: String
    /// Other names used for it in the document, sorted.
    public var aliases: [String]
    /// Every mention, in document order.
    public var mentions: [EntityMention]
    /// How often it is mentioned.
    public var count: Int { mentions.count }
    /// How central it is to the document, 0...1 (the most salient entity has 1).
    public var salience: Double

    /// Creates an entity.
    public init(kind: EntityKind, canonicalName: String, aliases: [String], mentions: [EntityMention], salience: Double)
    {
        self.kind = kind
        self.canonicalName = canonicalName
        self.aliases = aliases
        self.mentions = mentions
        self.salience = salience
    }
}
