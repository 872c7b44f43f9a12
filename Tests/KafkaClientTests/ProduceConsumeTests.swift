import Foundation
import Testing

@testable import KafkaClient

@Suite(.serialized, .timeLimit(.minutes(2)))
struct ProduceConsumeTests {
    let cluster: EmbeddedCluster

    init() throws {
        cluster = try EmbeddedCluster(brokers: 3, logger: testLogger)
    }

    func producer() throws -> KafkaProducer {
        try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers)), logger: testLogger)
    }

    func consumer(group: String?) throws -> KafkaConsumer {
        let kafka = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers, additionalProperties: EmbeddedCluster.groupProperties)
        return try KafkaConsumer(configuration: .init(kafka: kafka, groupID: group), logger: testLogger)
    }

    @Test func aRecordArrivesWithItsKeyValueAndHeaders() async throws {
        let topic = uniqueName("round-trip")
        try cluster.createTopic(topic, partitions: 3)
        let producer = try producer()
        defer { producer.close() }
        let report = try await producer.send(
            ProducerRecord(
                topic: topic,
                key: Array("article-1".utf8),
                value: Array("hello".utf8),
                headers: [KafkaHeader(name: "traceparent", text: "00-abc-def-01"), KafkaHeader(name: "empty", value: nil)]
            )
        )
        #expect(report.offset == 0)

        let consumer = try consumer(group: nil)
        defer { consumer.close() }
        try consumer.assign([TopicPartitionOffset(topic: topic, partition: report.partition, offset: KafkaOffset.beginning)])
        let records = try consume(consumer, count: 1)
        let record = try #require(records.first)
        #expect(record.keyText == "article-1")
        #expect(record.value == Array("hello".utf8))
        #expect(record.headers.text("traceparent") == "00-abc-def-01")
        #expect(record.headers.contains { $0.name == "empty" && $0.value == nil })
        #expect(record.timestampMilliseconds != nil)
    }

    @Test func recordsAndDeliveryReportsNameTheirOwnTopicWhenOneClientUsesSeveral() async throws {
        // Names longer than 15 bytes, so that none is a small string stored inline.
        let topics = ["names-first-topic", "names-second-topic", "names-third-topic"].map(uniqueName)
        for topic in topics { try cluster.createTopic(topic, partitions: 1) }
        let producer = try producer()
        defer { producer.close() }
        for index in 0..<30 {
            let topic = topics[index % 3]
            let report = try await producer.send(ProducerRecord(topic: topic, value: Array(topic.utf8)))
            #expect(report.topic == topic)
        }
        let consumer = try consumer(group: nil)
        defer { consumer.close() }
        try consumer.assign(topics.map { TopicPartitionOffset(topic: $0, partition: 0, offset: KafkaOffset.beginning) })
        let records = try consume(consumer, count: 30)
        #expect(records.count == 30)
        for record in records { #expect(record.topic == String(decoding: record.value, as: UTF8.self)) }
        #expect(Set(records.map(\.topic)) == Set(topics))
    }

    @Test func recordsWithOneKeyKeepTheirOrderOnOnePartition() async throws {
        let topic = uniqueName("order")
        try cluster.createTopic(topic, partitions: 6)
        let producer = try producer()
        defer { producer.close() }
        var partitions = Set<Int32>()
        for index in 0..<50 {
            let report = try await producer.send(
                ProducerRecord(topic: topic, key: Array("same".utf8), value: Array("\(index)".utf8))
            )
            partitions.insert(report.partition)
        }
        #expect(partitions.count == 1)
        let consumer = try consumer(group: nil)
        defer { consumer.close() }
        try consumer.assign([TopicPartitionOffset(topic: topic, partition: partitions.first!, offset: KafkaOffset.beginning)])
        let values = try consume(consumer, count: 50).map { String(decoding: $0.value, as: UTF8.self) }
        #expect(values == (0..<50).map { "\($0)" })
    }

    /// Java's murmur2 of each key, as Kafka's own tests give them: a Java producer puts the key on partition
    /// `(hash & 0x7fffffff) % partitions`, and so must this one, or the two split one article over two partitions.
    @Test(arguments: [
        ("21", -973_932_308), ("foobar", -790_332_482), ("abc", 479_470_107), ("1", -1_993_445_489),
        ("12345", -1_188_365_604), ("a-little-bit-long-string", -985_981_536),
    ] as [(String, Int32)])
    func aKeyGoesToThePartitionJavaProducersPickForIt(key: String, javaHash: Int32) async throws {
        let topic = uniqueName("partitioner")
        let partitions: UInt32 = 12
        try cluster.createTopic(topic, partitions: Int(partitions))
        let producer = try producer()
        defer { producer.close() }
        let report = try await producer.send(ProducerRecord(topic: topic, key: Array(key.utf8), value: Array("v".utf8)))
        #expect(UInt32(report.partition) == (UInt32(bitPattern: javaHash) & 0x7fff_ffff) % partitions)
    }

    @Test func aStoredOffsetIsWhereARestartedGroupMemberResumes() async throws {
        let topic = uniqueName("resume")
        let group = uniqueName("group")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try producer()
        defer { producer.close() }
        for index in 0..<10 {
            _ = try await producer.send(ProducerRecord(topic: topic, value: Array("\(index)".utf8)))
        }

        let first = try consumer(group: group)
        try first.subscribe(topics: [topic])
        let firstBatch = try consume(first, count: 10)
        #expect(firstBatch.count == 10)
        // Only the first four are done: the offset after the fourth is stored.
        try first.storeOffsets([TopicPartitionOffset(topic: topic, partition: 0, offset: firstBatch[3].offset + 1)])
        first.close()

        let second = try consumer(group: group)
        defer { second.close() }
        try second.subscribe(topics: [topic])
        let resumed = try consume(second, count: 1)
        #expect(resumed.first.map { String(decoding: $0.value, as: UTF8.self) } == "4")
    }

    @Test func watermarksCountTheRecordsOfAPartition() async throws {
        let topic = uniqueName("watermarks")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try producer()
        defer { producer.close() }
        for _ in 0..<7 { _ = try await producer.send(ProducerRecord(topic: topic, value: [1])) }
        let consumer = try consumer(group: nil)
        defer { consumer.close() }
        let marks = try consumer.watermarks(topic: topic, partition: 0)
        #expect(marks.low == 0)
        #expect(marks.high == 7)
        let metadata = try consumer.metadata(topic: topic)
        #expect(metadata.first?.partitions == 1)
    }

    /// A negative timeout (what is left of a deadline already past) waits not at all: librdkafka reads -1 ms as
    /// "no limit", so such a flush waited for a broker that never answers.
    @Test func aNegativeTimeoutDoesNotWaitForever() throws {
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: "127.0.0.1:1")), logger: testLogger)
        defer { producer.close(timeout: .zero) }
        try producer.send(ProducerRecord(topic: uniqueName("nowhere"), key: nil, value: Array("x".utf8))) { _ in }
        let started = ContinuousClock.now
        #expect(throws: KafkaError.self) { try producer.flush(timeout: .milliseconds(-1)) }
        #expect(ContinuousClock.now - started < .seconds(5))
    }

    @Test func askingAboutAMissingTopicFindsNoneAndCreatesNone() throws {
        // The embedded cluster, like a broker with auto.create.topics.enable, makes a topic that is asked for by name.
        let topic = uniqueName("never-made")
        let consumer = try consumer(group: nil)
        defer { consumer.close() }
        let producer = try producer()
        defer { producer.close() }
        #expect(try consumer.metadata(topic: topic).isEmpty)
        #expect(try producer.metadata(topic: topic).isEmpty)
        #expect(try !consumer.metadata().contains { $0.name == topic })
    }

    @Test func sendingToAMissingPartitionFailsWithoutCrashing() async throws {
        let topic = uniqueName("missing-partition")
        try cluster.createTopic(topic, partitions: 2)
        let producer = try producer()
        defer { producer.close() }
        _ = try await producer.send(ProducerRecord(topic: topic, value: [0]))  // metadata known now
        for _ in 0..<3 {
            await #expect(throws: KafkaError.self) {
                _ = try await producer.send(
                    ProducerRecord(topic: topic, partition: 9, value: [1], headers: [KafkaHeader(name: "h", text: "v")])
                )
            }
        }
        let report = try await producer.send(ProducerRecord(topic: topic, partition: 1, value: [2]))
        #expect(report.partition == 1)
    }

    /// A misspelt address, or `NEWSLINE_BROKERS` left from another cluster, shows in the first error.
    @Test func aClusterThatDoesNotAnswerIsNamed() throws {
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: "127.0.0.1:1")), logger: testLogger)
        defer { producer.close(timeout: .zero) }
        let error = #expect(throws: KafkaError.self) { _ = try producer.metadata(timeout: .seconds(1)) }
        #expect(error?.reason.hasPrefix("metadata from 127.0.0.1:1: ") == true, "\(String(describing: error))")
    }

    @Test func anUnknownPropertyIsAConfigurationError() throws {
        var kafka = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers)
        kafka.additionalProperties["no.such.property"] = "1"
        let error = #expect(throws: KafkaError.self) {
            _ = try KafkaProducer(configuration: .init(kafka: kafka), logger: testLogger)
        }
        #expect(error?.code == .configuration)
        #expect(error?.reason.contains("no.such.property") == true)
    }

    /// Records of aborted transactions (an exactly-once worker's batch that failed, to be done again) are never
    /// read, by workers or the CLI, unless asked for. The embedded cluster writes no transaction markers, so only
    /// the setting can be checked here.
    @Test func consumersReadOnlyCommittedRecordsUnlessToldOtherwise() {
        var configuration = KafkaConsumerConfiguration(kafka: .init(bootstrapServers: cluster.bootstrapServers), groupID: nil)
        #expect(configuration.properties["isolation.level"] == "read_committed")
        // `--kafka-property isolation.level=…` is how an operator asks for the others.
        configuration.kafka.additionalProperties["isolation.level"] = "read_uncommitted"
        #expect(configuration.properties["isolation.level"] == "read_uncommitted")
    }

    @Test func aClosedConsumerIsReleasedEvenWhenItsHandlersHoldIt() throws {
        weak var released: KafkaConsumer?
        do {
            let consumer = try KafkaConsumer(
                configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers), groupID: "release"),
                logger: testLogger
            )
            // As a stage does: its handlers use the consumer they are set on.
            consumer.onRebalance { _ in _ = consumer }
            consumer.onError { _ in _ = consumer }
            consumer.close()
            released = consumer
        }
        // Otherwise its librdkafka handle, with its threads and connections, would live on.
        #expect(released == nil)
    }
}
