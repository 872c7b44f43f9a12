public import Logging

/// Cluster administration: create and list topics, describe consumer groups.
///
/// - Important: the calls block for at most their timeout; the embedded cluster supports neither
///   CreateTopics nor DescribeConsumerGroups (it creates its topics itself).
public final class KafkaAdmin: Sendable {
    private let client: RDKafkaClient

    /// Creates an admin client.
    public init(configuration: KafkaConfiguration, logger: Logger) throws(KafkaError) {
        var properties = configuration.baseProperties
        properties.merge(configuration.additionalProperties) { _, new in new }
        client = try RDKafkaClient(kind: .producer, properties: properties, logger: logger)
    }

    /// Creates topics. Returns, per topic, `nil` when created or the broker's error (for example that it
    /// already exists).
    /// - Throws: when the request as a whole failed (unsupported by the broker, timeout).
    public func createTopics(
        _ names: [String],
        partitions: Int,
        replicationFactor: Int,
        timeout: Duration = .seconds(30)
    ) throws(KafkaError) -> [String: KafkaError?] {
        try RDKafkaAdmin.createTopics(
            client.handle,
            names: names,
            partitions: Int32(partitions),
            replicationFactor: Int32(replicationFactor),
            timeoutMilliseconds: timeout.milliseconds
        )
    }

    /// Topics in the cluster with their partition counts.
    public func listTopics(timeout: Duration = .seconds(10)) throws(KafkaError) -> [TopicMetadata] {
        try client.metadata(topic: nil, timeoutMilliseconds: timeout.milliseconds)
    }

    /// A consumer group's state (`Stable`, `Empty`, `Dead`, ...) and member count.
    /// - Throws: where the broker cannot describe groups.
    public func describeGroup(_ group: String, timeout: Duration = .seconds(10)) throws(KafkaError)
        -> (state: String, members: Int)
    {
        try RDKafkaAdmin.describeGroup(client.handle, group: group, timeoutMilliseconds: timeout.milliseconds)
    }
}
