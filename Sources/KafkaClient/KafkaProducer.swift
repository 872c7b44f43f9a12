public import Logging
import Synchronization

/// Produces records to Kafka. Idempotent by default; transactional when configured with a transactional id.
///
/// Delivery is asynchronous: `send(_:completion:)` enqueues and calls back once the broker acknowledged the
/// record (on the producer's poll thread, so keep the callback short); `send(_:)` awaits it. Call
/// `close(timeout:)` to flush and stop.
public final class KafkaProducer: Sendable {
    let client: RDKafkaProducerClient

    /// Creates a producer and starts its poll thread.
    /// - Throws: `KafkaError` with code `.configuration` for an invalid property.
    public init(configuration: KafkaProducerConfiguration, logger: Logger) throws(KafkaError) {
        client = try RDKafkaProducerClient(properties: configuration.properties, logger: logger)
    }

    deinit {
        client.stopPolling()
    }

    /// Sets a handler for client-level errors (all brokers down, fatal errors); by default they are logged.
    public func onError(_ handler: @escaping @Sendable (KafkaError) -> Void) {
        client.client.callbacks.onError.withLock { $0 = handler }
    }

    /// Enqueues a record; `completion` runs once it is acknowledged or has failed.
    /// - Throws: `KafkaError` when it cannot be enqueued (closed producer, queue full for too long, unknown partition).
    public func send(
        _ record: ProducerRecord,
        completion: @escaping @Sendable (Result<DeliveryReport, KafkaError>) -> Void
    ) throws(KafkaError) {
        try client.produce(record, completion: completion)
    }

    /// Sends a record and waits for the broker's acknowledgement.
    public func send(_ record: ProducerRecord) async throws(KafkaError) -> DeliveryReport {
        let result: Result<DeliveryReport, KafkaError> = await withCheckedContinuation { continuation in
            do throws(KafkaError) {
                try client.produce(record) { continuation.resume(returning: $0) }
            } catch {
                continuation.resume(returning: .failure(error))
            }
        }
        return try result.get()
    }

    /// Topics in the cluster with their partition counts; only `topic` when given, none if it does not exist.
    /// Never creates a topic, even on a broker that creates topics on first use.
    public func metadata(topic: String? = nil, timeout: Duration = .seconds(10)) throws(KafkaError) -> [TopicMetadata] {
        try client.client.existingTopics(named: topic, timeoutMilliseconds: timeout.milliseconds)
    }

    /// The number of records enqueued but not yet acknowledged.
    public var outstandingCount: Int { client.outstanding }

    /// Blocks until every enqueued record is acknowledged or failed. Call from a dedicated thread.
    public func flush(timeout: Duration) throws(KafkaError) {
        try client.flush(timeout: timeout)
    }

    /// Flushes (up to `timeout`) and stops the poll thread. The producer cannot send afterwards.
    public func close(timeout: Duration = .seconds(10)) {
        try? client.flush(timeout: timeout)
        client.stopPolling()
    }

    // MARK: - Transactions

    /// Registers the transactional id with the coordinator, fencing older producers with the same id.
    public func initTransactions(timeout: Duration = .seconds(30)) throws(KafkaError) {
        try client.initTransactions(timeoutMilliseconds: timeout.milliseconds)
    }

    /// Starts a transaction.
    public func beginTransaction() throws(KafkaError) {
        try client.beginTransaction()
    }

    /// Adds a consumer's next positions to the transaction: they are committed only if it commits.
    public func sendOffsetsToTransaction(
        _ positions: [TopicPartitionOffset],
        consumer: KafkaConsumer,
        timeout: Duration = .seconds(30)
    ) throws(KafkaError) {
        try client.sendOffsetsToTransaction(positions, consumer: consumer.client, timeoutMilliseconds: timeout.milliseconds)
    }

    /// Flushes and commits the transaction.
    public func commitTransaction(timeout: Duration = .seconds(30)) throws(KafkaError) {
        try client.commitTransaction(timeoutMilliseconds: timeout.milliseconds)
    }

    /// Aborts the transaction: its records are never visible to `read_committed` consumers.
    public func abortTransaction(timeout: Duration = .seconds(30)) throws(KafkaError) {
        try client.abortTransaction(timeoutMilliseconds: timeout.milliseconds)
    }
}
