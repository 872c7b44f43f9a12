import Foundation
import KafkaClient
import NewsIngest
import NewsSchema
import StageRuntime

extension ArticleSubmission {
    /// The record that submits this article: keyed by the id ingest will derive (so the article keeps one
    /// partition from the first topic on), starting a trace, stamped with its push time and schema version.
    func record(topic: String, encoder: NewsJSONEncoder) throws -> ProducerRecord {
        ProducerRecord(
            topic: topic,
            key: Array(ArticleIdentity.key(for: self).utf8),
            value: Array(try encoder.encode(self)),
            headers: Self.headers(submittedAt: submittedAt)
        )
    }

    /// A pushed record's headers: a new trace, the push time and this build's schema version.
    static func headers(submittedAt: Date) -> [KafkaHeader] {
        TraceHeaders.start().headers + [
            KafkaHeader(name: Headers.submittedAt, text: Headers.millisecondsText(submittedAt)),
            KafkaHeader(name: Headers.schemaVersion, text: "\(NewsSchemaVersion.current)"),
        ]
    }
}
