import ArgumentParser
import Foundation
import KafkaClient
import NewsIngest
import NewsSchema
import StageRuntime

/// `newsline bench`: throughput, latency and memory of the pipeline on the embedded cluster.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure transport and stage rates, pipeline throughput, end-to-end latency and worker memory.",
        discussion: "Run a release build (scripts/bench.sh does). Figures vary with the machine's load: compare ratios of one run. The wire codec's own figures come from the micro-benchmarks (scripts/bench-micro.sh)."
    )

    @Option(help: "4 KB messages for the transport comparison; above about 16,000 the consumers' prefetch fills and librdkafka 2.0.2 pauses fetching for up to a second.")
    var messages = 10_000
    @Option(help: "Rounds of the transport comparison, raw relay and pass-through stage taking turns; medians are reported.")
    var rounds = 3
    @Option(help: "Articles for the stage and pipeline figures.") var articles = 1_000
    @Option(help: "Partitions per topic.") var partitions = 12
    @Option(help: "Articles per second in the latency phase.") var rate = 20.0
    @Option(help: "Length of the latency phase: seconds, or a duration like 30s or 2m. Default: 10.", transform: { try OptionRule.seconds.argument($0) })
    var latencySeconds = 10.0
    @Option(help: "The article the stage figures use, varied per copy.") var sample = "samples/syria-ceasefire.txt"

    func validate() throws {
        guard messages >= 100, rounds >= 1, articles >= 10, partitions >= 1, rate > 0, rate <= 100_000 else {
            throw ValidationError("--messages ≥ 100, --rounds ≥ 1, --articles ≥ 10, --partitions ≥ 1, 0 < --rate ≤ 100000")
        }
        // Read now rather than after the transport rounds, which take minutes.
        _ = try DataFile.read(sample, what: "sample article")
    }

    func run() async throws {
        let cluster = try EmbeddedCluster(brokers: 3, logger: cliLogger)
        for round in 1...rounds {
            for topic in ["raw-in", "raw-out", "codec-in", "codec-out", "pass-in", "pass-out"] {
                try cluster.createTopic("bench.\(round).\(topic)", partitions: partitions, replicationFactor: 3)
            }
        }
        for prefix in ["stages.", "pipeline."] {
            for topic in Topics(prefix: prefix).all { try cluster.createTopic(topic, partitions: partitions, replicationFactor: 3) }
        }
        // Where the pass-through stage would send a dead letter: a stage starts only when all its topics exist.
        try cluster.createTopic(Topics().deadLetter, partitions: partitions, replicationFactor: 3)
        let configuration = KafkaConfiguration(bootstrapServers: cluster.bootstrapServers)
        print("newsline bench: embedded cluster of 3 brokers, \(partitions) partitions per topic, \(ProcessInfo.processInfo.activeProcessorCount) cores")

        // Transport: the same backlog through a raw relay and through the pass-through stage, taking turns, since
        // one relay of a backlog lasts a fraction of a second and the machine's load moves single figures.
        var raws: [TransportBench.Relay] = []
        var codecs: [TransportBench.Relay] = []
        var passes: [TransportBench.Relay] = []
        for round in 1...rounds {
            for topic in ["raw-in", "codec-in", "pass-in"] {
                try TransportBench.fill("bench.\(round).\(topic)", count: messages, bytes: 4096, configuration: configuration)
            }
            raws.append(try await onDedicatedThread(named: "nl:relay") { [messages] in
                try TransportBench.rawRelay(
                    from: "bench.\(round).raw-in", to: "bench.\(round).raw-out", count: messages, configuration: configuration
                )
            })
            codecs.append(try await onDedicatedThread(named: "nl:relay") { [messages] in
                try TransportBench.rawRelay(
                    from: "bench.\(round).codec-in", to: "bench.\(round).codec-out", count: messages, configuration: configuration,
                    rewrite: TransportBench.codecRewrite()
                )
            })
            passes.append(
                try await TransportBench.passThrough(
                    from: "bench.\(round).pass-in", to: "bench.\(round).pass-out", count: messages, configuration: configuration
                )
            )
        }
        let raw = median(raws.map(\.rate))
        let pass = median(passes.map(\.rate))
        print(String(format: "transport, %d messages of 4 KB with a stage input's three headers, median of %d rounds: raw relay %.0f msg/s, pass-through stage %.0f msg/s (%.0f%% of raw)", messages, rounds, raw, pass, pass / raw * 100))
        print("  rounds: raw relay " + raws.map { String(format: "%.0f", $0.rate) }.joined(separator: ", ") + "; pass-through " + passes.map { String(format: "%.0f", $0.rate) }.joined(separator: ", "))
        let rawCPU = median(raws.map(\.cpuPerRecord.microseconds))
        let passCPU = median(passes.map(\.cpuPerRecord.microseconds))
        print(String(format: "  CPU per message, whole process with the embedded brokers, medians: raw relay %.1f µs, pass-through %.1f µs (%.1f×)", rawCPU, passCPU, passCPU / rawCPU))
        if let raw = byRole(raws), let pass = byRole(passes) {
            print("  the same by thread, medians: raw relay " + raw + "; pass-through " + pass)
        }
        let rawWaits = raws.compactMap(\.waitPerRecord?.microseconds)
        let passWaits = passes.compactMap(\.waitPerRecord?.microseconds)
        if !rawWaits.isEmpty, !passWaits.isEmpty {
            print(String(format: "  waiting for a core (threads ready to run, on a run queue), all threads together, medians: raw relay %.1f µs, pass-through %.1f µs per message", median(rawWaits), median(passWaits)))
        }
        // What the wire codec alone costs the relay. With the raw relay's and the stage's CPU, it splits the stage's
        // cost above the transport into the codec's part and the rest of the runtime's; by thread, it separates the
        // codec's own work (the relay loop) from the transport's, which batches less at a lower rate.
        let codecRate = median(codecs.map(\.rate))
        let codecCPU = median(codecs.map(\.cpuPerRecord.microseconds))
        print(String(format: "codec relay (the raw relay, also decoding, adding provenance to and encoding each envelope, on its one thread): %.0f msg/s (%.0f%% of raw), CPU %.1f µs per message", codecRate, codecRate / raw * 100, codecCPU))
        print("  rounds: " + codecs.map { String(format: "%.0f", $0.rate) }.joined(separator: ", "))
        if let codec = byRole(codecs) { print("  by thread, medians: " + codec) }
        print(String(format: "  of the pass-through's %.1f µs per message above the raw relay's, %.1f µs come with the codec (its own work, and the transport's at the lower rate) and %.1f µs with the rest of the runtime", passCPU - rawCPU, codecCPU - rawCPU, passCPU - codecCPU))

        let text = try DataFile.read(sample, what: "sample article")
        var peaks: [String: Int] = [:]

        // Each real stage alone over a backlog.
        let stages = Topics(prefix: "stages.")
        try push(copies: articles, of: text, tag: "stages", to: stages.submitted, configuration: configuration)
        for (worker, output) in [("newsline-ingest", stages.ingested), ("newsline-entities", stages.entities), ("newsline-summarize", stages.summarized)] {
            let workers = WorkerProcesses()
            let interrupt = workers.stopOnInterrupt()
            defer { interrupt.cancel() }
            // The reader is in place before the worker starts, so arrivals are timed as they happen.
            let timing = try await onDedicatedThread { [articles, partitions] in
                try TopicWatch.timeArrivals(of: articles, topic: output, partitions: partitions, configuration: configuration) {
                    try workers.start(brokers: cluster.bootstrapServers, only: [worker], arguments: Self.workerArguments(prefix: "stages."))
                }
            }
            peaks[worker] = workers.peakResidentKilobytes().first?.kilobytes ?? 0
            _ = workers.stop()
            print(String(format: "stage %@: %.0f articles/s over a backlog of %d (first to last output)", worker, timing.rate, articles))
        }

        // The whole pipeline: a burst, then a steady rate for latency.
        let pipeline = Topics(prefix: "pipeline.")
        let workers = WorkerProcesses()
        let interrupt = workers.stopOnInterrupt()
        try workers.start(brokers: cluster.bootstrapServers, arguments: Self.workerArguments(prefix: "pipeline."))
        defer {
            interrupt.cancel()
            _ = workers.stop()
        }
        try push(copies: 1, of: text, tag: "warm-up", to: pipeline.submitted, configuration: configuration)
        _ = try await onDedicatedThread { [partitions] in
            try TopicWatch.timeArrivals(of: 1, topic: pipeline.summarized, partitions: partitions, configuration: configuration)
        }
        let burst = try await onDedicatedThread { [articles, partitions] in
            try TopicWatch.timeArrivals(of: articles, topic: pipeline.summarized, partitions: partitions, configuration: configuration, startingAfter: 1) {
                try push(copies: articles, of: text, tag: "burst", to: pipeline.submitted, configuration: configuration)
            }
        }
        print(String(format: "pipeline: %.0f articles/s, a burst of %d from push to articles.summarized", burst.rateFromStart, articles))

        let latencies = try await onDedicatedThread { [rate, latencySeconds, articles, partitions] in
            try LatencyBench.measure(
                rate: rate, seconds: latencySeconds, text: text, topics: pipeline, partitions: partitions,
                alreadyThere: articles + 1, configuration: configuration
            )
        }
        print(String(format: "end-to-end latency at %.0f articles/s: p50 %.0f ms, p99 %.0f ms, max %.0f ms (%d articles)", rate, latencies.p50, latencies.p99, latencies.max, latencies.count))

        for peak in workers.peakResidentKilobytes() { peaks[peak.name] = max(peaks[peak.name] ?? 0, peak.kilobytes) }
        let memory = WorkerProcesses.names.map { String(format: "%@ %.1f MB", $0, Double(peaks[$0] ?? 0) / 1024) }
        print("peak RSS: " + memory.joined(separator: ", "))
    }

    /// Each thread role's median CPU per message, largest first, as "role 1.2 µs, ..."; `nil` without thread figures.
    private func byRole(_ relays: [TransportBench.Relay]) -> String? {
        let roles = Set(relays.flatMap(\.cpuPerRecordByRole.keys))
        guard !roles.isEmpty else { return nil }
        let medians = roles.map { role in (role, median(relays.map { ($0.cpuPerRecordByRole[role] ?? .zero).microseconds })) }
        return medians.filter { $0.1 >= 0.05 }.sorted { $0.1 > $1.1 }.map { String(format: "%@ %.1f", $0.0, $0.1) }.joined(separator: ", ") + " µs"
    }

    static func workerArguments(prefix: String) -> [String] {
        ["--topic-prefix", prefix, "--kafka-property", "fetch.wait.max.ms=20", "--summary-interval", "0", "--log-level", "warning"]
            + EmbeddedCluster.workerArguments
    }
}

/// The middle value (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// Pushes `copies` variants of an article (distinct titles, so distinct ids), waiting for every acknowledgement.
func push(copies: Int, of text: String, tag: String, to topic: String, configuration: KafkaConfiguration) throws {
    let producer = try KafkaProducer(configuration: .init(kafka: configuration), logger: cliLogger)
    defer { producer.close() }
    let encoder = NewsJSON.encoder()
    let failures = ErrorBox()
    for index in 0..<copies {
        let submission = ArticleSubmission(text: "\(tag) \(index): " + text, submittedAt: Date(), origin: "bench")
        try producer.send(try submission.record(topic: topic, encoder: encoder)) { result in
            if case .failure(let error) = result { failures.set(error) }
        }
    }
    try producer.flush(timeout: .seconds(120))
    if let error = failures.first { throw error }
}
