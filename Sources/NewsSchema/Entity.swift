/// A named entity found in an article, with every mention of it.
///
/// Compatibility rule: add optional fields only; bump ``NewsSchemaVersion/current`` otherwise.
public struct Entity: Codable, Sendable, Hashable {
    /// The entity's type; one name has one type within a document.
    public var type: EntityType
    /// The canonical (longest) name, for example "John Kerry".
    public var name: String
    /// Other forms that refer to the same entity, for example "Kerry".
    public var aliases: [String]
    /// The number of mentions.
    public var count: Int
    /// How central the entity is to the article, from 0 to 1.
    public var salience: Double
    /// Every mention, in document order.
    public var mentions: [Mention]

    /// Creates an entity.
    ///
    /// - Parameters:
    ///   - type: The entity type.
    ///   - name: The canonical name.
    ///   - aliases: Other forms of the name.
    ///   - count: The number of mentions.
    ///   - salience: The salience from 0 to 1.
    ///   - mentions: The mentions in document order.
    public init(
        type: EntityType,
        name: String,
        aliases: [String] = [],
        count: Int,
        salience: Double,
        mentions: [Mention]
    ) {
        self.type = type
        self.name = name
        self.aliases = aliases
        self.count = count
        self.salience = salience
        self.mentions = mentions
    }
}
