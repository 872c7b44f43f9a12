/// The kind of a named entity.
public enum EntityKind: String, Sendable, Codable, CaseIterable {
    /// A person (CoNLL PER).
    case person
    /// An organization: company, agency, party, team, armed group (CoNLL ORG).
    case organization
    /// A location: country, city, region, geographic feature (CoNLL LOC).
    case location
    /// Other names: nationalities, events, products, works (CoNLL MISC).
    case misc

    /// The kind for a CoNLL type index 1...4.
    static func from(type: Int) -> EntityKind { [.person, .organization, .location, .misc][type - 1] }
}

/// One occurrence of an entity in the analysed text.
public struct EntityMention: Sendable, Hashable {
    /// The mention's text as it appears in the source.
    public var text: String
    /// Unicode scalar offsets of the mention in the analysed text.
    public var range: Range<Int>

    /// Creates a mention.
    public init(text: String, range: Range<Int>) {
        self.text = text
        self.range = range
    }
}

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
