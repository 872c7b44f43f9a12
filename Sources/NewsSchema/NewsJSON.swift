public import Foundation

/// The one JSON configuration for every Newsline message and every time on the wire or the CLI.
///
/// Dates are ISO 8601 strings in UTC with milliseconds (`2026-11-30T21:00:00.123Z`); keys are
/// sorted; slashes are not escaped; the wire form has no pretty printing. Encoders and decoders
/// are created per call: make one per worker (or per task) and reuse it.
public enum NewsJSON {
    /// An encoder for wire messages: compact, sorted keys, ISO 8601 millisecond dates.
    public static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(formatDate(date))
        }
        return encoder
    }

    /// An encoder for human output (`newsline tail`): as ``encoder()``, pretty-printed.
    public static func prettyEncoder() -> JSONEncoder {
        let encoder = NewsJSON.encoder()
        encoder.outputFormatting.insert(.prettyPrinted)
        return encoder
    }

    /// A decoder for wire messages; dates must be ISO 8601 (see ``parseDate(_:)``).
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .custom { decoder in
            let container = try decoder.singleValueContainer()
            let text = try container.decode(String.self)
            guard let date = parseDate(text) else {
                throw DecodingError.dataCorruptedError(
                    in: container,
                    debugDescription: "expected an ISO 8601 date such as 2026-11-30T21:00:00.123Z, found \"\(text)\""
                )
            }
            return date
        }
        return decoder
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
