import Foundation
import KafkaClient

/// Where `newsline replay` moves a group's offset on each partition.
enum ResetTarget: Equatable {
    case earliest
    case latest
    case time(milliseconds: Int64)
    case offset(Int64)
    case shift(Int64)
}

/// One partition's line of a replay plan.
struct PartitionPlan: Equatable {
    var partition: Int32
    /// The committed offset, `nil` when the group has none.
    var current: Int64?
    var low: Int64
    var high: Int64
    var new: Int64

    /// Records the group will read (again) from `new` to the end.
    var toProcess: Int64 { max(0, high - new) }
}

enum OffsetPlanner {
    /// The new offset for one partition, clamped to what the partition still holds.
    /// `timeOffset` is the broker's answer for `.time` (-1 when no record is that recent).
    static func plan(
        partition: Int32,
        current: Int64?,
        watermarks: Watermarks,
        target: ResetTarget,
        timeOffset: Int64?
    ) -> PartitionPlan {
        let raw: Int64 =
            switch target {
            case .earliest: watermarks.low
            case .latest: watermarks.high
            case .time: (timeOffset ?? -1) < 0 ? watermarks.high : timeOffset!
            case .offset(let offset): offset
            case .shift(let delta): shifted(current ?? watermarks.high, by: delta)
            }
        let new = min(max(raw, watermarks.low), watermarks.high)
        return PartitionPlan(partition: partition, current: current, low: watermarks.low, high: watermarks.high, new: new)
    }

    /// `offset + delta`, stopping at the ends of `Int64` (and so, once clamped, at the partition's ends).
    private static func shifted(_ offset: Int64, by delta: Int64) -> Int64 {
        let (sum, overflow) = offset.addingReportingOverflow(delta)
        return overflow ? (delta > 0 ? .max : .min) : sum
    }

    /// Parses `1h30m`, `45s`, `2d`, `1.5h`, or ISO 8601 `PT1H30M`, `P1DT12H`, `P2W` into seconds; `nil` for
    /// anything else, a zero duration, and ISO 8601 months and years, which have no fixed length.
    static func parseDuration(_ text: String) -> Double? {
        let text = text.uppercased()
        let total: Double?
        if text.hasPrefix("P") {
            let parts = text.dropFirst().split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
            if parts.count == 2, parts[1].isEmpty { return nil }
            let date = sum(parts[0], units: ["W": 604_800, "D": 86_400])
            let time = parts.count == 2 ? sum(parts[1], units: ["H": 3_600, "M": 60, "S": 1]) : 0
            total = date.flatMap { date in time.map { date + $0 } }
        } else {
            total = sum(Substring(text), units: ["D": 86_400, "H": 3_600, "M": 60, "S": 1])
        }
        guard let total, total > 0, total.isFinite else { return nil }
        return total
    }

    /// Numbers each followed by one of `units`, in seconds.
    private static func sum(_ text: Substring, units: [Character: Double]) -> Double? {
        var total = 0.0
        var number = ""
        for character in text {
            if character.isASCII, character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard let value = Double(number), let unit = units[character] else { return nil }
            total += value * unit
            number = ""
        }
        return number.isEmpty ? total : nil
    }
}
