import Foundation
import KafkaClient
import Logging
import NewsSchema

/// The embedded cluster (`newsline broker`) and the real worker executables, as child processes.
final class Pipeline: @unchecked Sendable {
    let broker: ChildProcess
    let brokers: String
    let topics = Topics()
    let partitions: Int
    private(set) var children: [ChildProcess] = []

    static let logger: Logger = {
        var logger = Logger(label: "newsline.integration-tests")
        logger.logLevel = .critical
        return logger
    }()

    /// Starts the cluster with the pipeline's topics and `extraTopics`.
    init(partitions: Int = 4, extraTopics: [String] = []) throws {
        self.partitions = partitions
        broker = try ChildProcess("newsline", ["broker", "--partitions", "\(partitions)"] + extraTopics.flatMap { ["--topic", $0] })
        brokers = broker.firstLine()
        guard brokers.contains(":") else { throw TestFailure("the broker printed no bootstrap servers: \(broker.log)") }
    }

    deinit {
        for child in children { child.kill9() }
        broker.signal(SIGTERM)
        _ = broker.wait(timeout: .seconds(5))
    }

    /// Starts a worker executable against this cluster; `groupTimings: false` leaves them to the worker, as an
    /// operator who starts one by hand does.
    @discardableResult
    func startWorker(_ executable: String, _ extra: [String] = [], groupTimings: Bool = true) throws -> ChildProcess {
        let child = try ChildProcess(
            executable,
            ["--brokers", brokers, "--summary-interval", "0"] + (groupTimings ? EmbeddedCluster.workerArguments : []) + extra
        )
        children.append(child)
        return child
    }

    /// Runs a `newsline` subcommand to its end; returns its status and standard output.
    func cli(_ arguments: [String], input: Data? = nil, timeout: Duration = .seconds(60)) throws -> (status: Int32, output: String, log: String) {
        let child = try ChildProcess("newsline", arguments + ["--brokers", brokers], input: input)
        let (status, output) = child.finish(within: timeout)
        guard let status else {
            throw TestFailure("newsline \(arguments.joined(separator: " ")) did not finish within \(timeout); it printed: \(output)\n\(child.log)")
        }
        return (status, output, child.log)
    }

    func producer() throws -> KafkaProducer {
        try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: brokers)), logger: Self.logger)
    }

    /// Sends raw bytes to a topic and waits for the acknowledgement.
    func produce(topic: String, key: String, value: [UInt8], headers: [KafkaHeader] = []) async throws {
        try await produce(topic: topic, key: Array(key.utf8), value: value, headers: headers)
    }

    /// Sends raw bytes, under a key of any bytes, and waits for the acknowledgement.
    func produce(topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader] = []) async throws {
        let producer = try producer()
        defer { producer.close() }
        _ = try await producer.send(ProducerRecord(topic: topic, key: key, value: value, headers: headers))
    }

    /// Reads a topic from its beginning until `done` holds for what was read, or the timeout passes.
    func read(
        _ topic: String,
        isolation: KafkaConsumerConfiguration.IsolationLevel = .readUncommitted,
        timeout: Duration = .seconds(90),
        until done: ([ConsumerRecord]) -> Bool
    ) throws -> [ConsumerRecord] {
        let reader = try watch(topic, isolation: isolation)
        try reader.read(timeout: timeout, until: done)
        return reader.records
    }

    /// A reader of a topic from its beginning, kept open across reads.
    func watch(_ topic: String, isolation: KafkaConsumerConfiguration.IsolationLevel = .readUncommitted) throws -> TopicReader {
        var configuration = KafkaConsumerConfiguration(kafka: .init(bootstrapServers: brokers), groupID: nil)
        configuration.isolationLevel = isolation
        let consumer = try KafkaConsumer(configuration: configuration, logger: Self.logger)
        try consumer.assign((0..<Int32(partitions)).map { TopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.beginning) })
        return TopicReader(consumer: consumer)
    }

    /// A cluster with an ingest worker that has ingested `count` pushed articles.
    static func ingested(count: Int, tag: String) throws -> (pipeline: Pipeline, ingest: ChildProcess) {
        let pipeline = try Pipeline()
        let ingest = try pipeline.startWorker("newsline-ingest")
        let push = try pipeline.cli(["push", try writeArticles(count: count, tag: tag)])
        guard push.status == 0 else { throw TestFailure("push failed: \(push.log)") }
        _ = try pipeline.read(pipeline.topics.ingested) { $0.count >= count }
        return (pipeline, ingest)
    }

    /// A backlog for the entity stage: ingest and summarize workers running, `count` long articles pushed and
    /// ingested, and a reader of `articles.entities` at its end. No entity worker runs yet.
    static func entityBacklog(count: Int, tag: String) throws -> (pipeline: Pipeline, ingested: Set<String>, watcher: TopicReader) {
        let pipeline = try Pipeline()
        try pipeline.startWorker("newsline-ingest")
        try pipeline.startWorker("newsline-summarize")
        let push = try pipeline.cli(["push", try writeArticles(count: count, tag: tag, extraParagraphs: 40)])
        guard push.status == 0 else { throw TestFailure("push failed: \(push.log)") }
        let ingested = keys(try pipeline.read(pipeline.topics.ingested) { $0.count >= count })
        guard ingested.count == count else { throw TestFailure("\(ingested.count) of \(count) articles ingested") }
        let watcher = try pipeline.watch(pipeline.topics.entities)
        try watcher.read(timeout: .seconds(1)) { _ in false }
        return (pipeline, ingested, watcher)
    }

    /// The partitions a worker's log lists on each line of `event` ("partitions assigned", "partitions revoked").
    static func partitions(_ event: String, in log: String) -> [Set<String>] {
        log.split(separator: "\n").filter { $0.hasSuffix(event) }.map { line in
            let listed = line.split(separator: " ").first { $0.hasPrefix("kafka.partitions=") } ?? ""
            return Set(listed.dropFirst("kafka.partitions=".count).split(separator: ",").map(String.init))
        }
    }

    /// Distinct record keys.
    static func keys(_ records: [ConsumerRecord]) -> Set<String> {
        Set(records.compactMap(\.keyText))
    }

    static func envelopes(_ records: [ConsumerRecord]) throws -> [ArticleEnvelope] {
        let decoder = NewsJSON.decoder()
        return try records.map { try decoder.decode(ArticleEnvelope.self, from: Data($0.value)) }
    }

    static func deadLetters(_ records: [ConsumerRecord]) throws -> [DeadLetter] {
        let decoder = NewsJSON.decoder()
        return try records.map { try decoder.decode(DeadLetter.self, from: Data($0.value)) }
    }
}

/// Reads one topic, accumulating what it read.
final class TopicReader {
    let consumer: KafkaConsumer
    private(set) var records: [ConsumerRecord] = []

    init(consumer: KafkaConsumer) {
        self.consumer = consumer
    }

    deinit {
        consumer.close()
    }

    /// Reads on until `done` holds for everything read so far, or the timeout passes.
    func read(timeout: Duration, until done: ([ConsumerRecord]) -> Bool) throws {
        let deadline = ContinuousClock.now + timeout
        while !done(records), ContinuousClock.now < deadline {
            if let record = try consumer.poll(timeout: .milliseconds(20)) { records.append(record) }
        }
    }
}

/// Writes `count` distinct articles in the sample's plain-text shape to a JSONL file; returns its path.
/// `extraParagraphs` makes each article longer, so a stage takes longer over it.
func writeArticles(count: Int, tag: String, extraParagraphs: Int = 0) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-\(tag)-\(UUID().uuidString.prefix(8)).jsonl")
    var lines: [String] = []
    for index in 0..<count {
        let text = """
            Talks on shipping routes resume in Geneva, round \(index) (\(tag))

            The United Nations said on Monday that talks in Geneva on shipping routes would resume for round \(index), officials told reporters.

            John Smith, a spokesman for the World Health Organization, said the talks were the \(index)th this year and that Russia and Turkey had joined.

            Analysts in London said the agreement could lower prices for farmers across Europe.
            """ + (0..<extraParagraphs).map { paragraph in
                "\n\nIn Brussels, the European Commission said paragraph \(paragraph) of report \(index) would be published by the Bank of England and Reuters, according to Maria Lopez in Madrid."
            }.joined() + "\n\nAnna Berg"
        let data = try JSONSerialization.data(withJSONObject: ["text": text])
        lines.append(String(decoding: data, as: UTF8.self))
    }
    try lines.joined(separator: "\n").write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

/// The sample article shipped in the repository.
let sampleArticlePath = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("samples/syria-ceasefire.txt").path

struct TestFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
