import Foundation
import KafkaClient
import Testing

@Suite(.serialized, .timeLimit(.minutes(2)))
struct TransactionTests {
    let cluster: EmbeddedCluster

    init() throws {
        cluster = try EmbeddedCluster(brokers: 3, logger: testLogger)
    }

    func transactionalProducer(id: String) throws -> KafkaProducer {
        var configuration = KafkaProducerConfiguration(kafka: .init(bootstrapServers: cluster.bootstrapServers))
        configuration.transactionalID = id
        let producer = try KafkaProducer(configuration: configuration, logger: testLogger)
        try producer.initTransactions()
        return producer
    }

    @Test func aCommittedTransactionExposesAllItsRecords() throws {
        let topic = uniqueName("txn-commit")
        try cluster.createTopic(topic, partitions: 2)
        let producer = try transactionalProducer(id: uniqueName("txn"))
        defer { producer.close() }
        try producer.beginTransaction()
        for index in 0..<5 {
            try producer.send(ProducerRecord(topic: topic, key: Array("k\(index)".utf8), value: [UInt8(index)])) { _ in }
        }
        try producer.commitTransaction()

        var configuration = KafkaConsumerConfiguration(
            kafka: .init(bootstrapServers: cluster.bootstrapServers),
            groupID: uniqueName("reader")
        )
        configuration.isolationLevel = .readCommitted
        let consumer = try KafkaConsumer(configuration: configuration, logger: testLogger)
        defer { consumer.close() }
        try consumer.subscribe(topics: [topic])
        let records = try consume(consumer, count: 5)
        #expect(Set(records.map { $0.value[0] }) == Set(0..<5))
    }

    @Test func anAbortedTransactionLeavesTheProducerUsable() throws {
        let topic = uniqueName("txn-abort")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try transactionalProducer(id: uniqueName("txn"))
        defer { producer.close() }
        try producer.beginTransaction()
        try producer.send(ProducerRecord(topic: topic, value: [1])) { _ in }
        try producer.abortTransaction()
        try producer.beginTransaction()
        try producer.send(ProducerRecord(topic: topic, value: [2])) { _ in }
        try producer.commitTransaction()
    }
}
