/// The pipeline's topic names, with an optional prefix so several pipelines can share a cluster.
public struct Topics: Sendable, Hashable {
    /// The prefix prepended to every topic name (empty by default).
    public let prefix: String
    /// Submissions from `newsline push`: `<prefix>articles.submitted`.
    public let submitted: String
    /// Envelopes from the ingest stage: `<prefix>articles.ingested`.
    public let ingested: String
    /// Envelopes with entities: `<prefix>articles.entities`.
    public let entities: String
    /// Envelopes with entities and summary: `<prefix>articles.summarized`.
    public let summarized: String
    /// Dead letters from every stage: `<prefix>articles.dead-letter`.
    public let deadLetter: String

    /// Creates the topic names for a pipeline.
    ///
    /// - Parameter prefix: Prepended verbatim to every name, for example `"staging."`.
    public init(prefix: String = "") {
        self.prefix = prefix
        self.submitted = prefix + "articles.submitted"
        self.ingested = prefix + "articles.ingested"
        self.entities = prefix + "articles.entities"
        self.summarized = prefix + "articles.summarized"
        self.deadLetter = prefix + "articles.dead-letter"
    }

    /// Every topic, in pipeline order, dead-letter last.
    public var all: [String] {
        [submitted, ingested, entities, summarized, deadLetter]
    }
}
