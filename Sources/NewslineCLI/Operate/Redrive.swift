import ArgumentParser
import Foundation
import KafkaClient
import NewsSchema

/// `newsline redrive`: copy a range of one topic onto another: dead letters back to a stage's input, or a
/// whole topic into a new pipeline.
struct Redrive: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send dead letters back to the topics they failed from, or copy records from one topic to another.",
        discussion: """
            Reads --from from --since (or its start) up to --until (or its end when the command started). \
            A dead letter is sent as its original bytes, key and headers, with newsline-redrive-count raised \
            by one, to --to or, without it, to the topic it was read from when it failed. A dead letter keeps \
            the first 64 KiB of its message: a longer one is read in full at its source offset. Other records \
            are copied as they are, to --to. \
            --since/--until take an ISO 8601 time, a duration back from now (--since 1h: the last hour's) or \
            an offset (applied to every partition). Exits non-zero \
            when a record could not be placed: not a dead letter and no --to, its topic gone, or a long \
            message no longer at its source offset.
            """
    )

    @OptionGroup var kafka: KafkaOptions
    @Option(help: "Source topic, e.g. articles.dead-letter.") var from: String
    @Option(help: "Destination topic, e.g. articles.submitted. Default: each dead letter's own source topic.") var to: String?
    // Unconditional: `--since -1h` is a value, not an unknown option.
    @Option(parsing: .unconditional, help: "First record: an offset, an ISO 8601 time, or a duration back from now (1h, 2d).")
    var since: String?
    @Option(parsing: .unconditional, help: "End (exclusive): an offset, an ISO 8601 time, or a duration back from now.")
    var until: String?
    @Option(help: "Only dead letters from this stage (\(PipelineStage.names)).") var stage: String?
    @Option(help: "Only dead letters with this reason (e.g. transformFailed).") var reason: String?
    @Flag(help: "Count what would be sent; send nothing.") var dryRun = false

    typealias Bound = TopicRange.Bound

    func validate() throws {
        _ = try PipelineStage.named(stage)
        if let to, kafka.topic(to) == kafka.topic(from) {
            throw ValidationError("--from and --to name the same topic, \(kafka.topic(from))")
        }
        if let since, Bound(since) == nil { throw ValidationError("--since: not an offset or \(PointInTime.accepted): \(since)") }
        if let until, Bound(until) == nil { throw ValidationError("--until: not an offset or \(PointInTime.accepted): \(until)") }
        switch (since.flatMap(Bound.init), until.flatMap(Bound.init)) {
        case (.offset(let first)?, .offset(let end)?) where first >= end,
            (.time(let first)?, .time(let end)?) where first >= end:
            throw ValidationError("--since must come before --until (which is exclusive): nothing lies from \(since!) to \(until!)")
        default: break
        }
        if let reason, DeadLetterReason(rawValue: reason) == nil {
            throw ValidationError("--reason must be one of \(DeadLetterReason.allCases.map(\.rawValue).joined(separator: ", ")), got '\(reason)'")
        }
    }

    struct Counts: Sendable {
        var read = 0
        var sent = 0
        var filtered = 0
        /// Dead letters cut short whose whole message was read at its source offset.
        var readAtSource = 0
        /// Dead letters cut short whose message is no longer at its source offset, by that topic.
        var sourceGone: [String: Int] = [:]
        /// Sent, by destination topic.
        var sentTo: [String: Int] = [:]
        /// Records that are not dead letters, read without a --to.
        var notDeadLetters = 0
        /// Dead letters whose source topic the cluster no longer has, by that topic.
        var topicMissing: [String: Int] = [:]
    }

    func run() async throws {
        let source = kafka.topic(from)
        let destination = to.map(kafka.topic)
        let configuration = try kafka.configuration()
        let counts = try await onDedicatedThread { [self] in try self.copy(from: source, to: destination, configuration: configuration) }
        let perTopic = counts.sentTo.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
        let destinations = destination ?? "the topics they failed from" + (perTopic.isEmpty ? "" : " (\(perTopic))")
        print(
            "\(dryRun ? "would redrive" : "redrove") \(counts.sent) of \(counts.read) record(s) from \(source) to \(destinations); "
                + "\(counts.filtered) filtered out"
                + (counts.readAtSource > 0 ? "; \(counts.readAtSource) longer than a dead letter keeps, read in full at their source" : "")
        )
        var unplaced: [String] = []
        if counts.notDeadLetters > 0 {
            unplaced.append("\(counts.notDeadLetters) record(s) not dead letters, so with no topic of their own to go back to (give --to)")
        }
        for (topic, count) in counts.topicMissing.sorted(by: { $0.key < $1.key }) {
            unplaced.append("\(count) dead letter(s) from \(topic), which is not on the cluster")
        }
        for (topic, count) in counts.sourceGone.sorted(by: { $0.key < $1.key }) {
            unplaced.append(
                "\(count) dead letter(s) cut to their first \(DeadLetter.maxPayloadBytes / 1024) KiB whose message is no longer "
                    + "at its offset in \(topic) (removed by retention, or the topic deleted or made anew)"
            )
        }
        guard unplaced.isEmpty else {
            for line in unplaced { FileHandle.standardError.write(Data("not sent: \(line)\n".utf8)) }
            throw ExitCode.failure
        }
    }

    private func copy(from source: String, to destination: String?, configuration: KafkaConfiguration) throws -> Counts {
        let consumer = try TopicRange.consumer(configuration)
        defer { consumer.close() }
        let topics = try consumer.metadata()
        guard let metadata = topics.first(where: { $0.name == source }) else { throw CLIError("no topic \(source) on the cluster") }
        if let destination, !topics.contains(where: { $0.name == destination }) { throw CLIError("no topic \(destination) on the cluster") }
        let existing = Set(topics.map(\.name))
        let partitions = Array(0..<Int32(metadata.partitions))
        let range = try TopicRange(
            topic: source, partitions: partitions, since: since.flatMap(Bound.init), until: until.flatMap(Bound.init),
            consumer: consumer, configuration: configuration
        )
        let producer = try KafkaProducer(configuration: .init(kafka: configuration), logger: cliLogger)
        defer { producer.close() }
        var counts = Counts()
        let deliveryErrors = ErrorBox()
        let decoder = NewsJSON.decoder()
        let sources = SourceMessages(configuration: configuration)
        defer { sources.close() }
        try range.read(with: consumer) { record in
            counts.read += 1
            guard let outgoing = try redriven(record, to: destination, existing: existing, sources: sources, decoder: decoder, counts: &counts)
            else { return }
            counts.sent += 1
            counts.sentTo[outgoing.topic, default: 0] += 1
            if !dryRun {
                try producer.send(outgoing) { result in
                    if case .failure(let error) = result { deliveryErrors.set(error) }
                }
            }
        }
        try producer.flush(timeout: .seconds(30))
        if let error = deliveryErrors.first { throw CLIError("a record was not delivered: \(error.reason)") }
        return counts
    }

    /// What to send for `record`: to `destination`, or without one to the dead letter's source topic, if `existing`.
    private func redriven(
        _ record: ConsumerRecord,
        to destination: String?,
        existing: Set<String>,
        sources: SourceMessages,
        decoder: NewsJSONDecoder,
        counts: inout Counts
    ) throws -> ProducerRecord? {
        guard let letter = try? decoder.decode(DeadLetter.self, from: Data(record.value)), letter.schemaVersion >= 1 else {
            if stage != nil || reason != nil {
                counts.filtered += 1
                return nil
            }
            guard let destination else {
                counts.notDeadLetters += 1
                return nil
            }
            return ProducerRecord(topic: destination, key: record.key, value: record.value, headers: record.headers)
        }
        if let stage, letter.stage != stage { counts.filtered += 1; return nil }
        if let reason, letter.reason.rawValue != reason { counts.filtered += 1; return nil }
        // A --to was looked up before reading; a letter's own source topic may have gone since it failed.
        if destination == nil, !existing.contains(letter.sourceTopic) {
            counts.topicMissing[letter.sourceTopic, default: 0] += 1
            return nil
        }
        var value = Array(letter.payload)
        if letter.payloadTruncated {
            // With a --to, the letter's source topic may be gone: its message is then as gone as one retention removed.
            guard existing.contains(letter.sourceTopic), let whole = try sources.message(of: letter) else {
                counts.sourceGone[letter.sourceTopic, default: 0] += 1
                return nil
            }
            value = whole
            counts.readAtSource += 1
        }
        let destination = destination ?? letter.sourceTopic
        // A stage writes the dead letter's record with the failed message's key and headers byte for byte (and its
        // trace continued); the letter's JSON holds them as text, which a binary key or header value, or a header
        // name given twice, does not survive. The schema version header is the stage's there, the letter keeps the
        // original's.
        var headers = record.headers.filter { !$0.isNamed(Headers.schemaVersion) && !$0.isNamed(Headers.redriveCount) }
        if let version = letter.headers[Headers.schemaVersion] { headers.append(KafkaHeader(name: Headers.schemaVersion, text: version)) }
        headers.append(KafkaHeader(name: Headers.redriveCount, text: "\(letter.redriveCount + 1)"))
        let key = record.key ?? letter.key.map { Array($0.utf8) }
        return ProducerRecord(topic: destination, key: key, value: value, headers: headers)
    }
}

/// The whole messages of dead letters cut short, read where they failed, with a consumer of their own: the one
/// reading the dead letters is in the middle of its stretch.
private final class SourceMessages {
    private let configuration: KafkaConfiguration
    private var consumer: KafkaConsumer?

    init(configuration: KafkaConfiguration) {
        self.configuration = configuration
    }

    /// The message `letter` was cut from, read at its source offset; `nil` when that offset no longer holds it:
    /// retention removed it, or the topic was made anew and the offset holds another message (its first bytes
    /// differ from the letter's).
    func message(of letter: DeadLetter) throws -> [UInt8]? {
        let consumer = try self.consumer ?? TopicRange.consumer(configuration)
        self.consumer = consumer
        let offset = letter.sourceOffset
        let range = try TopicRange(
            topic: letter.sourceTopic, partitions: [letter.sourcePartition], since: .offset(offset), until: .offset(offset + 1),
            consumer: consumer, configuration: configuration
        )
        var found: [UInt8]?
        try range.read(with: consumer) { record in
            if record.offset == offset { found = record.value }
        }
        guard let found, found.starts(with: letter.payload) else { return nil }
        return found
    }

    func close() {
        consumer?.close()
    }
}

/// The first error reported from a delivery callback.
final class ErrorBox: @unchecked Sendable {
    private var error: KafkaError?
    private let lock = NSLock()

    func set(_ error: KafkaError) { lock.withLock { if self.error == nil { self.error = error } } }
    var first: KafkaError? { lock.withLock { error } }
}
