/// The message on `articles.ingested`, `articles.entities` and `articles.summarized`: an article
/// and what the stages have added to it so far.
///
/// Compatibility rule: add optional fields only; bump ``NewsSchemaVersion/current`` otherwise.
public struct ArticleEnvelope: Codable, Sendable, Hashable, VersionedMessage {
    /// The schema version this message was written with.
    public var schemaVersion: Int
    /// The ingested article.
    public var article: Article
    /// The named entities, once the entities stage has run.
    public var entities: [Entity]?
    /// The summary, once the summary stage has run.
    public var summary: Summary?
    /// One record per stage that has processed this envelope, in order.
    public var provenance: [Provenance]

    /// Creates an envelope.
    ///
    /// - Parameters:
    ///   - schemaVersion: The schema version; defaults to ``NewsSchemaVersion/current``.
    ///   - article: The article.
    ///   - entities: The entities, if extracted.
    ///   - summary: The summary, if computed.
    ///   - provenance: The stage records so far.
    public init(
        schemaVersion: Int = NewsSchemaVersion.current,
        article: Article,
        entities: [Entity]? = nil,
        summary: Summary? = nil,
        provenance: [Provenance] = []
    ) {
        self.schemaVersion = schemaVersion
        self.article = article
        self.entities = entities
        self.summary = summary
        self.provenance = provenance
    }

    /// The article id, which is also the Kafka message key.
    public var id: String { article.id }

    /// Rejects an envelope whose article body is empty or only whitespace.
    ///
    /// - Throws: ``SchemaError`` with reason ``DeadLetterReason/emptyBody``.
    public func validate() throws(SchemaError) {
        if isBlank(article.body) {
            throw SchemaError(reason: .emptyBody, message: "article \(article.id) has an empty body")
        }
    }
}
