public import KafkaClient
public import NewsSchema

/// What a stage makes of one input message.
public enum StageResult: Sendable {
    /// Produce this envelope to the stage's output topic (the runtime appends the stage's provenance).
    case emit(ArticleEnvelope)
    /// Produce nothing and move on (for example an exact re-push); the reason is logged.
    case skip(reason: String)
}

/// One step of the pipeline: a pure transform from a decoded input message to an envelope.
///
/// The runtime does everything else: consuming, decoding and classifying bad input, dead-lettering,
/// producing, offset handling, provenance, logging and shutdown. A transform that throws sends the message
/// to the dead-letter topic with reason `transformFailed`. It must be safe to call concurrently, for messages
/// of the same partition too: the runtime spreads a batch over its lanes and sends the results in the batch's
/// order.
public protocol Stage: Sendable {
    /// The message type read from the input topic.
    associatedtype Input: StageInput

    /// The stage's name, as in provenance records and dead letters (`ingest`, `entities`, `summarize`).
    var name: String { get }
    /// The stage's version, recorded in provenance.
    var version: String { get }
    /// The topic this stage reads.
    func inputTopic(_ topics: Topics) -> String
    /// The topic this stage writes.
    func outputTopic(_ topics: Topics) -> String
    /// Transforms one message. The input is the stage's own: a stage that emits its envelope changed can change
    /// it in place (`var envelope = consume input`) instead of copying it.
    func transform(_ input: consuming Input, record: ConsumerRecord) throws -> StageResult
    /// Called once an emitted envelope is safely written (acknowledged, or its transaction committed), with its
    /// article's identity.
    func didDeliver(_ article: DeliveredArticle)
}

extension Stage {
    /// Does nothing.
    public func didDeliver(_ article: DeliveredArticle) {}
}

/// An emitted article's identity, all the runtime keeps of an envelope until its acknowledgement. Holding the
/// whole envelope that long and freeing it on the delivery thread took about half of that thread's time.
public struct DeliveredArticle: Sendable, Hashable {
    /// ``NewsSchema/Article/id``.
    public var id: String
    /// ``NewsSchema/Article/contentHash``.
    public var contentHash: String

    public init(id: String, contentHash: String) {
        self.id = id
        self.contentHash = contentHash
    }
}
