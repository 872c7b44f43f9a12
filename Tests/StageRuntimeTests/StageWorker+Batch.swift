import KafkaClient

@testable import StageRuntime

extension StageWorker {
    /// What the worker makes of a batch, in the batch's order, once its lanes are done.
    func process(_ batch: [ConsumerRecord]) -> [Outgoing] {
        startProcessing(batch).finished().outgoing
    }
}
