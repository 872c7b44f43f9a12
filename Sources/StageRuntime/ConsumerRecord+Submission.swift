import Foundation
public import KafkaClient
public import NewsSchema

extension ConsumerRecord {
    /// Reads this record of the submissions topic as ingest does: a JSON submission, or plain text by its
    /// ``NewsSchema/Headers/contentType`` header or first character (see
    /// ``NewsSchema/EnvelopeDecoding/decodeSubmission(from:contentType:receivedAt:maxBytes:decoder:)``).
    ///
    /// - Parameters:
    ///   - maxBytes: The largest accepted message, in bytes.
    ///   - decoder: The decoder for JSON.
    /// - Returns: The submission. Plain text is submitted at the time of its `newsline-submitted-at` header, else at
    ///   the record's timestamp, else now.
    /// - Throws: ``NewsSchema/SchemaError`` classifying what is wrong with the record.
    public func submission(maxBytes: Int, decoder: NewsJSONDecoder = NewsJSON.decoder()) throws(SchemaError) -> ArticleSubmission {
        try EnvelopeDecoding.decodeSubmission(
            from: value, contentType: headers.text(Headers.contentType), receivedAt: submissionTime, maxBytes: maxBytes, decoder: decoder
        )
    }

    /// When a plain-text submission was made: its ``NewsSchema/Headers/submittedAt`` header, else the record's
    /// timestamp, else now.
    var submissionTime: Date {
        if let header = headers.text(Headers.submittedAt), let date = Headers.date(fromMillisecondsText: header) {
            return date
        }
        if let timestampMilliseconds { return Date(timeIntervalSince1970: Double(timestampMilliseconds) / 1000) }
        return Date()
    }
}
