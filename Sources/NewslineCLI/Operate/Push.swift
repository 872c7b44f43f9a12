import ArgumentParser
import Foundation
import KafkaClient
import NewsIngest
import NewsSchema
import StageRuntime
import Synchronization

/// `newsline push`: submit articles to `articles.submitted` and wait for every delivery.
struct Push: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Push articles (.txt, .json, .jsonl files, directories, or - for stdin) onto articles.submitted.",
        discussion: """
            A .txt file is one article in the sample's plain-text shape. A .json file holds one submission \
            object ({"text", "title"?, "url"?, "source"?, "byline"?, "publishedAt"?}) or an array of them; a \
            .jsonl file one per line (LF or CRLF). An element or line that is not one fails alone. Standard \
            input, and a file given by a path with another name, is read by its content: objects one per line \
            as .jsonl, an array or one object (on one line or several) as .json, anything else as .txt. Each \
            message is keyed by the article id ingest will derive, so one article stays on one partition. \
            Exits non-zero, naming each failed input and why, if anything could not be read or delivered. \
            Directories are read for .txt, .json and .jsonl files; how many other files there were, and the \
            first three of them, are printed. Paths that hold no article at all are an error.

            Nothing is sent unless the cluster answers and holds the topic (within 10 s). A message.timeout.ms \
            given with --kafka-property or --kafka-config takes precedence over --timeout.
            """
    )

    @OptionGroup var kafka: KafkaOptions

    @Argument(help: "Files, directories (recursive) or - for standard input.")
    var paths: [String]

    @Flag(help: "Print nothing but failures.") var quiet = false

    @Flag(help: "Print each delivered article's origin and id, tab-separated, one per line on standard output (for newsline find).")
    var ids = false

    @Option(
        help: "How long an article may wait for its acknowledgement, retries included, before it is reported as not delivered: seconds, or a duration like 2m. Default: 30.",
        transform: { try OptionRule.seconds.argument($0) }
    )
    var timeout: Double = 30

    @Option(help: "Largest submission sent, in bytes: ingest dead-letters a larger one, so give it the workers' value. Env: NEWSLINE_MAX_MESSAGE_BYTES. Default: 1048576.")
    var maxMessageBytes: Int?

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one path, or - for standard input") }
        // Standard input reads once: a second - would always fail as empty.
        if paths.count(where: { $0 == "-" }) > 1 { throw ValidationError("- (standard input) is given more than once") }
    }

    func run() async throws {
        let limit = try WorkerOptions.maxMessageBytes(flag: maxMessageBytes)
        let (items, readFailures, skipped) = SubmissionReader(now: Date()).read(paths)
        if items.isEmpty, readFailures.isEmpty {
            // An empty directory, one of other files only, or an empty JSON array: success would hide a wrong path.
            var message = "nothing to push: no article in \(paths.joined(separator: " "))"
            if !skipped.isEmpty { message += " (only \(skipped.count) file(s) not named .txt, .json or .jsonl: \(Self.firstThree(skipped)))" }
            throw CLIError(message)
        }
        let topic = kafka.topics.submitted
        var configuration = KafkaProducerConfiguration(kafka: try kafka.configuration())
        configuration.deliveryTimeout = .milliseconds(Int64((timeout * 1000).rounded()))
        configuration.maxMessageBytes = max(configuration.maxMessageBytes, limit + 64 * 1024)
        let producer = try KafkaProducer(configuration: configuration, logger: cliLogger)
        try checkCluster(producer, holds: topic, servers: configuration.kafka.bootstrapServers)
        let progress = Progress(total: items.count, enabled: !quiet && isatty(STDERR_FILENO) == 1)
        var failed = readFailures.map { "\($0.origin): \($0.reason)" }
        let encoder = NewsJSON.encoder()
        let started = ContinuousClock.now
        var delivered: [(index: Int, line: String)] = []
        failed += await withTaskGroup(of: Delivery.self) { group in
            var encodeFailures: [String] = []
            for (index, item) in items.enumerated() {
                let record: ProducerRecord
                do {
                    record = try item.submission.record(topic: topic, encoder: encoder)
                } catch {
                    encodeFailures.append("\(item.origin): cannot encode: \(error)")
                    continue
                }
                guard record.value.count <= limit else {
                    encodeFailures.append(
                        "\(item.origin): \(record.value.count) bytes as a submission, over --max-message-bytes (\(limit)): ingest would "
                            + "dead-letter it (raise the limit for push and the workers together, within the brokers' message.max.bytes)"
                    )
                    continue
                }
                group.addTask {
                    defer { progress.advance() }
                    do throws(KafkaError) {
                        _ = try await producer.send(record)
                        // The key is the id ingest derives.
                        return .delivered(index: index, line: "\(item.origin)\t\(String(decoding: record.key ?? [], as: UTF8.self))")
                    } catch {
                        return .failed("\(item.origin): not delivered: \(error.reason)")
                    }
                }
            }
            var deliveryFailures = encodeFailures
            for await outcome in group {
                switch outcome {
                case .delivered(let index, let line): delivered.append((index, line))
                case .failed(let failure): deliveryFailures.append(failure)
                }
            }
            return deliveryFailures
        }
        producer.close()
        progress.finish()
        let lines = delivered.sorted { $0.index < $1.index }.map(\.line)
        if ids { lines.forEach { print($0) } }
        let elapsed = ContinuousClock.now - started
        if !quiet {
            FileHandle.standardError.write(Data("pushed \(lines.count) of \(items.count + readFailures.count) articles to \(topic) in \(elapsed.readable)\n".utf8))
        }
        if !quiet, !skipped.isEmpty {
            FileHandle.standardError.write(Data("skipped \(skipped.count) file(s) not named .txt, .json or .jsonl: \(Self.firstThree(skipped))\n".utf8))
        }
        for failure in failed {
            FileHandle.standardError.write(Data("failed: \(failure)\n".utf8))
        }
        if !failed.isEmpty { throw ExitCode.failure }
    }

    /// What became of one article sent.
    private enum Delivery: Sendable {
        /// Acknowledged; `line` is its origin and id, for `--ids`.
        case delivered(index: Int, line: String)
        case failed(String)
    }

    /// The first three of `files`, and an ellipsis when there are more.
    private static func firstThree(_ files: [String]) -> String {
        files.prefix(3).joined(separator: ", ") + (files.count > 3 ? ", …" : "")
    }

    /// Stops before anything is sent when the cluster does not answer or lacks the topic: otherwise every
    /// article would wait out its delivery timeout to fail the same way.
    private func checkCluster(_ producer: KafkaProducer, holds topic: String, servers: String) throws {
        let found: [TopicMetadata]
        do throws(KafkaError) {
            found = try producer.metadata(topic: topic)
        } catch {
            producer.close(timeout: .zero)
            throw CLIError("nothing pushed: the Kafka cluster did not answer: \(error.reason)")
        }
        guard !found.isEmpty else {
            producer.close(timeout: .zero)
            throw CLIError("nothing pushed: the cluster at \(servers) has no topic \(topic) (create it with newsline topics create)")
        }
    }
}

/// A one-line progress bar on a terminal; nothing otherwise.
final class Progress: Sendable {
    private let total: Int
    private let enabled: Bool
    private let done = Mutex(0)

    init(total: Int, enabled: Bool) {
        self.total = total
        self.enabled = enabled && total > 1
    }

    func advance() {
        let count = done.withLock { value -> Int in
            value += 1
            return value
        }
        guard enabled, count == total || count % max(1, total / 50) == 0 else { return }
        let width = 30
        let filled = total == 0 ? width : count * width / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        FileHandle.standardError.write(Data("\r[\(bar)] \(count)/\(total)".utf8))
    }

    func finish() {
        if enabled { FileHandle.standardError.write(Data("\n".utf8)) }
    }
}
