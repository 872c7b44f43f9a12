import Foundation
import KafkaClient
import NewsSchema
import W3CTraceContext

/// What the runtime sends for one consumed record.
struct Outgoing: Sendable {
    enum Kind: Sendable {
        case output
        case deadLetter(DeadLetterReason, String)
        case skip(String)
    }

    var source: ConsumerRecord
    var kind: Kind
    /// The record to produce; `nil` for a skip.
    var record: ProducerRecord?
    var articleID: String?
    /// The envelope sent, for outputs.
    var envelope: ArticleEnvelope? = nil
    /// The trace this record's processing belongs to, for the logs (written out only when logged).
    var traceID: TraceID? = nil
}

/// What an outcome's acknowledgement needs: the input's position, how to count the outcome, the envelope for the
/// stage's `didDeliver` and the push-time header for the end-to-end latency. Neither the output's bytes nor the
/// input's.
struct Completion: Sendable {
    var kind: Outgoing.Kind
    var source: TopicPartitionOffset
    var envelope: ArticleEnvelope?
    /// An output's `Headers.submittedAt` header, parsed only when its report arrives, on the delivery thread: the
    /// poll loop, the stage's busiest thread, just picks it out.
    var submittedAt: KafkaHeader?

    init(_ item: Outgoing) {
        kind = item.kind
        source = TopicPartitionOffset(topic: item.source.topic, partition: item.source.partition, offset: item.source.offset)
        envelope = item.envelope
        if case .output = item.kind { submittedAt = item.source.headers.last { $0.name == Headers.submittedAt } }
    }

    /// When the input was pushed, from its header.
    var pushedAt: Date? { submittedAt?.text.flatMap(Headers.date(fromMillisecondsText:)) }
}

extension Outgoing {
    /// An output's headers: the input's (all but its schema version), then the output's schema version.
    static func outputHeaders(_ headers: [KafkaHeader]) -> [KafkaHeader] {
        var output: [KafkaHeader] = []
        output.reserveCapacity(headers.count + 1)
        for header in headers where header.name != Headers.schemaVersion { output.append(header) }
        output.append(schemaVersionHeader)
        return output
    }

    /// This build's schema version, as every output states it.
    private static let schemaVersionHeader = KafkaHeader(name: Headers.schemaVersion, text: "\(NewsSchemaVersion.current)")

    /// A dead letter for `source`, keyed like it.
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
            headers: outputHeaders(headers)
        )
        return Outgoing(source: source, kind: .deadLetter(reason, message), record: record, articleID: source.keyText)
    }
}
