import Foundation
import KafkaClient
import Testing

/// Reading stretches of partitions to their ends, as `find` and `redrive` do, including stretches whose last
/// offsets hold no record a consumer is given.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct StretchReadTests {
    let cluster: EmbeddedCluster

    init() throws {
        cluster = try EmbeddedCluster(brokers: 1, logger: testLogger)
    }

    func consumer(reportsPartitionEnds: Bool, autoOffsetReset: String = "earliest") throws -> KafkaConsumer {
        var configuration = KafkaConsumerConfiguration(kafka: .init(bootstrapServers: cluster.bootstrapServers), groupID: nil)
        configuration.reportsPartitionEnds = reportsPartitionEnds
        configuration.autoOffsetReset = autoOffsetReset
        return try KafkaConsumer(configuration: configuration, logger: testLogger)
    }

    /// Reads the stretch of offsets 0 to 100 of a one-partition topic whose first 2,000 records (4 KiB each,
    /// uncompressed) went past the few MB the cluster keeps, so that the stretch is gone: how many records
    /// `consumer` handed on.
    func recordsHandedFromARemovedStretch(_ consumer: KafkaConsumer) throws -> Int {
        let topic = uniqueName("stretch-removed")
        try cluster.createTopic(topic, partitions: 1)
        var configuration = KafkaProducerConfiguration(kafka: .init(bootstrapServers: cluster.bootstrapServers))
        configuration.compression = "none"
        let producer = try KafkaProducer(configuration: configuration, logger: testLogger)
        defer { producer.close() }
        for _ in 0..<2_000 {
            try producer.send(ProducerRecord(topic: topic, partition: 0, value: [UInt8](repeating: 0x61, count: 4096))) { _ in }
        }
        try producer.flush(timeout: .seconds(60))
        let low = try consumer.watermarks(topic: topic, partition: 0).low
        try #require(low > 100, "the cluster dropped the stretch's records")
        var handed = 0
        try consumer.read([PartitionStretch(topic: topic, partition: 0, start: 0, end: 100)], idleLimit: .seconds(5)) { _ in
            handed += 1
        }
        return handed
    }

    @Test func eachPartitionIsReadFromItsStartToItsEndAndNoFurther() throws {
        let topic = uniqueName("stretch")
        try cluster.createTopic(topic, partitions: 2)
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers)), logger: testLogger)
        for index in 0..<10 { try producer.send(ProducerRecord(topic: topic, partition: 0, value: [UInt8(index)])) { _ in } }
        for index in 0..<5 { try producer.send(ProducerRecord(topic: topic, partition: 1, value: [UInt8(index)])) { _ in } }
        try producer.flush(timeout: .seconds(10))
        producer.close()

        let consumer = try consumer(reportsPartitionEnds: true)
        defer { consumer.close() }
        var read: [Int32: [Int64]] = [:]
        try consumer.read([
            PartitionStretch(topic: topic, partition: 0, start: 2, end: 7),
            PartitionStretch(topic: topic, partition: 1, start: 0, end: 5),
        ]) { record in
            read[record.partition, default: []].append(record.offset)
            #expect(record.value == [UInt8(record.offset)])
        }
        #expect(read[0] == Array(2..<7))
        #expect(read[1] == Array(0..<5))
    }

    /// The stretch's records are gone and nothing past them is read: reaching the partition's end ends it, as it
    /// does a topic written in transactions, whose last offset holds a commit marker.
    @Test func aStretchWithoutItsLastRecordsEndsAtThePartitionsEnd() throws {
        // Moving past removed records to the end, the consumer gets no record at all.
        let consumer = try consumer(reportsPartitionEnds: true, autoOffsetReset: "latest")
        defer { consumer.close() }
        #expect(try recordsHandedFromARemovedStretch(consumer) == 0)
    }

    /// The stretch's records are gone and the consumer goes on at the first record kept: a record past the
    /// stretch ends it, even without partition ends reported, and is not handed on.
    @Test func aRecordPastTheStretchEndsIt() throws {
        let consumer = try consumer(reportsPartitionEnds: false)
        defer { consumer.close() }
        #expect(try recordsHandedFromARemovedStretch(consumer) == 0)
    }

    /// `redrive` reads one record at a time at each long dead letter's source, with one consumer, often going back
    /// in a partition: what the last read fetched beyond its stretch, and the partition's end it reached, must not
    /// end the next.
    @Test func aConsumerReadsAnEarlierStretchOfThePartitionItJustRead() throws {
        let topic = uniqueName("stretch-again")
        try cluster.createTopic(topic, partitions: 1)
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: cluster.bootstrapServers)), logger: testLogger)
        for index in 0..<200 { try producer.send(ProducerRecord(topic: topic, partition: 0, value: [UInt8(index)])) { _ in } }
        try producer.flush(timeout: .seconds(10))
        producer.close()

        let consumer = try consumer(reportsPartitionEnds: true)
        defer { consumer.close() }
        for offset: Int64 in [150, 10, 199, 0, 120, 119] {
            var read: [Int64] = []
            try consumer.read([PartitionStretch(topic: topic, partition: 0, start: offset, end: offset + 1)], idleLimit: .seconds(5)) {
                read.append($0.offset)
            }
            #expect(read == [offset])
        }
    }

    @Test func aStretchThatDoesNotEndInTimeNamesThePartitionsLeft() throws {
        let topic = uniqueName("stretch-wait")
        try cluster.createTopic(topic, partitions: 1)
        let consumer = try consumer(reportsPartitionEnds: true)
        defer { consumer.close() }
        // Nothing is written at offsets 0 and 1: the partition's end (0) is before the stretch's end.
        let error = #expect(throws: KafkaError.self) {
            try consumer.read([PartitionStretch(topic: topic, partition: 0, start: 0, end: 2)], idleLimit: .seconds(2)) { _ in }
        }
        #expect(error?.code == .timeout)
        #expect(error?.reason == "no records arrived for 2 s; partitions left: \(topic)[0]")
    }
}
