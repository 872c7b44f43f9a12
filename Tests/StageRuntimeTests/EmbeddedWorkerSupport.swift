import ArgumentParser
import KafkaClient
import Logging
import NewsSchema
import StageRuntime

/// Passes envelopes on: a stage for tests of the runtime itself.
struct RelayStage: Stage {
    let name = "relay"
    let version = "test"
    func inputTopic(_ topics: Topics) -> String { topics.ingested }
    func outputTopic(_ topics: Topics) -> String { topics.entities }
    func transform(_ envelope: ArticleEnvelope, record: ConsumerRecord) throws -> StageResult { .emit(envelope) }
}

/// An in-process embedded cluster of one broker holding the pipeline's topics (two partitions each), and a relay
/// worker for it, not started.
func relayWorkerOnEmbeddedCluster(logger: Logger) throws -> (cluster: EmbeddedCluster, worker: StageWorker<RelayStage>) {
    let cluster = try EmbeddedCluster(brokers: 1, logger: logger)
    for topic in Topics().all { try cluster.createTopic(topic, partitions: 2) }
    let options = try WorkerOptions.parse(["--brokers", cluster.bootstrapServers, "--summary-interval", "0"])
        .resolved(stage: "relay", environment: [:])
    return (cluster, StageWorker(stage: RelayStage(), options: options, logger: logger))
}
