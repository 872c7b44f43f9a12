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
            case .shift(let delta): (current ?? watermarks.high) + delta
            }
        let new = min(max(raw, watermarks.low), watermarks.high)
        return PartitionPlan(partition: partition, current: current, low: watermarks.low, high: watermarks.high, new: new)
    }

    /// Parses `1h30m`, `45s`, `2d`, or ISO 8601 `PT1H30M` / `P1D` into seconds.
    static func parseDuration(_ text: String) -> Double? {
        var body = text.uppercased()
        if body.hasPrefix("P") {
            body.removeFirst()
            body = body.replacingOccurrences(of: "T", with: "")
        }
        guard !body.isEmpty else { return nil }
        var total = 0.0
        var number = ""
        for character in body {
            if character.isNumber || character == "." {
                number.append(character)
                continue
            }
            guard let value = Double(number) else { return nil }
            switch character {
            case "S": total += value
            case "M": total += value * 60
            case "H": total += value * 3600
            case "D": total += value * 86400
            default: return nil
            }
            number = ""
        }
        return number.isEmpty && total > 0 ? total : nil
    }
}
