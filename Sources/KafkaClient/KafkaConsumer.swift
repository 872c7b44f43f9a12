public import Logging
import Synchronization

/// Reads records from Kafka, in a consumer group or from partitions it assigns itself.
///
/// - Important: every method blocks the calling thread for at most its timeout. Drive a consumer from a
///   dedicated thread, never from Swift's cooperative pool. Offsets are stored by the application
///   (`storeOffsets`) once it is done with a record, and committed periodically and on `close()`.
public final class KafkaConsumer: Sendable {
    /// A change of the partitions this consumer owns.
    public enum RebalanceEvent: Sendable {
        /// These partitions were assigned.
        case assigned([TopicPartitionOffset])
        /// These partitions are being taken away; finish and store their work now.
        case revoked([TopicPartitionOffset])
        /// The rebalance failed.
        case failed(KafkaError)
    }

    let client: RDKafkaConsumerClient

    /// Creates a consumer.
    /// - Throws: `KafkaError` with code `.configuration` for an invalid property.
    public init(configuration: KafkaConsumerConfiguration, logger: Logger) throws(KafkaError) {
        client = try RDKafkaConsumerClient(properties: configuration.properties, logger: logger)
    }

    /// Sets a handler for partition assignment changes. It runs inside `poll`, on the polling thread.
    public func onRebalance(_ handler: @escaping @Sendable (RebalanceEvent) -> Void) {
        client.client.callbacks.onRebalance.withLock {
            $0 = { event, partitions in
                switch event {
                case .assign: handler(.assigned(partitions))
                case .revoke: handler(.revoked(partitions))
                case .error(let error): handler(.failed(error))
                }
            }
        }
    }

    /// Sets a handler for client-level errors; by default they are logged.
    public func onError(_ handler: @escaping @Sendable (KafkaError) -> Void) {
        client.client.callbacks.onError.withLock { $0 = handler }
    }

    /// Joins the group and reads these topics.
    ///
    /// - Note: with the `cooperative-sticky` assignor and librdkafka older than 2.3.0, a consumer that never had
    ///   an assignment is closed as usual but its handle is not destroyed: it is left to the process's exit, since
    ///   destroying it can abort the process (librdkafka issue 4312). Such a consumer belongs in a process that
    ///   ends soon after closing it, as a worker or a CLI command does.
    public func subscribe(topics: [String]) throws(KafkaError) {
        try client.subscribe(topics: topics)
    }

    /// Reads these partitions from these offsets, outside any group.
    public func assign(_ positions: [TopicPartitionOffset]) throws(KafkaError) {
        try client.assign(positions)
    }

    /// The next record, or `nil` if none arrived within `timeout`.
    /// - Throws: `KafkaError` for a consume error (the consumer can go on unless it is fatal).
    public func poll(timeout: Duration) throws(KafkaError) -> ConsumerRecord? {
        try client.poll(timeoutMilliseconds: timeout.milliseconds)
    }

    /// Marks records as done: each position is the offset of the next record to read (last done + 1).
    public func storeOffsets(_ positions: [TopicPartitionOffset]) throws(KafkaError) {
        try client.storeOffsets(positions)
    }

    /// Commits `positions`, or every stored offset when `nil`, and waits for the broker.
    public func commit(_ positions: [TopicPartitionOffset]? = nil) throws(KafkaError) {
        try client.commit(positions)
    }

    /// The group's committed positions for these partitions (`KafkaOffset.invalid` where none).
    public func committed(_ partitions: [TopicPartitionOffset], timeout: Duration = .seconds(10)) throws(KafkaError)
        -> [TopicPartitionOffset]
    {
        try client.committed(partitions, timeoutMilliseconds: timeout.milliseconds)
    }

    /// Moves the read position of assigned partitions.
    public func seek(_ positions: [TopicPartitionOffset], timeout: Duration = .seconds(10)) throws(KafkaError) {
        try client.seek(positions, timeoutMilliseconds: timeout.milliseconds)
    }

    /// The partitions currently assigned.
    public func assignment() throws(KafkaError) -> [TopicPartitionOffset] {
        try client.assignment()
    }

    /// A partition's low and high watermarks, asked of the broker.
    public func watermarks(topic: String, partition: Int32, timeout: Duration = .seconds(10)) throws(KafkaError)
        -> Watermarks
    {
        try client.client.queryWatermarks(topic: topic, partition: partition, timeoutMilliseconds: timeout.milliseconds)
    }

    /// For each (topic, partition, time in ms), the first offset at or after that time (-1 where none).
    public func offsetsForTimes(_ positions: [TopicPartitionOffset], timeout: Duration = .seconds(10)) throws(KafkaError)
        -> [TopicPartitionOffset]
    {
        try client.offsetsForTimes(positions, timeoutMilliseconds: timeout.milliseconds)
    }

    /// Topics in the cluster with their partition counts; only `topic` when given, none if it does not exist.
    /// Never creates a topic, even on a broker that creates topics on first use.
    public func metadata(topic: String? = nil, timeout: Duration = .seconds(10)) throws(KafkaError) -> [TopicMetadata] {
        try client.client.existingTopics(named: topic, timeoutMilliseconds: timeout.milliseconds)
    }

    /// Records not read yet on each assigned partition (as `offset`), from the watermarks librdkafka last
    /// saw in fetch responses: no broker request. Partitions not fetched yet are left out.
    public func lag() throws(KafkaError) -> [TopicPartitionOffset] {
        try client.lag()
    }

    /// Commits stored offsets, leaves the group and stops. Blocks until done.
    public func close() {
        client.close(timeoutMilliseconds: nil)
    }

    /// Commits stored offsets, leaves the group and stops, giving up after `timeout` (when the cluster is out of
    /// reach, say). The rebalance handler sees the revocation on this thread.
    /// - Returns: whether the close finished in time. If not, offsets not committed yet stay uncommitted (the
    ///   group reads those records again) and the group drops this member after its session timeout.
    @discardableResult
    public func close(timeout: Duration) -> Bool {
        client.close(timeoutMilliseconds: timeout.milliseconds)
    }
}

/// A topic's name, partition count and replication factor.
public struct TopicMetadata: Sendable, Hashable {
    /// The topic's name.
    public var name: String
    /// How many partitions it has.
    public var partitions: Int
    /// How many replicas each partition has.
    public var replicationFactor: Int
}
