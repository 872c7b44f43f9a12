import Foundation
import KafkaClient
import Logging
import StageRuntime
import Testing

/// A worker asked to stop before its group gave it any partition stops cleanly.
@Suite(.timeLimit(.minutes(2)))
struct ShutdownDuringRebalanceTests {
    /// With librdkafka 2.0.2 the stop used to abort the whole process once the worker's consumer was through JoinGroup
    /// (`rd_kafka_sticky_assignor_state_destroy: Assertion 'assignor_state' failed`, librdkafka issue 4312).
    @Test func aWorkerStoppedBeforeItsFirstAssignmentExitsCleanly() async throws {
        let (cluster, worker) = try relayWorkerOnEmbeddedCluster(logger: Logger(label: "test"))
        // Every SyncGroup (API key 14) fails with REBALANCE_IN_PROGRESS (27): the worker joins, and is never assigned.
        cluster.failNextRequests(apiKey: 14, count: 1_000, errorCode: 27)
        let run = Task { try await worker.run() }
        try await Task.sleep(for: .seconds(4))
        #expect(worker.consumed == 0)
        let stopped = ContinuousClock.now
        worker.requestStop()
        try await run.value
        #expect(ContinuousClock.now - stopped < .seconds(10))
        withExtendedLifetime(cluster) {}
    }
}
