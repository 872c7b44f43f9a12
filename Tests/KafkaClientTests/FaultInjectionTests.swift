import Foundation
import KafkaClient
import Testing

/// Transient broker errors, injected into the embedded cluster, are retried by the producer.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct FaultInjectionTests {
    @Test func aProduceThatFailsTransientlyIsRetriedAndWrittenOnce() async throws {
        let cluster = try EmbeddedCluster(brokers: 1, logger: testLogger)
        let topic = uniqueName("retry")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers)), logger: testLogger)
        defer { producer.close() }
        _ = try await producer.send(ProducerRecord(topic: topic, value: Array("first".utf8)))
        // The next three Produce requests (API key 0) fail with NOT_LEADER_OR_FOLLOWER (6), a retriable error.
        cluster.failNextRequests(apiKey: 0, count: 3, errorCode: 6)
        let report = try await producer.send(ProducerRecord(topic: topic, value: Array("second".utf8)))
        #expect(report.offset == 1)

        let consumer = try KafkaConsumer(
            configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers), groupID: nil),
            logger: testLogger
        )
        defer { consumer.close() }
        #expect(try consumer.watermarks(topic: topic, partition: 0).high == 2, "written once, not once per attempt")
    }

    @Test func aBrokerThatGoesDownAndComesBackLosesNoRecord() async throws {
        let cluster = try EmbeddedCluster(brokers: 1, logger: testLogger)
        let topic = uniqueName("broker-down")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers)), logger: testLogger)
        defer { producer.close() }
        _ = try await producer.send(ProducerRecord(topic: topic, value: [0]))
        try cluster.setBroker(1, down: true)
        let pending = Task { try await producer.send(ProducerRecord(topic: topic, value: [1])) }
        try await Task.sleep(for: .milliseconds(500))
        try cluster.setBroker(1, down: false)
        let report = try await pending.value
        #expect(report.offset == 1)
    }
}
