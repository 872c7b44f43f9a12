public import Foundation

/// The one JSON configuration for every Newsline message and every time on the wire or the CLI.
///
/// Messages are written by ``NewsJSONEncoder`` and read by ``NewsJSONDecoder``: compact JSON with members in
/// the order the types declare them, dates as ISO 8601 strings in UTC with milliseconds
/// (`2026-11-30T21:00:00.123Z`), slashes not escaped. Both are cheap value types; a stage makes one per task.
public enum NewsJSON {
    /// An encoder for wire messages: compact, ISO 8601 millisecond dates.
    public static func encoder() -> NewsJSONEncoder {
        NewsJSONEncoder()
    }

    /// An encoder for human output (`newsline tail --json`): as ``encoder()``, one member per line.
    public static func prettyEncoder() -> NewsJSONEncoder {
        NewsJSONEncoder(prettyPrinted: true)
    }

    /// A decoder for wire messages; dates must be ISO 8601 (see ``parseDate(_:)``).
    public static func decoder() -> NewsJSONDecoder {
        NewsJSONDecoder()
    }

    /// Says what was wrong with the text when a ``NewsJSONDecoder`` failed because it was not JSON.
    ///
    /// - Parameter error: An error thrown by ``NewsJSONDecoder``.
    /// - Returns: The syntax error and where it is, for example `unexpected character 'b' at byte 0`, or `nil` when
    ///   the text was JSON (and a field was missing or of the wrong type, say).
    public static func syntaxProblem(in error: any Error) -> String? {
        guard case DecodingError.dataCorrupted(let context) = error,
              let syntax = context.underlyingError as? JSONTape.SyntaxError
        else { return nil }
        return "\(syntax.message) at byte \(syntax.offset)"
    }

    /// Formats a time as ISO 8601 UTC with milliseconds, for example `2026-11-30T21:00:00.123Z`.
    ///
    /// - Parameter date: The time; rounded to the nearest millisecond.
    /// - Returns: The formatted time.
    public static func formatDate(_ date: Date) -> String {
        ISO8601Milliseconds.format(date)
    }

    /// Parses an ISO 8601 time: `YYYY-MM-DDTHH:MM:SS`, an optional fraction of any precision,
    /// then `Z` or an offset (`+02:00`, `-0500`).
    ///
    /// - Parameter text: The text to parse.
    /// - Returns: The time, or `nil` when `text` is not in that form or names an impossible date.
    public static func parseDate(_ text: String) -> Date? {
        ISO8601Milliseconds.parse(text)
    }
}
