extension KafkaConsumer {
    /// What ``pollEvent(timeout:)`` returns.
    public enum Event: Sendable {
        /// The next record.
        case record(ConsumerRecord)
        /// The consumer has read a partition to its end, for now: `offset` is where the next record will be
        /// written. Reported only by a consumer made with ``KafkaConsumerConfiguration/reportsPartitionEnds``.
        case partitionEnd(TopicPartitionOffset)
    }

    /// The next record or end of a partition, or `nil` if neither arrived within `timeout`.
    /// - Throws: `KafkaError` for a consume error (the consumer can go on unless it is fatal).
    public func pollEvent(timeout: Duration) throws(KafkaError) -> Event? {
        try client.pollEvent(timeoutMilliseconds: timeout.milliseconds)
    }

    /// Reads `stretches` outside any group: hands `body` each of their records, each partition's in offset order,
    /// and returns once every partition is read to its stretch's end.
    ///
    /// Not every offset holds a record a consumer is given. A transaction's commit or abort marker takes one, so
    /// a topic written in transactions usually ends with a marker; compaction leaves holes; retention can remove
    /// a stretch while it is read, and the consumer then goes on at the first record kept, past it. A partition
    /// is therefore done at its stretch's last record, at any record past it (not handed to `body`), or when the
    /// consumer reaches the partition's end at or past the stretch's end. Make the consumer with
    /// ``KafkaConsumerConfiguration/reportsPartitionEnds``: without it, a stretch that ends in a hole is done
    /// only when a record past it arrives.
    ///
    /// - Throws: `KafkaError` with code `.timeout` when for `idleLimit` neither a record nor a partition's end
    ///   arrived while some partition was not done (with `read_committed`, a transaction left open holds reads
    ///   back until it ends); what `body` throws.
    public func read(
        _ stretches: [PartitionStretch],
        idleLimit: Duration = .seconds(15),
        _ body: (ConsumerRecord) throws -> Void
    ) throws {
        let stretches = stretches.filter { $0.start < $0.end }
        guard !stretches.isEmpty else { return }
        var ends = Dictionary(stretches.map { ($0.place, $0.end) }) { _, last in last }
        try assign(stretches.map { TopicPartitionOffset(topic: $0.topic, partition: $0.partition, offset: $0.start) })
        var idleSince = ContinuousClock.now
        while !ends.isEmpty {
            guard let event = try pollEvent(timeout: .milliseconds(200)) else {
                if ContinuousClock.now - idleSince > idleLimit {
                    let left = ends.keys.map { "\($0.topic)[\($0.partition)]" }.sorted().joined(separator: ", ")
                    throw KafkaError(
                        code: .timeout,
                        reason: "no records arrived for \(idleLimit.components.seconds) s; partitions left: \(left)"
                    )
                }
                continue
            }
            idleSince = .now
            switch event {
            case .record(let record):
                let place = PartitionStretch.Place(topic: record.topic, partition: record.partition)
                guard let end = ends[place] else { continue }
                if record.offset + 1 >= end { ends[place] = nil }
                if record.offset < end { try body(record) }
            case .partitionEnd(let position):
                let place = PartitionStretch.Place(topic: position.topic, partition: position.partition)
                if let end = ends[place], position.offset >= end { ends[place] = nil }
            }
        }
    }
}

/// Part of one partition: its records from `start` up to `end` (exclusive), as ``KafkaConsumer/read(_:idleLimit:_:)`` reads them.
public struct PartitionStretch: Sendable, Hashable {
    /// The topic.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The first offset.
    public var start: Int64
    /// The offset after the last.
    public var end: Int64

    /// Creates a stretch.
    public init(topic: String, partition: Int32, start: Int64, end: Int64) {
        self.topic = topic
        self.partition = partition
        self.start = start
        self.end = end
    }

    struct Place: Hashable {
        var topic: String
        var partition: Int32
    }

    var place: Place { Place(topic: topic, partition: partition) }
}
