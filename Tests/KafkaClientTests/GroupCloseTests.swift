import Foundation
import KafkaClient
import Testing

/// Closing a group member, whatever state its group is in.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct GroupCloseTests {
    /// librdkafka 2.0.2 aborts the process when it destroys a `cooperative-sticky` member that got through JoinGroup
    /// but never had an assignment (librdkafka issue 4312): a worker stopped during its first rebalance, say.
    @Test func aMemberThatJoinedButWasNeverAssignedClosesWithoutAbortingTheProcess() throws {
        let cluster = try EmbeddedCluster(brokers: 1, logger: testLogger)
        let topic = uniqueName("never-assigned")
        try cluster.createTopic(topic, partitions: 2)
        // Every SyncGroup (API key 14) fails with REBALANCE_IN_PROGRESS (27): the member gets through JoinGroup,
        // which picks its assignor, and never to an assignment.
        cluster.failNextRequests(apiKey: 14, count: 1_000, errorCode: 27)
        var configuration = KafkaConsumerConfiguration(kafka: .init(bootstrapServers: cluster.bootstrapServers), groupID: uniqueName("group"))
        configuration.partitionAssignmentStrategy = "cooperative-sticky"
        configuration.kafka.additionalProperties.merge(EmbeddedCluster.groupProperties) { $1 }
        var consumer: KafkaConsumer? = try KafkaConsumer(configuration: configuration, logger: testLogger)
        try consumer?.subscribe(topics: [topic])
        let deadline = ContinuousClock.now + .seconds(3)
        while ContinuousClock.now < deadline { _ = try consumer?.poll(timeout: .milliseconds(100)) }
        #expect(try consumer?.assignment().isEmpty == true)
        #expect(consumer?.close(timeout: .seconds(10)) == true)
        consumer = nil
    }
}
