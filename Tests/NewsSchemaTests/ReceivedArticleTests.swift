import Foundation
import NewsSchema
import Testing

/// An article a stage leaves unchanged is written out as the text it came in.
@Suite struct ReceivedArticleTests {
    private let encoder = NewsJSON.encoder()
    private let provenance = Provenance(
        stage: "entities", version: "1.0.0", host: "h1", startedAt: Fixtures.submittedAt, finishedAt: Fixtures.submittedAt
    )

    /// What a stage does: decode, add to the envelope, encode with the received article.
    private func relay(_ json: String, change: (inout ArticleEnvelope) -> Void = { _ in }) throws -> (ArticleEnvelope, [UInt8]) {
        var (envelope, received) = try EnvelopeDecoding.decodeEnvelope(from: Array(json.utf8), maxBytes: 1 << 20)
        change(&envelope)
        envelope.provenance.append(provenance)
        return (envelope, try encoder.encodeBytes(envelope, reusing: received))
    }

    @Test func anUnchangedArticleFromThisEncoderComesOutByteForByteAsIfEncodedAgain() throws {
        let input = String(decoding: try encoder.encodeBytes(ArticleEnvelope(article: Fixtures.article)), as: UTF8.self)
        let (envelope, output) = try relay(input) { envelope in
            envelope.entities = Fixtures.envelope.entities
            envelope.summary = Fixtures.envelope.summary
        }
        #expect(output == (try encoder.encodeBytes(envelope)))
        #expect(try NewsJSON.decoder().decode(ArticleEnvelope.self, from: output) == envelope)
    }

    @Test func aChangedArticleIsEncodedAgain() throws {
        let input = String(decoding: try encoder.encodeBytes(ArticleEnvelope(article: Fixtures.article)), as: UTF8.self)
        let (envelope, output) = try relay(input) { $0.article.title = "Talks resume" }
        #expect(output == (try encoder.encodeBytes(envelope)))
        #expect(String(decoding: output, as: UTF8.self).contains(#""title":"Talks resume""#))
    }

    @Test func anotherWritersArticleTextPassesOnAsItCame() throws {
        let article = #"""
            { "id" : "a-1", "title": "Caf\u00e9 talks", "subheadings": [],
              "body": "Geneva.", "wordCount": 1, "contentHash": "ab", "language": "en", "futureField": {"x": [1, 2]},
              "submittedAt": "2026-11-30T21:00:00.123456Z", "ingestedAt": "2026-11-30T21:00:01Z" }
            """#
        let (envelope, output) = try relay(#"{"provenance": [], "article": \#(article), "schemaVersion": 1}"#)
        let text = String(decoding: output, as: UTF8.self)
        #expect(text.contains(#""article":\#(article),"provenance":["#))
        #expect(envelope.article.title == "Café talks")
        #expect(try NewsJSON.decoder().decode(ArticleEnvelope.self, from: output) == envelope)
        #expect(throws: Never.self) { try JSONSerialization.jsonObject(with: Data(output)) }
    }

    @Test(arguments: [
        #"{"schemaVersion":1,"article":ARTICLE,"article":ARTICLE,"provenance":[]}"#,
        #"{"schemaVersion":1,"\u0061rticle":ARTICLE,"provenance":[]}"#,
    ])
    func anArticleNamedTwiceOrWithEscapesIsEncodedAgain(template: String) throws {
        let article = #"{"id":"a-1","title":"T","subheadings":[],"body":"B","wordCount":1,"contentHash":"ab","# +
            #""language":"en","submittedAt":"2026-11-30T21:00:00Z","ingestedAt":"2026-11-30T21:00:00Z","extra":1}"#
        let json = template.replacingOccurrences(of: "ARTICLE", with: article)
        let (_, received) = try EnvelopeDecoding.decodeEnvelope(from: Array(json.utf8), maxBytes: 1 << 20)
        #expect(received == nil)
        let (envelope, output) = try relay(json)
        #expect(output == (try encoder.encodeBytes(envelope)))
        #expect(!String(decoding: output, as: UTF8.self).contains("extra"))
    }

    @Test func decodingAnEnvelopeKeepsEveryCheck() {
        for (json, reason) in [
            ("  ", DeadLetterReason.emptyBody),
            (#"{"schemaVersion":2,"article":{}}"#, .unsupportedSchemaVersion),
            (#"{"schemaVersion":1,"article":{"id":"a"}}"#, .undecodable),
        ] {
            do {
                _ = try EnvelopeDecoding.decodeEnvelope(from: Array(json.utf8), maxBytes: 1 << 20)
                Issue.record("\(json) was accepted")
            } catch {
                #expect(error.reason == reason, "\(json)")
            }
        }
    }
}
