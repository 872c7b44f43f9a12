public import Logging

/// Cluster administration: create and list topics.
///
/// - Important: the calls block for at most their timeout; the embedded cluster does not support
///   CreateTopics (it creates its topics itself).
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
        try client.existingTopics(named: nil, timeoutMilliseconds: timeout.milliseconds)
    }
}
