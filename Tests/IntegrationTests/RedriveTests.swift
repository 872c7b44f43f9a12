import Foundation
import KafkaClient
import NewsSchema
import Testing

/// `newsline redrive`, with real workers on the embedded cluster.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct RedriveTests {
    @Test func redriveSendsDeadLettersBackToTheStageInputWithARedriveCount() async throws {
        let pipeline = try Pipeline()
        let now = NewsJSON.formatDate(Date())
        try await pipeline.produce(
            topic: pipeline.topics.submitted,
            key: "article-without-title",
            value: Array(#"{"schemaVersion":1,"submittedAt":"\#(now)","text":"   "}"#.utf8)
        )
        try pipeline.startWorker("newsline-ingest")
        _ = try pipeline.read(pipeline.topics.deadLetter) { $0.count >= 1 }

        let redrive = try pipeline.cli(["redrive", "--from", "articles.dead-letter", "--to", "articles.submitted", "--stage", "ingest"])
        #expect(redrive.status == 0, "\(redrive.log)")
        #expect(redrive.output.contains("redrove 1 of 1"))
        // Still empty, so it fails again: now with a redrive count of 1.
        let letters = try Pipeline.deadLetters(pipeline.read(pipeline.topics.deadLetter) { $0.count >= 2 })
        #expect(letters.map(\.redriveCount).sorted() == [0, 1])
        #expect(letters.allSatisfy { $0.key == "article-without-title" && $0.reason == .emptyBody })
    }

    /// The letter's JSON holds the key and headers as text: a key that is not UTF-8 came back without one (on another
    /// partition), a binary header value empty, a header given twice once.
    @Test func redriveSendsTheOriginalKeyAndHeadersByteForByte() async throws {
        let pipeline = try Pipeline()
        let key: [UInt8] = [0xC3, 0x28, 0x00, 0x7F]
        let headers = [
            KafkaHeader(name: "x-binary", value: [0xFF, 0x00, 0xFE]), KafkaHeader(name: "x-twice", text: "first"),
            KafkaHeader(name: "x-twice", text: "second"), KafkaHeader(name: "x-none", value: nil),
        ]
        let value = Array(#"{"schemaVersion":1,"submittedAt":"\#(NewsJSON.formatDate(Date()))","text":" "}"#.utf8)
        try await pipeline.produce(topic: pipeline.topics.submitted, key: key, value: value, headers: headers)
        try pipeline.startWorker("newsline-ingest")
        _ = try pipeline.read(pipeline.topics.deadLetter) { $0.count >= 1 }

        let redrive = try pipeline.cli(["redrive", "--from", "articles.dead-letter"])
        #expect(redrive.status == 0, "\(redrive.log)")
        let submitted = try pipeline.read(pipeline.topics.submitted) { $0.count >= 2 }
        let original = try #require(submitted.first { $0.headers.text(Headers.redriveCount) == nil })
        let redriven = try #require(submitted.first { $0.headers.text(Headers.redriveCount) == "1" }, "\(submitted)")
        #expect(redriven.key == key)
        #expect(redriven.partition == original.partition)
        #expect(redriven.value == value)
        let custom = redriven.headers.filter { $0.name.hasPrefix("x-") }
        #expect(custom == headers, "\(redriven.headers)")
        // The original had no schema version header, so neither has its second coming.
        #expect(redriven.headers.text(Headers.schemaVersion) == nil, "\(redriven.headers)")
    }

    @Test func redriveWithoutADestinationSendsEachDeadLetterBackToTheTopicItFailedFrom() async throws {
        let pipeline = try Pipeline()
        let now = NewsJSON.formatDate(Date())
        try await pipeline.produce(
            topic: pipeline.topics.submitted, key: "empty-submission", value: Array(#"{"schemaVersion":1,"submittedAt":"\#(now)","text":" "}"#.utf8)
        )
        try await pipeline.produce(topic: pipeline.topics.ingested, key: "broken-envelope", value: Array(#"{"schemaVersion":1,"#.utf8))
        try pipeline.startWorker("newsline-ingest")
        try pipeline.startWorker("newsline-entities")
        _ = try pipeline.read(pipeline.topics.deadLetter) { $0.count >= 2 }

        // A mistyped stage or a copy onto itself is a usage error, not a run that filters everything out.
        let typo = try pipeline.cli(["redrive", "--from", "articles.dead-letter", "--stage", "ingets"])
        #expect(typo.status != 0)
        #expect(typo.log.contains("--stage must be one of ingest, entities, summarize"), "\(typo.log)")
        let loop = try pipeline.cli(["redrive", "--from", "articles.dead-letter", "--to", "articles.dead-letter"])
        #expect(loop.status != 0)
        #expect(loop.log.contains("--from and --to name the same topic"), "\(loop.log)")

        let redrive = try pipeline.cli(["redrive", "--from", "articles.dead-letter"])
        #expect(redrive.status == 0, "\(redrive.log)")
        #expect(redrive.output.contains("redrove 2 of 2 record(s) from articles.dead-letter to the topics they failed from (articles.ingested 1, articles.submitted 1)"), "\(redrive.output)")
        // Each fails again in its own stage, now with a redrive count of 1.
        let letters = try Pipeline.deadLetters(pipeline.read(pipeline.topics.deadLetter) { $0.count >= 4 })
        let redriven = letters.filter { $0.redriveCount == 1 }
        #expect(Set(redriven.map { "\($0.stage) \($0.sourceTopic) \($0.key ?? "-")" }) == [
            "ingest articles.submitted empty-submission", "entities articles.ingested broken-envelope",
        ])

        // Records that are not dead letters have no topic to go back to: reported, not sent, exit 1.
        let plain = try pipeline.cli(["redrive", "--from", "articles.ingested"])
        #expect(plain.status == 1)
        #expect(plain.log.contains("record(s) not dead letters, so with no topic of their own to go back to (give --to)"), "\(plain.log)")
    }

    /// A dead letter keeps the first 64 KiB of its message. A longer one goes back whole, read at its source offset;
    /// once retention has removed it there, the letter is reported and the command exits 1.
    @Test func aDeadLetterCutShortGoesBackWholeWhileItsSourceHoldsIt() async throws {
        let pipeline = try Pipeline()
        let key = "long-broken-envelope"
        // Not JSON, and longer than a dead letter keeps.
        let value = Array(#"{"schemaVersion":1,"article":"#.utf8) + Self.letters(100_000)
        try await pipeline.produce(topic: pipeline.topics.ingested, key: key, value: value)
        let entities = try pipeline.startWorker("newsline-entities")
        let first = try #require(Pipeline.deadLetters(pipeline.read(pipeline.topics.deadLetter) { $0.count >= 1 }).first)
        #expect(first.payloadTruncated && first.reason == .undecodable, "\(first)")

        let redrive = try pipeline.cli(["redrive", "--from", "articles.dead-letter"])
        #expect(redrive.status == 0, "\(redrive.log)")
        #expect(redrive.output.contains("redrove 1 of 1 record(s)"), "\(redrive.output)")
        #expect(redrive.output.contains("1 longer than a dead letter keeps, read in full at their source"), "\(redrive.output)")
        let ingested = try pipeline.read(pipeline.topics.ingested) { $0.count >= 2 }
        let redriven = try #require(ingested.first { $0.headers.text(Headers.redriveCount) == "1" }, "\(ingested.count) records")
        #expect(redriven.value == value)
        #expect(redriven.keyText == key)

        // The embedded cluster drops a partition's oldest records past about 5 MB of what it stores (compressed):
        // 8 MB more of random letters under the same key removes the message the first letter was cut from.
        entities.signal(SIGTERM)
        #expect(entities.wait(timeout: .seconds(12)) == 0)
        let producer = try pipeline.producer()
        for _ in 0..<80 {
            try producer.send(ProducerRecord(topic: pipeline.topics.ingested, key: Array(key.utf8), value: Self.letters(100_000))) { _ in }
        }
        try producer.flush(timeout: .seconds(60))
        producer.close()
        let consumer = try KafkaConsumer(configuration: .init(kafka: .init(bootstrapServers: pipeline.brokers), groupID: nil), logger: Pipeline.logger)
        defer { consumer.close() }
        let marks = try consumer.watermarks(topic: pipeline.topics.ingested, partition: first.sourcePartition)
        try #require(marks.low > first.sourceOffset, "the source record was not removed: \(marks)")

        // The first letter alone (offset 0 of its partition).
        let gone = try pipeline.cli(["redrive", "--from", "articles.dead-letter", "--until", "1"])
        #expect(gone.status == 1, "\(gone.log)")
        #expect(gone.output.contains("redrove 0 of 1 record(s)"), "\(gone.output)")
        #expect(
            gone.log.contains("not sent: 1 dead letter(s) cut to their first 64 KiB whose message is no longer at its offset in articles.ingested"),
            "\(gone.log)"
        )
    }

    /// Random lowercase letters, which compression barely shrinks.
    static func letters(_ count: Int) -> [UInt8] {
        (0..<count).map { _ in UInt8.random(in: UInt8(ascii: "a")...UInt8(ascii: "z")) }
    }
}
