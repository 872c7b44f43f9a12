public import KafkaClient
public import NewsSchema

/// A message type a stage reads, and how the runtime reads it from a record.
///
/// The runtime calls ``decode(from:maxBytes:decoder:)`` once per consumed record, on its lanes. A type conforms
/// with one line: the default reads versioned JSON through `Decodable`. ``NewsSchema/ArticleEnvelope`` and
/// ``NewsSchema/ArticleSubmission`` have readers of their own.
public protocol StageInput: Decodable, VersionedMessage, Sendable {
    /// Reads a record's message, and the article's received JSON text where there is one to reuse when the
    /// output is encoded (see ``NewsSchema/ReceivedArticle``).
    ///
    /// - Throws: ``NewsSchema/SchemaError`` classifying what is wrong with the record.
    static func decode(from record: ConsumerRecord, maxBytes: Int, decoder: NewsJSONDecoder) throws(SchemaError)
        -> (message: Self, received: ReceivedArticle?)
}

extension StageInput {
    /// Reads the record's value as JSON of this type, its schema version checked.
    public static func decode(from record: ConsumerRecord, maxBytes: Int, decoder: NewsJSONDecoder) throws(SchemaError)
        -> (message: Self, received: ReceivedArticle?)
    {
        (try EnvelopeDecoding.decode(Self.self, from: record.value, maxBytes: maxBytes, decoder: decoder), nil)
    }
}

extension ArticleEnvelope: StageInput {
    /// Reads an envelope with the envelope reader, keeping its article's text.
    public static func decode(from record: ConsumerRecord, maxBytes: Int, decoder: NewsJSONDecoder) throws(SchemaError)
        -> (message: Self, received: ReceivedArticle?)
    {
        let (envelope, received) = try EnvelopeDecoding.decodeEnvelope(from: record.value, maxBytes: maxBytes, decoder: decoder)
        return (envelope, received)
    }
}

extension ArticleSubmission: StageInput {
    /// Reads a JSON submission or a plain-text article (see ``KafkaClient/ConsumerRecord/submission(maxBytes:decoder:)``):
    /// the submissions topic takes plain-text articles too, written there by any producer.
    public static func decode(from record: ConsumerRecord, maxBytes: Int, decoder: NewsJSONDecoder) throws(SchemaError)
        -> (message: Self, received: ReceivedArticle?)
    {
        (try record.submission(maxBytes: maxBytes, decoder: decoder), nil)
    }
}
