import Foundation
import KafkaClient
import NewsIngest
import NewsSchema
import StageRuntime

/// Times records arriving on a topic.
enum TopicWatch {
    struct Timing {
        var count: Int
        /// When the watch (or `action`) started, in milliseconds since the epoch.
        var started: Double
        /// The first and last records' timestamps: when their producer sent them.
        var first: Double
        var last: Double

        /// Records per second between the first and the last record's production.
        var rate: Double { Double(count - 1) / max((last - first) / 1000, 1e-3) }
        /// Records per second from the start of the watch (or of `action`) to the last record's production.
        var rateFromStart: Double { Double(count) / max((last - started) / 1000, 1e-3) }
    }

    /// Reads `topic` from its start until `count` records arrived after the first `startingAfter`;
    /// `action` runs once the reader is in place, and the clock for `rateFromStart` starts with it.
    static func timeArrivals(
        of count: Int,
        topic: String,
        partitions: Int,
        configuration: KafkaConfiguration,
        startingAfter skipped: Int = 0,
        timeout: Duration = .seconds(600),
        action: () throws -> Void = {}
    ) throws -> Timing {
        let consumer = try reader(topic: topic, partitions: partitions, configuration: configuration)
        defer { consumer.close() }
        var seen = 0
        while seen < skipped {
            if try consumer.poll(timeout: .milliseconds(100)) != nil { seen += 1 }
        }
        let started = Date().timeIntervalSince1970 * 1000
        try action()
        var first = Double.infinity
        var last = -Double.infinity
        var arrived = 0
        let deadline = ContinuousClock.now + timeout
        while arrived < count {
            guard ContinuousClock.now < deadline else { throw CLIError("only \(arrived) of \(count) records reached \(topic)") }
            guard let record = try consumer.poll(timeout: .milliseconds(100)) else { continue }
            let produced = Double(record.timestampMilliseconds ?? Int64(Date().timeIntervalSince1970 * 1000))
            first = min(first, produced)
            last = max(last, produced)
            arrived += 1
        }
        return Timing(count: count, started: started, first: first, last: last)
    }

    static func reader(topic: String, partitions: Int, configuration: KafkaConfiguration) throws -> KafkaConsumer {
        var readerConfiguration = KafkaConsumerConfiguration(kafka: configuration, groupID: nil)
        readerConfiguration.kafka.additionalProperties["fetch.wait.max.ms"] = "20"
        let consumer = try KafkaConsumer(configuration: readerConfiguration, logger: cliLogger)
        try consumer.assign((0..<Int32(partitions)).map { TopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.beginning) })
        return consumer
    }
}

/// End-to-end latency: articles pushed at a steady rate, timed from push to `articles.summarized`.
enum LatencyBench {
    struct Figures {
        var p50: Double
        var p99: Double
        var max: Double
        var count: Int
    }

    static func measure(
        rate: Double,
        seconds: Double,
        text: String,
        topics: Topics,
        partitions: Int,
        alreadyThere: Int,
        configuration: KafkaConfiguration
    ) throws -> Figures {
        let consumer = try TopicWatch.reader(topic: topics.summarized, partitions: partitions, configuration: configuration)
        defer { consumer.close() }
        var skipped = 0
        while skipped < alreadyThere {
            if try consumer.poll(timeout: .milliseconds(100)) != nil { skipped += 1 }
        }
        let total = Int(rate * seconds)
        let interval = 1.0 / rate
        let producer = try KafkaProducer(configuration: .init(kafka: configuration), logger: cliLogger)
        defer { producer.close() }
        let pusher = Thread {
            let encoder = NewsJSON.encoder()
            let start = Date()
            for index in 0..<total {
                let submission = ArticleSubmission(text: "latency \(index): " + text, submittedAt: Date(), origin: "bench")
                // An article that cannot be sent never arrives; the figures count only those that did.
                try? producer.send(submission.record(topic: topics.submitted, encoder: encoder)) { _ in }
                Thread.sleep(until: start.addingTimeInterval(Double(index + 1) * interval))
            }
        }
        pusher.start()
        var latencies: [Double] = []
        let deadline = ContinuousClock.now + .seconds(seconds * 3 + 60)
        while latencies.count < total, ContinuousClock.now < deadline {
            guard let record = try consumer.poll(timeout: .milliseconds(50)) else { continue }
            let now = Date().timeIntervalSince1970 * 1000
            if let sent = record.headers.text(Headers.submittedAt).flatMap(Double.init) { latencies.append(now - sent) }
        }
        latencies.sort()
        guard !latencies.isEmpty else { throw CLIError("no article reached \(topics.summarized)") }
        func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
        return Figures(p50: percentile(0.5), p99: percentile(0.99), max: latencies.last!, count: latencies.count)
    }
}
