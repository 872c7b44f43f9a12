import Foundation
import KafkaClient
import Logging
import StageRuntime
import Synchronization
import Testing

/// A worker asked to stop before its group gave it any partition stops cleanly.
@Suite(.timeLimit(.minutes(2)))
struct ShutdownDuringRebalanceTests {
    /// With librdkafka 2.0.2 the stop used to abort the whole process once the worker's consumer was through JoinGroup
    /// (`rd_kafka_sticky_assignor_state_destroy: Assertion 'assignor_state' failed`, librdkafka issue 4312).
    @Test func aWorkerStoppedBeforeItsFirstAssignmentExitsCleanly() async throws {
        let stoppedLine = StoppedLine()
        let (cluster, worker) = try relayWorkerOnEmbeddedCluster(logger: Logger(label: "test") { _ in stoppedLine })
        // Every SyncGroup (API key 14) fails with REBALANCE_IN_PROGRESS (27): the worker joins, and is never assigned.
        cluster.failNextRequests(apiKey: 14, count: 1_000, errorCode: 27)
        let run = Task { try await worker.run() }
        try await Task.sleep(for: .seconds(4))
        #expect(worker.consumed == 0)
        let stopped = ContinuousClock.now
        worker.requestStop()
        try await run.value
        // Timed by the worker's own last line: the test's task resumes only when the full test run, whose
        // integration tests block Swift's shared threads, lets it.
        let loggedAt = try #require(stoppedLine.loggedAt.withLock { $0 }, "the worker logged no \"stopped\" line")
        #expect(loggedAt - stopped < .seconds(10))
        withExtendedLifetime(cluster) {}
    }
}

/// Notes when the worker logs its last line, `stopped`.
private final class StoppedLine: LogHandler, Sendable {
    let loggedAt = Mutex<ContinuousClock.Instant?>(nil)

    var metadata: Logger.Metadata {
        get { [:] }
        set {}
    }
    var logLevel: Logger.Level {
        get { .info }
        set {}
    }
    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { nil }
        set {}
    }

    func log(event: LogEvent) {
        if event.message.description == "stopped" { loggedAt.withLock { $0 = $0 ?? .now } }
    }
}
