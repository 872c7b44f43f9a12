import Foundation
import KafkaClient
import Testing

/// The embedded cluster's limits that the README states, measured on every run.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct EmbeddedClusterLimitTests {
    @Test func aPartitionDropsItsOldestRecordsPastAFewMegabytes() async throws {
        let cluster = try EmbeddedCluster(brokers: 1, logger: testLogger)
        let topic = uniqueName("retention")
        try cluster.createTopic(topic, partitions: 1)
        var configuration = KafkaProducerConfiguration(kafka: .init(bootstrapServers: cluster.bootstrapServers))
        configuration.compression = "none"
        let producer = try KafkaProducer(configuration: configuration, logger: testLogger)
        let record = [UInt8](repeating: 0x61, count: 4096)
        for _ in 0..<4_000 {
            try producer.send(ProducerRecord(topic: topic, partition: 0, value: record)) { _ in }
        }
        try producer.flush(timeout: .seconds(60))
        producer.close()

        let consumer = try KafkaConsumer(
            configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers), groupID: nil),
            logger: testLogger
        )
        defer { consumer.close() }
        let marks = try consumer.watermarks(topic: topic, partition: 0)
        let keptBytes = Double(marks.high - marks.low) * 4096
        print("embedded cluster retention: of 4000 records of 4 KiB, \(marks.high - marks.low) kept (\(String(format: "%.1f", keptBytes / 1_048_576)) MiB), low watermark \(marks.low)")
        #expect(marks.high == 4_000)
        #expect(marks.low > 0, "the oldest records are gone")
        #expect(keptBytes > 2 * 1_048_576 && keptBytes < 16 * 1_048_576)
    }
}
