import Foundation
import KafkaClient
public import Logging
import NewsSchema
public import ServiceLifecycle
import Synchronization

/// Runs one stage: consume → decode → transform → encode → produce → store the input offset once the
/// output (or its dead letter) is acknowledged.
///
/// At-least-once by default: an offset is stored only after the broker acknowledged what the record
/// became, and stored offsets are committed periodically, on rebalance and on shutdown. With
/// `exactlyOnce`, each batch's outputs and input offsets commit in one transaction. A batch's records are
/// processed concurrently and produced in the batch's order, so each partition's order is kept.
/// On graceful shutdown it stops fetching, finishes and flushes what it holds, commits and leaves the group.
public final class StageWorker<S: Stage>: Service, Sendable {
    let stage: S
    let options: ResolvedWorkerOptions
    let logger: Logger
    let topics: Topics
    let statistics = StageStatistics()
    let host = ProcessInfo.processInfo.hostName
    let stopRequested = Atomic<Bool>(false)
    /// When the stop was first requested: the shutdown's steps share `options.shutdownTimeout` from then.
    let stopRequestedAt = Mutex<ContinuousClock.Instant?>(nil)
    let failure = Mutex<KafkaError?>(nil)
    let tracker = Mutex(OffsetTracker())
    let metrics: WorkerMetrics
    let health = HealthState()
    /// The threads that process batches.
    let lanes: LanePool
    /// The batch being processed on the lanes, at least once: set and taken on the consumer's thread only.
    let onLanes = Mutex<LaneBatch?>(nil)

    /// The most records held between consumption and acknowledgement before fetching pauses.
    let maxInFlight = 4_000
    /// How long processing one batch should take at most: rebalances and stop requests wait for it.
    let batchBudget = Duration.milliseconds(500)

    /// Creates a worker for `stage`.
    public init(stage: S, options: ResolvedWorkerOptions, logger: Logger) {
        self.stage = stage
        self.options = options
        lanes = LanePool(size: options.concurrency)
        let topics = Topics(prefix: options.topicPrefix)
        self.topics = topics
        self.metrics = WorkerMetrics(stage: stage.name, input: stage.inputTopic(topics), output: stage.outputTopic(topics))
        var logger = logger
        logger[metadataKey: "stage"] = "\(stage.name)"
        self.logger = logger
    }

    public func run() async throws {
        try await withGracefulShutdownHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                // The loop blocks in librdkafka calls: it gets a thread of its own, off the cooperative pool.
                let thread = Thread { [stage] in
                    ThreadName.setCurrent("nl:\(stage.name)")
                    do {
                        try self.consumeLoop()
                        continuation.resume()
                    } catch {
                        continuation.resume(throwing: error)
                    }
                }
                thread.start()
            }
        } onGracefulShutdown: {
            self.logger.info("shutdown requested: finishing in-flight work")
            self.requestStop()
        }
    }

    /// Records consumed so far.
    public var consumed: Int { statistics.snapshot.consumed }
    /// Outputs acknowledged (or committed) so far.
    public var produced: Int { statistics.snapshot.produced }

    /// Makes the worker stop as a graceful shutdown would (for tests and embedding).
    public func requestStop() {
        stopRequestedAt.withLock { $0 = $0 ?? .now }
        stopRequested.store(true, ordering: .releasing)
    }

    func fail(_ error: KafkaError) {
        health.failed(error.reason)
        failure.withLock { if $0 == nil { $0 = error } }
        requestStop()
    }

    var shouldStop: Bool { stopRequested.load(ordering: .acquiring) }

    /// What is left of the shutdown timeout since the stop was requested (all of it before then), never negative.
    var shutdownTimeLeft: Duration {
        guard let since = stopRequestedAt.withLock({ $0 }) else { return options.shutdownTimeout }
        return max(.zero, options.shutdownTimeout - (ContinuousClock.now - since))
    }
}
