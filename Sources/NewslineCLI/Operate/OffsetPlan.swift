import Foundation
import KafkaClient
import StageRuntime

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

    /// The seconds a duration back in time stands for (`1h30m`, `45s`, `2d`, `PT15M`; see ``DurationText``), or
    /// `nil` for anything else, a bare number and a zero duration included.
    static func parseDuration(_ text: String) -> Double? {
        DurationText.seconds(text).flatMap { $0 > 0 ? $0 : nil }
    }
}
