import KafkaClient
import Synchronization

/// Tracks, per partition, which consumed offsets are done, and says which offset may be stored: the one
/// after the longest run of done offsets from the oldest pending one. An offset is never stored past a
/// record whose output (or dead letter) the broker has not acknowledged.
struct OffsetTracker: Sendable {
    private struct PartitionKey: Hashable, Sendable {
        var topic: String
        var partition: Int32
    }

    private struct Pending: Sendable {
        /// Offsets in consumption order, oldest first, with whether each is done.
        var offsets: [Int64] = []
        var done: Set<Int64> = []
        var head = 0
    }

    private var partitions: [PartitionKey: Pending] = [:]
    /// Positions that moved since the last `takeReady()`, to store in one call.
    private var ready: [PartitionKey: Int64] = [:]
    private(set) var inFlight = 0

    /// Registers a consumed record, in consumption order.
    mutating func begin(topic: String, partition: Int32, offset: Int64) {
        partitions[PartitionKey(topic: topic, partition: partition), default: Pending()].offsets.append(offset)
        inFlight += 1
    }

    /// Marks a record done. Returns the position to store (last contiguous done offset + 1), if it moved.
    mutating func complete(topic: String, partition: Int32, offset: Int64) -> TopicPartitionOffset? {
        let key = PartitionKey(topic: topic, partition: partition)
        guard var pending = partitions[key] else { return nil }
        pending.done.insert(offset)
        inFlight -= 1
        var advanced: Int64?
        while pending.head < pending.offsets.count, pending.done.remove(pending.offsets[pending.head]) != nil {
            advanced = pending.offsets[pending.head]
            pending.head += 1
        }
        if pending.head > 1024 || pending.head == pending.offsets.count {
            pending.offsets.removeFirst(pending.head)
            pending.head = 0
        }
        partitions[key] = pending
        guard let advanced else { return nil }
        ready[key] = advanced + 1
        return TopicPartitionOffset(topic: topic, partition: partition, offset: advanced + 1)
    }

    /// The positions that moved since the last call, one per partition, and forgets them.
    mutating func takeReady() -> [TopicPartitionOffset] {
        defer { ready.removeAll(keepingCapacity: true) }
        return ready.map { TopicPartitionOffset(topic: $0.key.topic, partition: $0.key.partition, offset: $0.value) }.sorted()
    }

    /// Forgets revoked partitions: their records will be read again by their next owner.
    mutating func forget(_ revoked: [TopicPartitionOffset]) {
        for position in revoked {
            let key = PartitionKey(topic: position.topic, partition: position.partition)
            ready.removeValue(forKey: key)
            if let pending = partitions.removeValue(forKey: key) {
                inFlight -= pending.offsets.count - pending.head - pending.done.count
            }
        }
    }
}
