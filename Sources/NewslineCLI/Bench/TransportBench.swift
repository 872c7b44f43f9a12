import ArgumentParser
import Foundation
import KafkaClient
import Logging
import NewsSchema
import StageRuntime
import Synchronization

/// The transport figures: a raw relay (consume → produce the same bytes → store the offset) against a
/// pass-through stage (the same, with the runtime's decode, provenance and encode), over one backlog size.
enum TransportBench {
    /// One relay's figures over its window, from the first record read to the last acknowledgement.
    struct Relay {
        /// Records per second.
        var rate: Double
        /// The whole process's CPU time (user and system, every thread, the embedded brokers' included) per record.
        var cpuPerRecord: Duration
        /// The same by the threads' role (see ``ThreadCPU``); empty where threads cannot be read.
        var cpuPerRecordByRole: [String: Duration] = [:]
        /// How long the process's threads waited on a run queue for a core, per record; `nil` where threads cannot be
        /// read. Near the CPU per record or above it, the relay's threads are often kept from a core.
        var waitPerRecord: Duration?
    }

    /// CPU time used by this process so far, all threads.
    static func processCPUTime() -> Duration {
        var time = timespec()
        clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time)
        return .seconds(time.tv_sec) + .nanoseconds(time.tv_nsec)
    }

    /// An envelope of about `bytes` bytes of JSON.
    static func envelope(index: Int, bytes: Int) throws -> [UInt8] {
        let sentence = "Officials in Geneva said talks on the ceasefire would continue on Monday. "
        let body = String(repeating: sentence, count: max(1, (bytes - 600) / sentence.utf8.count))
        let now = Date()
        let article = Article(
            id: "a-bench-\(index)", title: "Bench article \(index)", body: body, wordCount: 12,
            contentHash: String(repeating: "0", count: 64), submittedAt: now, ingestedAt: now
        )
        return Array(try NewsJSON.encoder().encode(ArticleEnvelope(article: article)))
    }

    /// Fills `topic` with `count` envelopes; returns when all are acknowledged. Each carries the headers a stage's
    /// input carries (a trace, the push time, the schema version), which the relays read and write on.
    static func fill(_ topic: String, count: Int, bytes: Int, configuration: KafkaConfiguration) throws {
        let producer = try KafkaProducer(configuration: .init(kafka: configuration), logger: cliLogger)
        defer { producer.close() }
        let failures = ErrorBox()
        let pushed = Date()
        for index in 0..<count {
            let value = try envelope(index: index, bytes: bytes)
            let headers = ArticleSubmission.headers(submittedAt: pushed)
            try producer.send(ProducerRecord(topic: topic, key: Array("a-bench-\(index)".utf8), value: value, headers: headers)) { result in
                if case .failure(let error) = result { failures.set(error) }
            }
        }
        try producer.flush(timeout: .seconds(120))
        if let error = failures.first { throw error }
    }

    /// Relays `count` records from `input` to `output` as a stage would, sending each record's value as it is or,
    /// given `rewrite`, what that makes of it (on the relay's thread).
    static func rawRelay(
        from input: String,
        to output: String,
        count: Int,
        configuration: KafkaConfiguration,
        rewrite: ((ConsumerRecord) throws -> [UInt8])? = nil
    ) throws -> Relay {
        var kafka = configuration
        kafka.additionalProperties.merge(EmbeddedCluster.groupProperties) { $1 }
        let consumerConfiguration = KafkaConsumerConfiguration(kafka: kafka, groupID: "bench-raw-\(UUID().uuidString)")
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: cliLogger)
        let producer = try KafkaProducer(configuration: .init(kafka: configuration), logger: cliLogger)
        defer {
            producer.close()
            consumer.close()
        }
        try consumer.subscribe(topics: [input])
        // The cheapest correct relay: offsets are stored once, after the last acknowledgement.
        let acknowledged = Atomic<Int>(0)
        var read = 0
        var next: [Int32: Int64] = [:]
        var started: ContinuousClock.Instant?
        var cpuAtStart = Duration.zero
        var threadsAtStart: ThreadCPU?
        while read < count {
            guard let record = try consumer.poll(timeout: .milliseconds(100)) else { continue }
            if started == nil {
                started = .now
                cpuAtStart = processCPUTime()
                threadsAtStart = ThreadCPU.sample()
            }
            read += 1
            next[record.partition] = record.offset + 1
            let value = try rewrite?(record) ?? record.value
            try producer.send(ProducerRecord(topic: output, key: record.key, value: value, headers: record.headers)) { result in
                if case .success = result { acknowledged.add(1, ordering: .relaxed) }
            }
        }
        while acknowledged.load(ordering: .relaxed) < count { Thread.sleep(forTimeInterval: 0.001) }
        let elapsed = ContinuousClock.now - started!
        let cpu = processCPUTime() - cpuAtStart
        let threads = perRecord(from: threadsAtStart, count: count)
        try consumer.storeOffsets(next.map { TopicPartitionOffset(topic: input, partition: $0.key, offset: $0.value) })
        return Relay(rate: Double(count) / elapsed.seconds, cpuPerRecord: cpu / count, cpuPerRecordByRole: threads.byRole, waitPerRecord: threads.wait)
    }

    /// The wire codec's share of a stage's work, without the stage runtime: each envelope decoded as a stage
    /// decodes its input (size and schema checks included), given a provenance record, and encoded again with its
    /// received article's text, as a stage that leaves the article alone encodes it.
    static func codecRewrite() -> (ConsumerRecord) throws -> [UInt8] {
        let decoder = NewsJSON.decoder()
        let encoder = NewsJSON.encoder()
        let host = ProcessInfo.processInfo.hostName
        return { record in
            let started = Date()
            var (envelope, received) = try EnvelopeDecoding.decodeEnvelope(
                from: record.value, maxBytes: ResolvedWorkerOptions.defaultMaxMessageBytes, decoder: decoder
            )
            envelope.provenance.append(
                Provenance(stage: "codec-relay", version: NewslineVersion.current, host: host, startedAt: started, finishedAt: Date())
            )
            return try encoder.encodeBytes(envelope, reusing: received, reservingCapacity: record.value.count + 512)
        }
    }

    /// Runs the pass-through stage over `count` records of `input`.
    static func passThrough(from input: String, to output: String, count: Int, configuration: KafkaConfiguration) async throws -> Relay {
        var options = try WorkerOptions.parse(["--brokers", configuration.bootstrapServers, "--summary-interval", "0"])
            .resolved(stage: "pass-through", environment: [:])
        options.kafka = configuration
        options.kafka.additionalProperties.merge(EmbeddedCluster.groupProperties) { $1 }
        options.group = "bench-pass-\(UUID().uuidString)"
        let worker = StageWorker(stage: PassThroughStage(input: input, output: output), options: options, logger: cliLogger)
        let task = Task { try await worker.run() }
        // Watched from a thread of its own with plain sleeps, as the raw relay waits for its acknowledgements:
        // a task sleeping 1 ms at a time would cost the stage a timer and an executor hop per tick.
        let (elapsed, cpu, threads) = try await onDedicatedThread(named: "nl:bench-watch") {
            var started: ContinuousClock.Instant?
            var cpuAtStart = Duration.zero
            var threadsAtStart: ThreadCPU?
            while worker.produced < count {
                if started == nil, worker.consumed > 0 {
                    started = .now
                    cpuAtStart = processCPUTime()
                    threadsAtStart = ThreadCPU.sample()
                }
                Thread.sleep(forTimeInterval: 0.001)
            }
            return (ContinuousClock.now - (started ?? .now), processCPUTime() - cpuAtStart, perRecord(from: threadsAtStart, count: count))
        }
        worker.requestStop()
        try await task.value
        return Relay(rate: Double(count) / elapsed.seconds, cpuPerRecord: cpu / count, cpuPerRecordByRole: threads.byRole, waitPerRecord: threads.wait)
    }

    /// CPU per record by thread role since `start`, and the wait for a core per record.
    private static func perRecord(from start: ThreadCPU?, count: Int) -> (byRole: [String: Duration], wait: Duration?) {
        guard let start, let now = ThreadCPU.sample() else { return ([:], nil) }
        return (now.since(start).mapValues { $0 / count }, now.waitedSince(start) / count)
    }
}

/// Passes every envelope on unchanged (the runtime still decodes, validates, adds provenance and encodes).
struct PassThroughStage: Stage {
    let name = "pass-through"
    let version = NewslineVersion.current
    let input: String
    let output: String

    func inputTopic(_ topics: Topics) -> String { input }
    func outputTopic(_ topics: Topics) -> String { output }
    func transform(_ envelope: consuming ArticleEnvelope, record: ConsumerRecord) throws -> StageResult { .emit(envelope) }
}
