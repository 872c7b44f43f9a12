import Foundation
import KafkaClient

/// A stretch of a topic: each partition from a start offset up to an end offset (exclusive), both looked up once,
/// so a read ends where the topic ended when it began, however much is written meanwhile.
struct TopicRange {
    /// Where a stretch starts or ends.
    enum Bound: Equatable {
        case time(Int64)
        case offset(Int64)

        init?(_ text: String) {
            if let offset = Int64(text), offset >= 0 {
                self = .offset(offset)
            } else if let date = PointInTime.date(text) {
                self = .time(PointInTime.milliseconds(date))
            } else {
                return nil
            }
        }
    }

    let topic: String
    let starts: [Int32: Int64]
    let ends: [Int32: Int64]

    /// The stretch of `partitions` of `topic` from `since` (else the first record kept) to `until` (else the end).
    init(
        topic: String,
        partitions: [Int32],
        since: Bound?,
        until: Bound?,
        consumer: KafkaConsumer,
        configuration: KafkaConfiguration
    ) throws {
        self.topic = topic
        var byTime: [Int64: [Int32: Int64]] = [:]
        for case .time(let milliseconds) in [since, until] where byTime[milliseconds] == nil {
            byTime[milliseconds] = try TimeOffsets(configuration: configuration)
                .lookup(topic: topic, partitions: partitions, milliseconds: milliseconds, consumer: consumer)
        }
        /// The offset `bound` means, within the partition's records; `otherwise` without a bound.
        func offset(_ bound: Bound?, partition: Int32, marks: Watermarks, otherwise: Int64) -> Int64 {
            let wanted: Int64 =
                switch bound {
                case .none: otherwise
                case .offset(let offset): offset
                // No record that recent: the stretch starts, or ends, at the partition's end.
                case .time(let milliseconds):
                    byTime[milliseconds]?[partition].flatMap { $0 < 0 ? nil : $0 } ?? marks.high
                }
            return min(max(wanted, marks.low), marks.high)
        }
        var starts: [Int32: Int64] = [:]
        var ends: [Int32: Int64] = [:]
        for partition in partitions {
            let marks = try consumer.watermarks(topic: topic, partition: partition)
            starts[partition] = offset(since, partition: partition, marks: marks, otherwise: marks.low)
            ends[partition] = offset(until, partition: partition, marks: marks, otherwise: marks.high)
        }
        self.starts = starts
        self.ends = ends
    }

    /// A consumer for reading stretches: one that says when it reaches a partition's end (see
    /// ``KafkaConsumer/read(_:idleLimit:_:)``).
    static func consumer(_ configuration: KafkaConfiguration) throws -> KafkaConsumer {
        var consumerConfiguration = KafkaConsumerConfiguration(kafka: configuration, groupID: nil)
        consumerConfiguration.reportsPartitionEnds = true
        return try KafkaConsumer(configuration: consumerConfiguration, logger: cliLogger)
    }

    /// Hands `body` every record of the stretch, each partition's in offset order. `consumer` is one of
    /// ``consumer(_:)``'s.
    ///
    /// - Throws: `CLIError` when no record arrives for 15 s before the stretch is read; what `body` throws.
    func read(with consumer: KafkaConsumer, _ body: (ConsumerRecord) throws -> Void) throws {
        try Self.read([self], with: consumer, body)
    }

    /// Reads several stretches (of different topics) at once, under one assignment: one after the other, each would
    /// wait for its own first fetch.
    static func read(
        _ ranges: [TopicRange],
        with consumer: KafkaConsumer,
        _ body: (ConsumerRecord) throws -> Void
    ) throws {
        let stretches = ranges.flatMap { range in
            range.starts.map { partition, start in
                PartitionStretch(topic: range.topic, partition: partition, start: start, end: range.ends[partition]!)
            }
        }
        do {
            try consumer.read(stretches, body)
        } catch let error as KafkaError where error.code == .timeout {
            throw CLIError(error.reason)
        }
    }
}
