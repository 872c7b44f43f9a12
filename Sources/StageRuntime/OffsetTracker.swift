import KafkaClient
import Synchronization

/// Tracks, per partition, which consumed offsets are done, and says which offset may be stored: the one
/// after the longest run of done offsets from the oldest pending one. An offset is never stored past a
/// record whose output (or dead letter) the broker has not acknowledged.
struct OffsetTracker: Sendable {
    private struct PartitionKey: Hashable, Sendable {
        var topic: String
        var partition: Int32

        /// The partition and the topic name's length: a record's key is hashed up to three times, and hashing
        /// the name's bytes was a quarter of its tracking. Keys alike in both (one partition of two topics with
        /// names of one length) are told apart by equality, which compares the names; a worker reads one topic.
        func hash(into hasher: inout Hasher) {
            hasher.combine(partition)
            hasher.combine(topic.utf8.count)
        }
    }

    private struct Pending: Sendable {
        /// Offsets in consumption order, oldest first, and whether each is done.
        var offsets: [Int64] = []
        var done: [Bool] = []
        var head = 0

        mutating func append(_ offset: Int64) {
            offsets.append(offset)
            done.append(false)
        }

        /// Records not done yet.
        var pendingCount: Int { done[head...].lazy.filter { !$0 }.count }

        /// Marks `offset` done. Returns whether it was pending, and the last offset of the run of done ones from the
        /// oldest, if that run grew.
        mutating func complete(_ offset: Int64) -> (wasPending: Bool, advanced: Int64?) {
            guard let index = index(of: offset), !done[index] else { return (false, nil) }
            done[index] = true
            var advanced: Int64?
            while head < offsets.count, done[head] {
                advanced = offsets[head]
                head += 1
            }
            if head > 1024 || head == offsets.count {
                offsets.removeFirst(head)
                done.removeFirst(head)
                head = 0
            }
            return (true, advanced)
        }

        /// Where `offset` is among those not yet let go. Acknowledgements come mostly in order, so the oldest is
        /// tried first. A partition's records are consumed in offset order, so the list is sorted and searched by
        /// halves; a list out of order, which the consumer never makes, is searched from the front.
        private func index(of offset: Int64) -> Int? {
            if head < offsets.count, offsets[head] == offset { return head }
            var low = head
            var high = offsets.count
            while low < high {
                let middle = low + (high - low) / 2
                if offsets[middle] < offset { low = middle + 1 } else { high = middle }
            }
            if low < offsets.count, offsets[low] == offset { return low }
            return offsets[head...].firstIndex(of: offset)
        }
    }

    private var partitions: [PartitionKey: Pending] = [:]
    /// Positions that moved since the last `takeReady()`, to store in one call.
    private var ready: [PartitionKey: Int64] = [:]
    private(set) var inFlight = 0

    /// Registers a consumed record, in consumption order.
    mutating func begin(topic: String, partition: Int32, offset: Int64) {
        partitions[PartitionKey(topic: topic, partition: partition), default: Pending()].append(offset)
        inFlight += 1
    }

    /// Marks a record done. Returns the position to store (last contiguous done offset + 1), if it moved.
    mutating func complete(topic: String, partition: Int32, offset: Int64) -> TopicPartitionOffset? {
        let key = PartitionKey(topic: topic, partition: partition)
        guard let index = partitions.index(forKey: key) else { return nil }
        // Changed where it is stored: a copy taken out of the dictionary would share its buffers, and the first
        // change would copy them whole, once per acknowledgement.
        let (wasPending, advanced) = partitions.values[index].complete(offset)
        if wasPending { inFlight -= 1 }
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
                inFlight -= pending.pendingCount
            }
        }
    }
}
