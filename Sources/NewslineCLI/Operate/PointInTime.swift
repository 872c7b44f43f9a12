import Foundation
import NewsSchema

/// The value of a time option such as `tail --from` or `redrive --since`: an ISO 8601 time with its zone, or a
/// duration reaching back from now (`30m`, `1h30m`, `2d`, `PT15M`, also written `-30m`), as `--since 1h` means
/// in `kubectl logs` and `journalctl`.
enum PointInTime {
    /// What the option takes, for help and errors.
    static let accepted = "an ISO 8601 time with its zone, like \(timeExample), or a duration back from now, like 30m, 1h30m or 2d"

    /// The time `text` names, or `nil` when it names none. A duration longer than the time since 1970 gives 1970.
    static func date(_ text: String, now: Date = Date()) -> Date? {
        if let date = NewsJSON.parseDate(text) { return date }
        let duration = text.hasPrefix("-") ? String(text.dropFirst()) : text
        guard let seconds = OffsetPlanner.parseDuration(duration) else { return nil }
        return ago(seconds, now: now)
    }

    /// `seconds` before `now`, or 1970 if that is earlier.
    static func ago(_ seconds: Double, now: Date = Date()) -> Date {
        Date(timeIntervalSince1970: max(0, now.timeIntervalSince1970 - seconds))
    }

    /// `date`'s milliseconds since the epoch, as Kafka keeps record times.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970 * 1000)
    }
}
