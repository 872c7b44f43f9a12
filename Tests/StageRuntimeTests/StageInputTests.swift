import ArgumentParser
import Foundation
import KafkaClient
import Logging
import NewsSchema
import Testing

@testable import StageRuntime

/// A message type of a test's own, read through the default `StageInput` decoding.
private struct Note: Codable, StageInput {
    var schemaVersion = NewsSchemaVersion.current
    var id: String
    var text: String

    func validate() throws(SchemaError) {}
}

/// Turns each note into an article.
private struct NoteStage: Stage {
    let name = "notes"
    let version = "test"

    func inputTopic(_ topics: Topics) -> String { topics.submitted }
    func outputTopic(_ topics: Topics) -> String { topics.ingested }

    func transform(_ note: consuming Note, record: ConsumerRecord) throws -> StageResult {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let article = Article(
            id: note.id, title: note.id, body: note.text, wordCount: 1, contentHash: String(repeating: "0", count: 64),
            submittedAt: now, ingestedAt: now
        )
        return .emit(ArticleEnvelope(article: article))
    }
}

/// Passes each envelope on, with its article's title changed when `retitles`.
private struct EnvelopeStage: Stage {
    let name = "envelopes"
    let version = "test"
    var retitles = false

    func inputTopic(_ topics: Topics) -> String { topics.ingested }
    func outputTopic(_ topics: Topics) -> String { topics.entities }

    func transform(_ envelope: consuming ArticleEnvelope, record: ConsumerRecord) throws -> StageResult {
        var envelope = consume envelope
        if retitles { envelope.article.title = "Retitled" }
        return .emit(envelope)
    }
}

@Suite struct StageInputTests {
    private func worker<S: Stage>(_ stage: S) throws -> StageWorker<S> {
        let options = try WorkerOptions.parse(["--brokers", "127.0.0.1:9092", "--concurrency", "2"])
            .resolved(stage: stage.name, environment: [:])
        return StageWorker(stage: stage, options: options, logger: Logger(label: "test"))
    }

    private func record(_ text: String, offset: Int64) -> ConsumerRecord {
        ConsumerRecord(topic: "in", partition: 0, offset: offset, key: nil, value: Array(text.utf8))
    }

    private func output(_ item: Outgoing) throws -> [String: Any] {
        let value = try #require(item.record?.value)
        return try #require(try JSONSerialization.jsonObject(with: Data(value)) as? [String: Any])
    }

    @Test func aStageOfItsOwnMessageTypeReadsItThroughDecodableAndBadOnesAreDeadLettered() throws {
        let worker = try worker(NoteStage())
        let version = NewsSchemaVersion.current
        let batch = [
            record(#"{"schemaVersion":\#(version),"id":"n-1","text":"Talks resumed in Geneva."}"#, offset: 0),
            record(#"{"schemaVersion":\#(version + 1),"id":"n-2","text":"From a newer build."}"#, offset: 1),
            record(#"{"schemaVersion":\#(version),"id":"n-3"}"#, offset: 2),
        ]

        let outgoing = worker.process(batch)

        #expect(outgoing.count == 3)
        guard case .output = outgoing[0].kind else {
            Issue.record("the note was not emitted: \(outgoing[0].kind)")
            return
        }
        let article = try #require(try output(outgoing[0])["article"] as? [String: Any])
        #expect(article["id"] as? String == "n-1")
        #expect(article["body"] as? String == "Talks resumed in Geneva.")
        guard case .deadLetter(let newer, _) = outgoing[1].kind, case .deadLetter(let incomplete, _) = outgoing[2].kind else {
            Issue.record("bad notes were not dead-lettered: \(outgoing[1].kind), \(outgoing[2].kind)")
            return
        }
        #expect(newer == .unsupportedSchemaVersion)
        #expect(incomplete == .undecodable)
    }

    /// Envelopes written by a newer build may carry article members this build does not know: a stage that leaves
    /// the article alone passes them on as they came; one that changes it writes the article it knows.
    @Test func anArticleMemberThisBuildDoesNotKnowPassesThroughAStageThatLeavesTheArticleAlone() throws {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let article = Article(
            id: "a-1", title: "Ceasefire talks", body: "Talks resumed in Geneva on Monday.", wordCount: 6,
            contentHash: String(repeating: "0", count: 64), submittedAt: now, ingestedAt: now
        )
        let text = String(decoding: try NewsJSON.encoder().encodeBytes(ArticleEnvelope(article: article)), as: UTF8.self)
        let newer = text.replacingOccurrences(of: #""id":"a-1","#, with: #""id":"a-1","sentiment":{"score":0.25},"#)
        #expect(newer != text)

        let kept = try output(try worker(EnvelopeStage()).process([record(newer, offset: 0)])[0])
        let rewritten = try output(try worker(EnvelopeStage(retitles: true)).process([record(newer, offset: 0)])[0])

        let keptArticle = try #require(kept["article"] as? [String: Any])
        #expect((keptArticle["sentiment"] as? [String: Any])?["score"] as? Double == 0.25)
        #expect((kept["provenance"] as? [Any])?.count == 1)
        let rewrittenArticle = try #require(rewritten["article"] as? [String: Any])
        #expect(rewrittenArticle["title"] as? String == "Retitled")
        #expect(rewrittenArticle["sentiment"] == nil)
    }
}
