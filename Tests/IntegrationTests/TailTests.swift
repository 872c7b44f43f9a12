import Foundation
import KafkaClient
import NewsSchema
import Testing

/// `newsline tail` over a real pipeline: what an operator reads, as text and as JSON.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct TailTests {
    @Test func finishedArticlesAndDeadLettersReadAsTextAndJSON() async throws {
        let pipeline = try Pipeline()
        let before = NewsJSON.formatDate(Date().addingTimeInterval(-1))
        for worker in ["newsline-ingest", "newsline-entities", "newsline-summarize"] { try pipeline.startWorker(worker) }
        #expect(try pipeline.cli(["push", sampleArticlePath]).status == 0)
        try await pipeline.produce(topic: pipeline.topics.submitted, key: "broken", value: Array("{not json".utf8))
        _ = try pipeline.read(pipeline.topics.summarized) { $0.count >= 1 }

        let text = try pipeline.cli(["tail", "articles.summarized", "--from-beginning", "--count", "1"])
        #expect(text.status == 0, "\(text.log)")
        #expect(text.output.contains("━━ US and Russia closer to Syria ceasefire"), "\(text.output)")
        #expect(text.output.contains("by Mercy Chukwudiebere"))
        #expect(text.output.contains("location: ") && text.output.contains("Darayya"))
        #expect(text.output.contains("summary:\n     • "))
        #expect(text.output.contains("stages: ingest "))

        let json = try pipeline.cli(["tail", "articles.summarized", "--from", before, "--json", "--count", "1"])
        #expect(json.status == 0, "\(json.log)")
        let line = try #require(json.output.split(separator: "\n").first)
        let envelope = try NewsJSON.decoder().decode(ArticleEnvelope.self, from: Data(line.utf8))
        #expect(envelope.article.byline == "Mercy Chukwudiebere")
        #expect(envelope.summary?.sentences.isEmpty == false)
        #expect(envelope.provenance.map(\.stage) == ["ingest", "entities", "summarize"])

        let letters = try pipeline.cli(["tail", "articles.dead-letter", "--from-beginning", "--count", "1"])
        #expect(letters.output.contains("✗ dead letter from ingest: undecodable"), "\(letters.output)")
        // Nothing arrives after the end: --idle-timeout stops a tail that started there.
        let idle = try pipeline.cli(["tail", "articles.summarized", "--idle-timeout", "2s"])
        #expect(idle.status == 0)
        #expect(idle.output.isEmpty, "\(idle.output)")
    }

    @Test func plainTextIsShownAsASubmissionAndJSONOutputStaysJSON() async throws {
        let pipeline = try Pipeline()
        let text = "Talks resume\n\nOfficials met in Geneva."
        try await pipeline.produce(topic: pipeline.topics.submitted, key: "plain", value: Array(text.utf8))
        #expect(try pipeline.cli(["push", sampleArticlePath]).status == 0)
        try await pipeline.produce(topic: pipeline.topics.summarized, key: "junk", value: Array("not json".utf8))

        let shown = try pipeline.cli(["tail", "articles.submitted", "--from-beginning", "--count", "2"])
        #expect(shown.output.contains("plain-text submission: Talks resume (\(text.count) characters)\n"), "\(shown.output)")
        #expect(shown.output.contains("submission from ") && shown.output.contains(": US and Russia closer to Syria ceasefire ("), "\(shown.output)")
        // As JSON, the plain text is the submission ingest reads it as, so every line is one JSON value.
        let json = try pipeline.cli(["tail", "articles.submitted", "--from-beginning", "--json", "--count", "2"])
        let submissions = try json.output.split(separator: "\n").map { try NewsJSON.decoder().decode(ArticleSubmission.self, from: Data($0.utf8)) }
        #expect(Set(submissions.map(\.text.count)) == [text.count, try String(contentsOfFile: sampleArticlePath, encoding: .utf8).count])
        // What is not JSON at all is left out of standard output and named on standard error.
        let junk = try pipeline.cli(["tail", "articles.summarized", "--from-beginning", "--json", "--idle-timeout", "2"])
        #expect(junk.status == 0)
        #expect(junk.output.isEmpty, "\(junk.output)")
        #expect(junk.log.contains("@0: 8 bytes, not JSON: left out"), "\(junk.log)")
    }

    @Test func aMistypedTopicIsAnErrorAndIsNotCreated() throws {
        let pipeline = try Pipeline()
        let tail = try pipeline.cli(["tail", "articles.summarised", "--from-beginning", "--idle-timeout", "2"])
        #expect(tail.status == 1)
        #expect(tail.log.contains("no topic articles.summarised on the cluster"), "\(tail.log)")
        let redrive = try pipeline.cli(["redrive", "--from", "articles.dead-letter", "--to", "articles.submited"])
        #expect(redrive.status == 1)
        #expect(redrive.log.contains("no topic articles.submited on the cluster"), "\(redrive.log)")
        let listed = try pipeline.cli(["topics", "list"])
        #expect(!listed.output.contains("summarised") && !listed.output.contains("submited"), "\(listed.output)")
    }
}
