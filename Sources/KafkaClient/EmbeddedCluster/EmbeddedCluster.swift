public import Logging

/// A Kafka-protocol cluster inside this process: librdkafka's mock cluster, listening on loopback TCP.
///
/// Real Kafka clients (librdkafka, `kcat`, other processes) connect to `bootstrapServers`. It supports
/// produce and fetch, consumer groups with committed offsets, idempotent and transactional producers and
/// fault injection. Its limits, measured with librdkafka 2.0.2: data lives in memory only; a partition
/// drops its oldest records once it holds about 5 MB; CreateTopics and DescribeConsumerGroups are not
/// supported, so topics are created here; transaction markers are not written, so aborted records are
/// visible even to `read_committed` consumers.
public final class EmbeddedCluster: Sendable {
    private let mock: RDKafkaMockCluster

    /// Starts a cluster of `brokers` brokers on loopback ports chosen by the system.
    public init(brokers: Int = 3, logger: Logger) throws(KafkaError) {
        mock = try RDKafkaMockCluster(brokers: brokers, logger: logger)
        try mock.createTopic(Self.markerTopic, partitions: 1, replicationFactor: 1)
    }

    /// An empty topic every embedded cluster holds, so that a client in another process can tell it is on one
    /// (the cluster answers like any Kafka otherwise) and use ``groupProperties``.
    public static let markerTopic = "__newsline.embedded-cluster"

    /// ``groupProperties`` for a consumer of a cluster that holds `topics`: none unless it is an embedded
    /// cluster, and none if `given` sets either timing itself.
    public static func groupProperties(forClusterWith topics: Set<String>, given: [String: String]) -> [String: String] {
        topics.contains(markerTopic) ? groupProperties(unlessIn: given) : [:]
    }

    /// ``groupProperties``, or none if `given` sets either timing itself (the two must agree).
    public static func groupProperties(unlessIn given: [String: String]) -> [String: String] {
        groupProperties.keys.allSatisfy { given[$0] == nil } ? groupProperties : [:]
    }

    /// Group timings for the members of this cluster's consumer groups. It completes a rebalance after a
    /// member left only once the session timeout (less a second) has passed, and it drops a member that has
    /// not rejoined a rebalance by then: the session is short, and the heartbeat, which is how a member
    /// learns of a rebalance, a third of it, as Kafka advises.
    public static let groupProperties = ["session.timeout.ms": "6000", "heartbeat.interval.ms": "2000"]

    /// `groupProperties` as a worker's `--kafka-property` arguments.
    public static var workerArguments: [String] {
        groupProperties.sorted { $0.key < $1.key }.flatMap { ["--kafka-property", "\($0.key)=\($0.value)"] }
    }

    /// The `bootstrap.servers` string to give clients.
    public var bootstrapServers: String { mock.bootstrapServers }

    /// Creates a topic. Creating an existing topic is an error.
    public func createTopic(_ name: String, partitions: Int, replicationFactor: Int = 1) throws(KafkaError) {
        try mock.createTopic(name, partitions: partitions, replicationFactor: replicationFactor)
    }

    /// Takes a broker (1-based id) down or brings it back: its connections close and it refuses new ones.
    public func setBroker(_ id: Int32, down: Bool) throws(KafkaError) {
        try mock.setBrokerDown(id, down: down)
    }

    /// Adds a round-trip delay to every request a broker answers.
    public func setBroker(_ id: Int32, roundTripMilliseconds: Int) throws(KafkaError) {
        try mock.setBrokerRoundTrip(id, milliseconds: roundTripMilliseconds)
    }

    /// Makes the next `count` requests of a Kafka API (`apiKey`, e.g. 0 for Produce) fail with `errorCode`
    /// (a Kafka protocol error code, e.g. 7 for REQUEST_TIMED_OUT).
    public func failNextRequests(apiKey: Int16, count: Int, errorCode: Int32) {
        mock.failNextRequests(apiKey: apiKey, count: count, errorCode: errorCode)
    }
}
