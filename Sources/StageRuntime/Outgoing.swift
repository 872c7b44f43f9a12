import Foundation
import KafkaClient
import NewsSchema
import W3CTraceContext

/// What the runtime sends for one consumed record. It keeps the input's position, not the input: a batch's
/// outcomes are let go on the poll loop, after sending, and the less they hold the less that thread frees.
struct Outgoing: Sendable {
    enum Kind: Sendable {
        case output
        case deadLetter(DeadLetterReason, String)
        case skip(String)
    }

    var kind: Kind
    /// The consumed record's position.
    var source: TopicPartitionOffset
    /// The record to produce; `nil` for a skip.
    var record: ProducerRecord?
    var articleID: String?
    /// What the stage's `didDeliver` is told once an output is written.
    var delivered: DeliveredArticle? = nil
    /// An output's `Headers.submittedAt` header, taken from the input, for the end-to-end latency.
    var submittedAt: KafkaHeader? = nil
    /// The trace this record's processing belongs to, for the logs (written out only when logged).
    var traceID: TraceID? = nil

    init(
        kind: Kind,
        source: ConsumerRecord,
        record: ProducerRecord?,
        articleID: String?,
        delivered: DeliveredArticle? = nil,
        submittedAt: KafkaHeader? = nil
    ) {
        self.kind = kind
        self.source = TopicPartitionOffset(topic: source.topic, partition: source.partition, offset: source.offset)
        self.record = record
        self.articleID = articleID
        self.delivered = delivered
        self.submittedAt = submittedAt
    }
}

/// What an outcome's acknowledgement needs: the input's position, how to count the outcome, what to tell the
/// stage's `didDeliver` and the push-time header for the end-to-end latency. Neither the output's bytes nor the
/// input's.
struct Completion: Sendable {
    var kind: Outgoing.Kind
    var source: TopicPartitionOffset
    var delivered: DeliveredArticle?
    /// Parsed only when the report arrives, on the delivery thread.
    var submittedAt: KafkaHeader?

    init(_ item: Outgoing) {
        kind = item.kind
        source = item.source
        delivered = item.delivered
        submittedAt = item.submittedAt
    }

    /// When the input was pushed, from its header.
    var pushedAt: Date? { submittedAt?.text.flatMap(Headers.date(fromMillisecondsText:)) }
}

extension Outgoing {
    /// An output's headers, made of its input's: the input's headers with its trace continued (see
    /// ``TraceHeaders/continued(_:last:using:)``) and its schema version replaced by the output's; and the trace's id.
    static func outputHeaders(continuing input: [KafkaHeader], using ids: inout TraceIDGenerator) -> (headers: [KafkaHeader], traceID: TraceID) {
        TraceHeaders.continued(input, last: schemaVersionHeader, using: &ids)
    }

    /// This build's schema version, as every output states it.
    private static let schemaVersionHeader = KafkaHeader(name: Headers.schemaVersion, text: "\(NewsSchemaVersion.current)")

    /// A dead letter for `source`, keyed like it, with an output's `headers`.
    static func deadLetter(
        for source: ConsumerRecord,
        headers: [KafkaHeader],
        stage: String,
        reason: DeadLetterReason,
        message: String,
        topic: String,
        encoder: NewsJSONEncoder
    ) -> Outgoing {
        var headerTexts: [String: String] = [:]
        for header in source.headers {
            headerTexts[header.name] = header.text ?? ""
        }
        let letter = DeadLetter(
            stage: stage,
            reason: reason,
            message: message,
            sourceTopic: source.topic,
            sourcePartition: source.partition,
            sourceOffset: source.offset,
            key: source.keyText,
            payload: Data(source.value.prefix(DeadLetter.maxPayloadBytes + 1)),
            headers: headerTexts,
            failedAt: Date(),
            redriveCount: source.headers.text(Headers.redriveCount).flatMap(Int.init) ?? 0
        )
        // A dead letter is made of values this process built; encoding it cannot fail for valid types.
        let value = (try? encoder.encodeBytes(letter)) ?? Array("{}".utf8)
        let record = ProducerRecord(
            topic: topic,
            key: source.key,
            value: value,
            headers: headers
        )
        return Outgoing(kind: .deadLetter(reason, message), source: source, record: record, articleID: source.keyText)
    }
}
