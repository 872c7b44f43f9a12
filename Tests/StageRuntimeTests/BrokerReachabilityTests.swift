import Foundation
import KafkaClient
import Logging
import Testing

@testable import StageRuntime

/// `/readyz` says when a worker has lost every broker, and recovers when one is back.
/// Room for each wait's bound (60 + 30 + 30 s): beside the rest of the suite on the CI's two cores, the test has taken 46 s.
@Suite(.timeLimit(.minutes(3)))
struct BrokerReachabilityTests {
    @Test func readinessFailsWhileNoBrokerIsReachableAndComesBack() async throws {
        let (cluster, worker) = try relayWorkerOnEmbeddedCluster(logger: Logger(label: "test"))
        let run = Task { try await worker.run() }
        defer { worker.requestStop() }
        try await until(within: .seconds(60)) { worker.health.readinessProblem == nil }

        try cluster.setBroker(1, down: true)
        try await until(within: .seconds(30)) { worker.health.readinessProblem?.hasPrefix("no broker reachable for ") == true }
        #expect(worker.health.livenessProblem == nil)

        try cluster.setBroker(1, down: false)
        try await until(within: .seconds(30)) { worker.health.readinessProblem == nil }
        worker.requestStop()
        try await run.value
        withExtendedLifetime(cluster) {}
    }

    struct NotWithin: Error {
        var timeout: Duration
    }

    private func until(within timeout: Duration, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition() {
            guard ContinuousClock.now < deadline else { throw NotWithin(timeout: timeout) }
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}
