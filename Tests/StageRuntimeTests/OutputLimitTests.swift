import ArgumentParser
import Foundation
import KafkaClient
import Logging
import NewsSchema
import Testing

@testable import StageRuntime

/// Adds one entity per word of the body, so the output grows well past the input.
private struct GrowingStage: Stage {
    let name = "growing"
    let version = "test"

    func inputTopic(_ topics: Topics) -> String { topics.ingested }
    func outputTopic(_ topics: Topics) -> String { topics.entities }

    func transform(_ envelope: ArticleEnvelope, record: ConsumerRecord) throws -> StageResult {
        var envelope = envelope
        envelope.entities = envelope.article.body.split(separator: " ").enumerated().map { index, word in
            Entity(type: .misc, name: String(word), count: 1, salience: 0.5, mentions: [Mention(text: String(word), start: index, end: index + 1)])
        }
        return .emit(envelope)
    }
}

/// An output over `--max-message-bytes` would be refused by the next stage, and by a broker at its default
/// limit at every restart: its input is dead-lettered instead.
@Suite struct OutputLimitTests {
    private func record(words: Int, offset: Int64) throws -> ConsumerRecord {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let article = Article(
            id: "a-\(offset)", title: "Talks", body: Array(repeating: "Geneva", count: words).joined(separator: " "), wordCount: words,
            contentHash: String(repeating: "0", count: 64), submittedAt: now, ingestedAt: now
        )
        let value = try NewsJSON.encoder().encodeBytes(ArticleEnvelope(article: article))
        return ConsumerRecord(topic: "articles.ingested", partition: 0, offset: offset, key: Array("a-\(offset)".utf8), value: value)
    }

    @Test func anInputWhoseOutputWouldBeTooLargeIsDeadLetteredAndTheOthersGoOn() throws {
        let options = try WorkerOptions.parse(["--brokers", "127.0.0.1:9092", "--max-message-bytes", "4096"])
            .resolved(stage: "growing", environment: [:])
        let worker = StageWorker(stage: GrowingStage(), options: options, logger: Logger(label: "test"))
        let small = try record(words: 5, offset: 0)
        let growing = try record(words: 200, offset: 1)
        #expect(growing.value.count < 4096)

        let outgoing = worker.process([small, growing])

        guard case .output = outgoing[0].kind, let output = outgoing[0].record else {
            Issue.record("the small article was not sent on: \(outgoing[0].kind)")
            return
        }
        let envelope = try NewsJSON.decoder().decode(ArticleEnvelope.self, from: output.value)
        #expect(envelope.entities?.count == 5)
        #expect(envelope.provenance.map(\.stage) == ["growing"])
        guard case .deadLetter(let reason, let message) = outgoing[1].kind else {
            Issue.record("the growing article was not dead-lettered: \(outgoing[1].kind)")
            return
        }
        #expect(reason == .oversized)
        #expect(message.hasPrefix("output is "))
        #expect(message.hasSuffix("bytes (input \(growing.value.count)), limit is 4096"))
        #expect(outgoing[1].record?.topic == "articles.dead-letter")
    }

    /// An output up to a raised limit is taken by the worker's producer: at librdkafka's default 8 MiB, one of 9 MB
    /// was refused on the spot, the worker stopped, and its restart met the same input.
    @Test func theProducerTakesOutputsUpToARaisedLimit() throws {
        let options = try WorkerOptions.parse(["--brokers", "127.0.0.1:1", "--max-message-bytes", "12000000"])
            .resolved(stage: "growing", environment: [:])
        let worker = StageWorker(stage: GrowingStage(), options: options, logger: Logger(label: "test"))
        let producer = try KafkaProducer(configuration: worker.clientConfigurations().1, logger: Logger(label: "test"))
        defer { producer.close(timeout: .zero) }
        let value = [UInt8](repeating: UInt8(ascii: "x"), count: 12_000_000)
        try producer.send(ProducerRecord(topic: "articles.entities", key: Array("a-1".utf8), value: value)) { _ in }
    }
}
