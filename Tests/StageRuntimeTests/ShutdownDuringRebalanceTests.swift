import ArgumentParser
import Foundation
import KafkaClient
import Logging
import NewsSchema
import StageRuntime
import Testing

/// A worker asked to stop before its group gave it any partition stops cleanly.
@Suite(.timeLimit(.minutes(2)))
struct ShutdownDuringRebalanceTests {
    struct Relay: Stage {
        let name = "relay"
        let version = "test"
        func inputTopic(_ topics: Topics) -> String { topics.ingested }
        func outputTopic(_ topics: Topics) -> String { topics.entities }
        func transform(_ envelope: ArticleEnvelope, record: ConsumerRecord) throws -> StageResult { .emit(envelope) }
    }

    /// With librdkafka 2.0.2 the stop used to abort the whole process once the worker's consumer was through JoinGroup
    /// (`rd_kafka_sticky_assignor_state_destroy: Assertion 'assignor_state' failed`, librdkafka issue 4312).
    @Test func aWorkerStoppedBeforeItsFirstAssignmentExitsCleanly() async throws {
        let logger = Logger(label: "test")
        let cluster = try EmbeddedCluster(brokers: 1, logger: logger)
        for topic in Topics().all { try cluster.createTopic(topic, partitions: 2) }
        // Every SyncGroup (API key 14) fails with REBALANCE_IN_PROGRESS (27): the worker joins, and is never assigned.
        cluster.failNextRequests(apiKey: 14, count: 1_000, errorCode: 27)
        let options = try WorkerOptions.parse(["--brokers", cluster.bootstrapServers, "--summary-interval", "0"])
            .resolved(stage: "relay", environment: [:])
        let worker = StageWorker(stage: Relay(), options: options, logger: logger)
        let run = Task { try await worker.run() }
        try await Task.sleep(for: .seconds(4))
        #expect(worker.consumed == 0)
        let stopped = ContinuousClock.now
        worker.requestStop()
        try await run.value
        #expect(ContinuousClock.now - stopped < .seconds(10))
    }
}
