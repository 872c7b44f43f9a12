import ArgumentParser
import Foundation
import KafkaClient
import NewsSchema

/// `newsline find`: where one article has got to, from every record keyed by its id.
struct Find: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show every record of one article, in every pipeline topic: how far it got, or why it failed.",
        discussion: """
            Reads the five topics (all of each, or from --since) up to where each ended when the command began, \
            and prints each record keyed by the article id as tail does, with its topic, partition, offset and \
            time. The id is what tail, the workers' logs (article.id) and dead letters show. Exits 1 when no \
            record has the id. On a large cluster, --since keeps the reading short.
            """
    )

    @OptionGroup var kafka: KafkaOptions
    @Argument(help: "The article id, e.g. a-452e7631c8ff14e5.") var id: String
    // Unconditional: `--since -1h` is a value, not an unknown option.
    @Option(
        parsing: .unconditional,
        help: "Read from this time on: ISO 8601 (2026-11-30T12:00:00Z) or back from now (30m, 1h30m, 2d)."
    )
    var since: String?

    func validate() throws {
        if let since, PointInTime.date(since) == nil {
            throw ValidationError("--since: not \(PointInTime.accepted): \(since)")
        }
        if id.isEmpty { throw ValidationError("the article id must not be empty") }
    }

    func run() async throws {
        let configuration = try kafka.configuration()
        let topics = kafka.topics
        let since = since.flatMap { PointInTime.date($0) }.map { TopicRange.Bound.time(PointInTime.milliseconds($0)) }
        let key = Array(id.utf8)
        let found = try await onDedicatedThread {
            let consumer = try TopicRange.consumer(configuration)
            defer { consumer.close() }
            let ranges = try topics.all.map { topic in
                try TopicRange(
                    topic: topic,
                    partitions: Array(0..<Int32(try consumer.existingTopic(topic).partitions)),
                    since: since,
                    until: nil,
                    consumer: consumer,
                    configuration: configuration
                )
            }
            var found: [ConsumerRecord] = []
            try TopicRange.read(ranges, with: consumer) { record in
                if record.key == key { found.append(record) }
            }
            // In pipeline order, then as each topic holds them.
            let order = Dictionary(uniqueKeysWithValues: topics.all.enumerated().map { ($1, $0) })
            return found.sorted {
                (order[$0.topic]!, $0.partition, $0.offset) < (order[$1.topic]!, $1.partition, $1.offset)
            }
        }
        guard !found.isEmpty else {
            let window = self.since.map { " since \($0)" } ?? ""
            throw CLIError("no record keyed \(id) in \(topics.all.joined(separator: ", "))\(window)")
        }
        for record in found {
            let time =
                record.timestampMilliseconds.map { NewsJSON.formatDate(Date(timeIntervalSince1970: Double($0) / 1000)) }
                ?? "no time"
            print("\(record.topic)[\(record.partition)]@\(record.offset), \(time):")
            print(ArticleFormatter.render(record, submissions: topics.submitted) + "\n")
        }
        let reached = topics.all.filter { topic in topic != topics.deadLetter && found.contains { $0.topic == topic } }
        let letters = found.filter { $0.topic == topics.deadLetter }.count
        let topicsReached = reached.isEmpty ? "no pipeline topic" : reached.joined(separator: ", ")
        print("\(id): in \(topicsReached); \(letters) dead letter\(letters == 1 ? "" : "s")")
    }
}
