import ArgumentParser
import Foundation
import KafkaClient
import NewsSchema
import StageRuntime

/// How the CLI's time options are written: ISO 8601 with a zone (`Z` or `±hh:mm`), fractions of a second optional.
let timeExample = "2026-11-30T12:00:00Z"

/// `newsline tail`: read a topic, for people or as JSON.
struct Tail: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print a topic's messages: title, entities by type and summary, or dead-letter reasons.",
        discussion: "Follows the topic's end by default; Ctrl-C stops. Topic names take the prefix unless given with it."
    )

    @OptionGroup var kafka: KafkaOptions

    @Argument(help: "The topic, e.g. articles.summarized or articles.dead-letter.")
    var topic: String

    @Flag(help: "Start at the beginning of the topic.") var fromBeginning = false
    // Unconditional: `--from -1h` is a value, not an unknown option.
    @Option(parsing: .unconditional, help: "Start at this time: ISO 8601 (2026-11-30T12:00:00Z) or back from now (30m, 1h30m, 2d).")
    var from: String?
    @Flag(help: "Print each message's JSON value, one per line (plain text on articles.submitted as the submission ingest reads; anything else not JSON is named on standard error).")
    var json = false
    // Unconditional: `--count -1` is a value to refuse, not a missing one.
    @Option(parsing: .unconditional, help: "Stop after this many messages.") var count: Int?
    @Option(help: "Stop when nothing arrived for this long: seconds, or a duration like 30s or 2m.", transform: { try OptionRule.seconds.argument($0) })
    var idleTimeout: Double?

    func validate() throws {
        if from != nil && fromBeginning { throw ValidationError("--from and --from-beginning exclude each other") }
        if let from, PointInTime.date(from) == nil { throw ValidationError("--from: not \(PointInTime.accepted): \(from)") }
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    func run() async throws {
        let name = kafka.topic(topic)
        let configuration = try kafka.configuration()
        try await onDedicatedThread {
            let consumer = try KafkaConsumer(configuration: .init(kafka: configuration, groupID: nil), logger: cliLogger)
            defer { consumer.close() }
            let metadata = try consumer.existingTopic(name)
            let partitions = (0..<Int32(metadata.partitions))
            var start = partitions.map { TopicPartitionOffset(topic: name, partition: $0, offset: fromBeginning ? KafkaOffset.beginning : KafkaOffset.end) }
            if let from, let date = PointInTime.date(from) {
                let milliseconds = PointInTime.milliseconds(date)
                let offsets = try TimeOffsets(configuration: configuration)
                    .lookup(topic: name, partitions: Array(partitions), milliseconds: milliseconds, consumer: consumer)
                start = partitions.map { partition in
                    let offset = offsets[partition] ?? -1
                    return TopicPartitionOffset(topic: name, partition: partition, offset: offset < 0 ? KafkaOffset.end : offset)
                }
            }
            try consumer.assign(start)
            let submissions = kafka.topics.submitted
            var printed = 0
            var lastMessage = ContinuousClock.now
            while count.map({ printed < $0 }) ?? true {
                if let idleTimeout, ContinuousClock.now - lastMessage > .milliseconds(Int(idleTimeout * 1000)) { break }
                guard let record = try consumer.poll(timeout: .milliseconds(200)) else { continue }
                lastMessage = .now
                printed += 1
                if !json {
                    print(ArticleFormatter.render(record, submissions: submissions) + "\n")
                } else if let line = ArticleFormatter.jsonLine(record, submissions: submissions) {
                    print(line)
                } else {
                    // Standard output stays one JSON value a line.
                    FileHandle.standardError.write(Data("\(record.topic)[\(record.partition)]@\(record.offset): \(record.value.count) bytes, not JSON: left out\n".utf8))
                }
                fflush(nil)
            }
        }
    }
}

/// Runs blocking work on a thread of its own, off Swift's cooperative pool, named `name` when given.
func onDedicatedThread<T: Sendable>(named name: String? = nil, _ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread {
            if let name { ThreadName.setCurrent(name) }
            continuation.resume(with: Result { try body() })
        }.start()
    }
}
