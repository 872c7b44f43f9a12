import ArgumentParser
import Foundation
import KafkaClient
import NewsIngest
import NewsSchema
import StageRuntime

/// `newsline demo`: the whole pipeline on one machine.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Start the embedded cluster and the three workers, push articles, print each finished article.",
        discussion: "Pushes samples/syria-ceasefire.txt when no path is given. Worker logs go to --log-directory."
    )

    @Argument(help: "Articles to push (.txt, .json, .jsonl, directories).") var paths: [String] = []
    @Option(help: "Partitions of each topic.") var partitions = 4
    @Option(help: "How long to wait for the articles to come out: seconds, or a duration like 5m. Default: 120.", transform: { try OptionRule.seconds.argument($0) })
    var timeout: Double = 120
    @Option(help: "Where the workers' logs go.") var logDirectory = ".build/demo-logs"

    func validate() throws {
        guard (1...64).contains(partitions) else { throw ValidationError("--partitions must be 1...64") }
    }

    func run() async throws {
        let inputs = paths.isEmpty ? ["samples/syria-ceasefire.txt"] : paths
        let (items, failures, skipped) = SubmissionReader(now: Date()).read(inputs)
        for failure in failures { print("cannot push \(failure.origin): \(failure.reason)") }
        for file in skipped { print("not pushed \(file): not named .txt, .json or .jsonl") }
        guard !items.isEmpty else { throw CLIError("nothing to push") }
        let logs = URL(fileURLWithPath: logDirectory)
        do {
            try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
        } catch {
            throw CLIError("cannot make the log directory \(logDirectory): \(DataFile.reason(error))")
        }

        let topics = Topics()
        let cluster = try EmbeddedCluster.pipeline(brokers: 3, partitions: partitions, topics: topics)
        let brokers = cluster.bootstrapServers
        print("embedded cluster: 3 brokers at \(brokers), \(partitions) partitions per topic")
        let workers = WorkerProcesses()
        try workers.start(
            brokers: brokers,
            arguments: EmbeddedCluster.workerArguments + ["--summary-interval", "5"],
            logDirectory: logs
        )
        print("workers: \(WorkerProcesses.names.joined(separator: ", ")) (logs in \(logs.path))")
        let interrupt = workers.stopOnInterrupt()
        defer {
            interrupt.cancel()
            _ = workers.stop()
        }

        let expected = Set(items.map { ArticleIdentity.key(for: $0.submission) })
        let configuration = KafkaConfiguration(bootstrapServers: brokers)
        let started = ContinuousClock.now
        try await pushAll(items, to: topics.submitted, configuration: configuration)
        print("pushed \(items.count) article(s); waiting for articles.summarized\n")

        let deadline = ContinuousClock.now + .milliseconds(Int(timeout * 1000))
        let finished = try await onDedicatedThread { [partitions] in
            try Self.collect(ids: expected, topics: topics, partitions: partitions, configuration: configuration, until: deadline) {
                workers.exited.first
            }
        }
        let elapsed = ContinuousClock.now - started
        let stopped = workers.stop()
        let deadLettered = finished.deadLettered.count
        print(
            "\(finished.summarized.count) of \(expected.count) article(s) through the pipeline in \(elapsed.readable)"
                + (deadLettered > 0 ? ", \(deadLettered) dead-lettered" : "")
        )
        print("workers stopped: " + stopped.map { "\($0.name) exit \($0.status)" }.joined(separator: ", "))
        let missing = expected.count - finished.summarized.count - deadLettered
        if missing > 0 {
            throw CLIError("\(missing) article(s) neither came out nor were dead-lettered within \(Duration.seconds(timeout).readable): see the worker logs in \(logs.path)")
        }
        if stopped.contains(where: { $0.status != 0 }) {
            throw CLIError("a worker did not stop cleanly: see the worker logs in \(logs.path)")
        }
        // The pipeline ran, but not everything it was given came through: each dead letter was printed above with
        // the stage that refused it and why, each input that could not be pushed before the run.
        var shortfalls: [String] = []
        if deadLettered > 0 { shortfalls.append("\(deadLettered) article(s) dead-lettered") }
        if !failures.isEmpty { shortfalls.append("\(failures.count) input(s) could not be pushed") }
        if !shortfalls.isEmpty { throw CLIError(shortfalls.joined(separator: " and ") + " (see above)") }
    }

    private func pushAll(_ items: [SubmissionReader.Item], to topic: String, configuration: KafkaConfiguration) async throws {
        let producer = try KafkaProducer(configuration: .init(kafka: configuration), logger: cliLogger)
        defer { producer.close() }
        let encoder = NewsJSON.encoder()
        for item in items {
            _ = try await producer.send(try item.submission.record(topic: topic, encoder: encoder))
        }
    }

    /// Reads the output and dead-letter topics from the start, printing each, until every id arrived on one of them;
    /// returns the ids seen on each.
    private static func collect(
        ids: Set<String>,
        topics: Topics,
        partitions: Int,
        configuration: KafkaConfiguration,
        until deadline: ContinuousClock.Instant,
        workerExited: () -> (name: String, status: Int32)?
    ) throws -> (summarized: Set<String>, deadLettered: Set<String>) {
        let consumer = try KafkaConsumer(configuration: .init(kafka: configuration, groupID: nil), logger: cliLogger)
        defer { consumer.close() }
        try consumer.assign(
            [topics.summarized, topics.deadLetter].flatMap { topic in
                (0..<Int32(partitions)).map { TopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.beginning) }
            }
        )
        var seen = Set<String>()
        var deadLettered = Set<String>()
        while seen.count + deadLettered.count < ids.count, ContinuousClock.now < deadline {
            if let exited = workerExited() {
                throw CLIError("\(exited.name) exited early with status \(exited.status)")
            }
            guard let record = try consumer.poll(timeout: .milliseconds(200)) else { continue }
            print(ArticleFormatter.render(record) + "\n")
            guard let key = record.keyText, ids.contains(key) else { continue }
            if record.topic == topics.summarized { seen.insert(key) } else { deadLettered.insert(key) }
        }
        // An article dead-lettered and then, redriven, summarized counts once, as summarized.
        return (seen, deadLettered.subtracting(seen))
    }
}
