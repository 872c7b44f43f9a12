import CoreMetrics
import Foundation
import Metrics
import NewsSchema
import Synchronization

/// The metrics a worker reports through swift-metrics, with `stage` (and `topic`, `reason`, `partition`,
/// `code`) dimensions. Handles are made once; the Prometheus exporter sits at the edge (`WorkerMain`).
final class WorkerMetrics: Sendable {
    let stage: String
    let consumed: Counter
    let produced: Counter
    let skipped: Counter
    let deadLettered: [DeadLetterReason: Counter]
    let processing: Metrics.Timer
    let endToEnd: Metrics.Timer
    let inFlight: Gauge
    private let lagGauges = Mutex<[String: Gauge]>([:])
    private let errorCounters = Mutex<[String: Counter]>([:])
    private let rebalanceCounters: [String: Counter]

    static let processingLabel = "newsline_processing_duration_seconds"
    static let endToEndLabel = "newsline_end_to_end_latency_seconds"

    init(stage: String, input: String, output: String) {
        self.stage = stage
        consumed = Counter(label: "newsline_messages_consumed_total", dimensions: [("stage", stage), ("topic", input)])
        produced = Counter(label: "newsline_messages_produced_total", dimensions: [("stage", stage), ("topic", output)])
        skipped = Counter(label: "newsline_messages_skipped_total", dimensions: [("stage", stage), ("topic", input)])
        var deadLettered: [DeadLetterReason: Counter] = [:]
        for reason in DeadLetterReason.allCases {
            deadLettered[reason] = Counter(
                label: "newsline_messages_dead_lettered_total",
                dimensions: [("stage", stage), ("topic", input), ("reason", reason.rawValue)]
            )
        }
        self.deadLettered = deadLettered
        processing = Metrics.Timer(label: Self.processingLabel, dimensions: [("stage", stage)])
        endToEnd = Metrics.Timer(label: Self.endToEndLabel, dimensions: [("stage", stage)])
        inFlight = Gauge(label: "newsline_in_flight_messages", dimensions: [("stage", stage)])
        var rebalances: [String: Counter] = [:]
        for kind in ["assigned", "revoked", "failed"] {
            rebalances[kind] = Counter(label: "newsline_rebalances_total", dimensions: [("stage", stage), ("event", kind)])
        }
        rebalanceCounters = rebalances
    }

    func rebalance(_ kind: String) {
        rebalanceCounters[kind]?.increment()
    }

    /// Counts a Kafka error by librdkafka's name for it.
    func kafkaError(code: String) {
        let counter = errorCounters.withLock { counters in
            if let counter = counters[code] { return counter }
            let counter = Counter(label: "newsline_kafka_errors_total", dimensions: [("stage", stage), ("code", code)])
            counters[code] = counter
            return counter
        }
        counter.increment()
    }

    /// Drops the lag gauges of revoked partitions: another worker reports them now.
    func forgetLag(_ partitions: [(topic: String, partition: Int32)]) {
        let gone = lagGauges.withLock { gauges in
            partitions.compactMap { gauges.removeValue(forKey: "\($0.topic)#\($0.partition)") }
        }
        gone.forEach { $0.destroy() }
    }

    /// Sets the lag gauge of each partition given.
    func lag(_ partitions: [(topic: String, partition: Int32, lag: Int64)]) {
        for entry in partitions {
            let key = "\(entry.topic)#\(entry.partition)"
            let gauge = lagGauges.withLock { gauges in
                if let gauge = gauges[key] { return gauge }
                let gauge = Gauge(
                    label: "newsline_consumer_lag",
                    dimensions: [("stage", stage), ("topic", entry.topic), ("partition", "\(entry.partition)")]
                )
                gauges[key] = gauge
                return gauge
            }
            gauge.record(Double(entry.lag))
        }
    }
}
