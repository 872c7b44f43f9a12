import Foundation
import KafkaClient

/// Per partition, the offset of the first record at or after a time (Kafka's offsets-for-times), or -1 where no
/// record is that recent.
///
/// The broker is asked first. The embedded cluster (librdkafka's mock) answers every such question with -1, so
/// where the broker says -1 but the partition's last record is at or after the time, the offset is found from the
/// records' own timestamps: a binary search over offsets, about log2(records) reads of one record. A real broker
/// says -1 only when the last record is older, which the one read of that record confirms.
struct TimeOffsets {
    let configuration: KafkaConfiguration

    func lookup(topic: String, partitions: [Int32], milliseconds: Int64, consumer: KafkaConsumer) throws -> [Int32: Int64] {
        var result: [Int32: Int64] = [:]
        for answer in try consumer.offsetsForTimes(partitions.map { TopicPartitionOffset(topic: topic, partition: $0, offset: milliseconds) }) {
            result[answer.partition] = answer.offset
        }
        var reader: RecordReader?
        for partition in partitions where (result[partition] ?? -1) < 0 {
            let marks = try consumer.watermarks(topic: topic, partition: partition)
            guard marks.high > marks.low else { continue }
            if reader == nil { reader = try RecordReader(configuration: configuration, topic: topic) }
            result[partition] = try reader!.firstOffset(atOrAfter: milliseconds, partition: partition, from: marks.low, to: marks.high - 1)
        }
        return result
    }
}

/// Reads single records by offset, for their timestamps.
private final class RecordReader {
    let consumer: KafkaConsumer
    let topic: String

    init(configuration: KafkaConfiguration, topic: String) throws {
        consumer = try KafkaConsumer(configuration: .init(kafka: configuration, groupID: nil), logger: cliLogger)
        self.topic = topic
    }

    deinit { consumer.close() }

    /// The offset of the first record in `low...high` whose timestamp is at or after `milliseconds`; -1 if none is.
    /// Timestamps are taken as rising with offsets, as a partition's time index takes them.
    func firstOffset(atOrAfter milliseconds: Int64, partition: Int32, from low: Int64, to high: Int64) throws -> Int64 {
        guard let last = try record(atOrAfter: high, partition: partition), last.milliseconds >= milliseconds else { return -1 }
        var low = low
        var high = high
        var found = last.offset
        while low < high {
            let middle = low + (high - low) / 2
            guard let probe = try record(atOrAfter: middle, partition: partition) else { break }
            if probe.milliseconds >= milliseconds {
                found = probe.offset
                high = middle
            } else {
                low = probe.offset + 1
            }
        }
        return found
    }

    /// The first record at or after `offset`: its offset and timestamp (0 when it has none).
    private func record(atOrAfter offset: Int64, partition: Int32) throws -> (offset: Int64, milliseconds: Int64)? {
        try consumer.assign([TopicPartitionOffset(topic: topic, partition: partition, offset: offset)])
        // A real broker's partition may end in a transaction marker, which is never returned: wait briefly.
        let deadline = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < deadline {
            guard let record = try consumer.poll(timeout: .milliseconds(100)) else { continue }
            if record.partition == partition, record.offset >= offset {
                return (record.offset, record.timestampMilliseconds ?? 0)
            }
        }
        return nil
    }
}
