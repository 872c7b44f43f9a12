import ArgumentParser
import Foundation
import KafkaClient
import Logging
import NewsSchema
import Testing

@testable import StageRuntime

/// `/readyz` says when a worker has lost every broker, and recovers when one is back.
@Suite(.timeLimit(.minutes(2)))
struct BrokerReachabilityTests {
    struct Relay: Stage {
        let name = "relay"
        let version = "test"
        func inputTopic(_ topics: Topics) -> String { topics.ingested }
        func outputTopic(_ topics: Topics) -> String { topics.entities }
        func transform(_ envelope: ArticleEnvelope, record: ConsumerRecord) throws -> StageResult { .emit(envelope) }
    }

    @Test func readinessFailsWhileNoBrokerIsReachableAndComesBack() async throws {
        let logger = Logger(label: "test")
        let cluster = try EmbeddedCluster(brokers: 1, logger: logger)
        for topic in Topics().all { try cluster.createTopic(topic, partitions: 2) }
        let options = try WorkerOptions.parse(["--brokers", cluster.bootstrapServers, "--summary-interval", "0"])
            .resolved(stage: "relay", environment: [:])
        let worker = StageWorker(stage: Relay(), options: options, logger: logger)
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
