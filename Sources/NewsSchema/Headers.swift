public import Foundation

/// The Kafka header names Newsline sets and reads.
public enum Headers {
    /// W3C trace context, propagated unchanged from message to message.
    public static let traceparent = "traceparent"
    /// When the article was submitted: milliseconds since the Unix epoch as decimal text.
    public static let submittedAt = "newsline-submitted-at"
    /// How many times the message has been redriven from the dead-letter topic.
    public static let redriveCount = "newsline-redrive-count"
    /// The schema version of the message body.
    public static let schemaVersion = "newsline-schema-version"
    /// The media type of a submission: `application/json` or `text/plain` (see
    /// ``EnvelopeDecoding/decodeSubmission(from:contentType:receivedAt:maxBytes:decoder:)``).
    public static let contentType = "content-type"

    /// Formats a time for the ``submittedAt`` header: milliseconds since the epoch, rounded.
    ///
    /// - Parameter date: The time to format.
    /// - Returns: Decimal text such as `"1796072400123"`.
    public static func millisecondsText(_ date: Date) -> String {
        String(Int64((date.timeIntervalSince1970 * 1000).rounded()))
    }

    /// Parses a ``submittedAt`` header value.
    ///
    /// - Parameter text: Milliseconds since the epoch as decimal text.
    /// - Returns: The time, or `nil` when `text` is not a decimal integer.
    public static func date(fromMillisecondsText text: String) -> Date? {
        guard let milliseconds = Int64(text) else { return nil }
        return Date(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
