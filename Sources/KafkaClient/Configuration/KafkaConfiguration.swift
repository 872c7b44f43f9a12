/// Settings shared by every Kafka client: where the brokers are and any librdkafka property to pass through.
///
/// Typed fields cover what Newsline sets itself; `additionalProperties` is the escape hatch for everything
/// else librdkafka understands (`security.protocol`, `sasl.mechanisms`, `ssl.ca.location`, ...). An
/// additional property wins over a typed default.
public struct KafkaConfiguration: Sendable, Hashable {
    /// `bootstrap.servers`: comma-separated `host:port` list.
    public var bootstrapServers: String
    /// `client.id`. Default: `newsline`.
    public var clientID: String = "newsline"
    /// Raw librdkafka properties, applied last.
    public var additionalProperties: [String: String] = [:]

    /// Creates a configuration for these brokers.
    public init(bootstrapServers: String, additionalProperties: [String: String] = [:]) {
        self.bootstrapServers = bootstrapServers
        self.additionalProperties = additionalProperties
    }

    var baseProperties: [String: String] {
        ["bootstrap.servers": bootstrapServers, "client.id": clientID]
    }
}

/// Producer settings.
public struct KafkaProducerConfiguration: Sendable, Hashable {
    /// Brokers and pass-through properties.
    public var kafka: KafkaConfiguration
    /// `enable.idempotence`. Default: `true` (no duplicates or reordering from internal retries).
    public var idempotent = true
    /// `compression.codec`. Default: `lz4`.
    public var compression = "lz4"
    /// `linger.ms`: how long to wait to fill a batch. Default: 5.
    public var lingerMilliseconds = 5
    /// `partitioner`: how a record's key picks its partition. Default: `murmur2_random`, the Java client's hash,
    /// so a key lands on the partition where Java producers, Kafka Streams, Connect and MirrorMaker put it.
    /// librdkafka's own default, `consistent_random`, hashes with CRC32 and mostly picks another.
    public var partitioner = "murmur2_random"
    /// `transactional.id`; setting it makes the producer transactional (exactly-once mode).
    public var transactionalID: String?
    /// `message.max.bytes`: the largest record accepted. Default: 8 MiB.
    public var maxMessageBytes = 8 * 1024 * 1024
    /// `message.timeout.ms`: how long a record may wait for its acknowledgement, retries included, before its
    /// delivery fails. Default: `nil`, librdkafka's own (300 s).
    public var deliveryTimeout: Duration?

    /// Creates producer settings.
    public init(kafka: KafkaConfiguration) {
        self.kafka = kafka
    }

    var properties: [String: String] {
        var properties = kafka.baseProperties
        properties["enable.idempotence"] = idempotent ? "true" : "false"
        properties["compression.codec"] = compression
        properties["linger.ms"] = String(lingerMilliseconds)
        properties["partitioner"] = partitioner
        properties["message.max.bytes"] = String(maxMessageBytes)
        if let transactionalID { properties["transactional.id"] = transactionalID }
        if let deliveryTimeout { properties["message.timeout.ms"] = String(max(1, deliveryTimeout.milliseconds)) }
        properties.merge(kafka.additionalProperties) { _, new in new }
        return properties
    }
}

/// Consumer settings.
public struct KafkaConsumerConfiguration: Sendable, Hashable {
    /// The isolation level of reads.
    public enum IsolationLevel: String, Sendable, Hashable {
        /// See every record, including those of open or aborted transactions.
        case readUncommitted = "read_uncommitted"
        /// See only records of committed transactions (exactly-once mode).
        case readCommitted = "read_committed"
    }

    /// Brokers and pass-through properties.
    public var kafka: KafkaConfiguration
    /// `group.id`; `nil` for a consumer that only assigns partitions itself.
    public var groupID: String?
    /// `auto.offset.reset` when the group has no committed offset: `earliest` (default) or `latest`.
    public var autoOffsetReset = "earliest"
    /// `isolation.level`. Default: read committed, as librdkafka's own default: records of a transaction that
    /// aborted, or is still open, are never seen. On topics written without transactions it changes nothing.
    public var isolationLevel = IsolationLevel.readCommitted
    /// `enable.auto.offset.store`. Default: `false`: the application stores an offset once it is done with it.
    public var autoOffsetStore = false
    /// `enable.auto.commit`: commit stored offsets periodically and on close. Default: `true`.
    public var autoCommit = true
    /// `session.timeout.ms`: how long the group waits for a silent member. Default: librdkafka's (45 s).
    /// The embedded cluster completes every rebalance after a member left only when this (less a second)
    /// has passed, so short-lived members and tests keep it at Kafka's minimum, 6 s.
    public var sessionTimeoutMilliseconds: Int?
    /// `fetch.max.bytes` and `max.partition.fetch.bytes` allow records this large. Default: 8 MiB.
    public var maxMessageBytes = 8 * 1024 * 1024
    /// `enable.partition.eof`: ``KafkaConsumer/pollEvent(timeout:)`` also says when a partition's end is reached.
    /// Default: `false`.
    public var reportsPartitionEnds = false
    /// `partition.assignment.strategy`, for example `cooperative-sticky`. Default: `nil`, librdkafka's
    /// (`range,roundrobin`, which revoke every partition of every member on each rebalance).
    public var partitionAssignmentStrategy: String?

    /// Creates consumer settings.
    public init(kafka: KafkaConfiguration, groupID: String?) {
        self.kafka = kafka
        self.groupID = groupID
    }

    var properties: [String: String] {
        var properties = kafka.baseProperties
        if let groupID {
            properties["group.id"] = groupID
        } else {
            // librdkafka needs a group id for a consumer handle even when nothing is committed.
            properties["group.id"] = "newsline-unused"
        }
        properties["auto.offset.reset"] = autoOffsetReset
        properties["isolation.level"] = isolationLevel.rawValue
        properties["enable.auto.offset.store"] = autoOffsetStore ? "true" : "false"
        properties["enable.auto.commit"] = (autoCommit && groupID != nil) ? "true" : "false"
        properties["fetch.max.bytes"] = String(max(maxMessageBytes, 52_428_800))
        properties["max.partition.fetch.bytes"] = String(maxMessageBytes)
        properties["enable.partition.eof"] = reportsPartitionEnds ? "true" : "false"
        if let sessionTimeoutMilliseconds { properties["session.timeout.ms"] = String(sessionTimeoutMilliseconds) }
        if let partitionAssignmentStrategy { properties["partition.assignment.strategy"] = partitionAssignmentStrategy }
        properties.merge(kafka.additionalProperties) { _, new in new }
        return properties
    }
}
