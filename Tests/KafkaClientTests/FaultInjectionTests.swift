import Foundation
import Synchronization
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

    @Test func aBrokerRoundTripDelayHoldsBackTheAcknowledgement() async throws {
        let cluster = try EmbeddedCluster(brokers: 1, logger: testLogger)
        let topic = uniqueName("slow")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers)), logger: testLogger)
        defer { producer.close() }
        _ = try await producer.send(ProducerRecord(topic: topic, value: [0]))
        try cluster.setBroker(1, roundTripMilliseconds: 400)
        let sent = ContinuousClock.now
        _ = try await producer.send(ProducerRecord(topic: topic, value: [1]))
        #expect(ContinuousClock.now - sent >= .milliseconds(400))
    }

    @Test func aBrokerThatGoesDownAndComesBackLosesNoRecord() async throws {
        let cluster = try EmbeddedCluster(brokers: 1, logger: testLogger)
        let topic = uniqueName("broker-down")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers)), logger: testLogger)
        defer { producer.close() }
        _ = try await producer.send(ProducerRecord(topic: topic, value: [0]))
        try cluster.setBroker(1, down: true)
        let delivered = Mutex<DeliveryReport?>(nil)
        try producer.send(ProducerRecord(topic: topic, value: [1])) { result in
            delivered.withLock { $0 = try? result.get() }
        }
        try await Task.sleep(for: .milliseconds(500))
        #expect(delivered.withLock { $0 } == nil, "nothing is acknowledged while the broker is down")
        try cluster.setBroker(1, down: false)
        let deadline = ContinuousClock.now + .seconds(30)
        while delivered.withLock({ $0 }) == nil, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(delivered.withLock { $0 }?.offset == 1)
    }
}
