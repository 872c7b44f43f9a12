import Foundation
import Testing

@testable import NewsSchema

/// The envelope writer (what every stage encodes with) against the `Encodable` encoder: the same bytes always.
@Suite struct EnvelopeWriterTests {
    /// The envelope through `Encodable`, as ``NewsJSONEncoder`` wrote every envelope before the writer.
    private func encodable(_ envelope: ArticleEnvelope, reusing received: ReceivedArticle? = nil) throws -> [UInt8] {
        let encoder = StreamingJSONEncoder(capacity: 1024)
        encoder.received = received
        try encoder.encodeValue(envelope)
        encoder.closeFrames(downTo: 0)
        return encoder.bytes
    }

    private func written(_ envelope: ArticleEnvelope, reusing received: ReceivedArticle? = nil) throws -> [UInt8] {
        try EnvelopeWriter.write(envelope, reusing: received, reservingCapacity: 16)
    }

    /// Records where two texts first differ, with a little of each from there.
    private func same(_ written: [UInt8], _ expected: [UInt8], _ comment: String) {
        guard written != expected else { return }
        let at = zip(written, expected).prefix { $0 == $1 }.count
        let text = { (bytes: [UInt8]) in String(decoding: bytes[at...].prefix(60), as: UTF8.self) }
        Issue.record("\(comment): differs at byte \(at): written \(text(written)), expected \(text(expected))")
    }

    @Test func writesTheGoldenEnvelopeByteForByte() throws {
        #expect(try written(Fixtures.envelope) == Array(Fixtures.envelopeJSON.utf8))
        // And it is what the public encoder now gives.
        #expect(try NewsJSON.encoder().encodeBytes(Fixtures.envelope) == Array(Fixtures.envelopeJSON.utf8))
    }

    /// Random envelopes, every optional present or not, text with quotes, backslashes, control characters and
    /// non-ASCII, extreme integers and doubles, dates with sub-millisecond parts.
    @Test func writesWhatTheEncodableEncoderWritesForRandomEnvelopes() throws {
        var random = SeededGenerator(seed: 20261207)
        for round in 0..<500 {
            let envelope = Self.envelope(&random)
            same(try written(envelope), try encodable(envelope), "round \(round)")
            // With the article received as the text another writer gave it: copied when unchanged.
            let text = Array(#"{"id":"kept as it came","extra":[1,2]}"#.utf8)
            let received = ReceivedArticle(article: envelope.article, json: text[...])
            same(try written(envelope, reusing: received), try encodable(envelope, reusing: received), "round \(round), reusing")
            var changed = envelope
            changed.article.title += "!"
            same(try written(changed, reusing: received), try encodable(changed), "round \(round), article changed")
        }
    }

    @Test func refusesANonFiniteSalienceAsTheEncoderDoes() throws {
        var envelope = Fixtures.envelope
        envelope.entities![0].salience = .nan
        #expect(throws: EncodingError.self) { try written(envelope) }
        #expect(throws: EncodingError.self) { try encodable(envelope) }
        #expect(throws: EncodingError.self) { try NewsJSON.encoder().encodeBytes(envelope) }
    }

    @Test func thePrettyEncoderStillWritesAnEnvelopeOnSeveralLines() throws {
        let pretty = try NewsJSONEncoder(prettyPrinted: true).encodeBytes(Fixtures.envelope)
        #expect(pretty.filter { $0 == UInt8(ascii: "\n") }.count > 10)
        #expect(try NewsJSON.decoder().decode(ArticleEnvelope.self, from: pretty) == Fixtures.envelope)
    }

    // MARK: - Random envelopes

    private static func envelope(_ random: inout SeededGenerator) -> ArticleEnvelope {
        func text(_ random: inout SeededGenerator) -> String {
            let pieces = ["a", "Z", " ", "\"", "\\", "/", "\n", "\t", "\u{0}", "\u{1F}", "\u{7F}", "é", "e\u{301}", "🐟", "\u{2028}", "ab"]
            return (0..<random.next(below: 12)).map { _ in pieces[random.next(below: pieces.count)] }.joined()
        }
        func maybe<T>(_ random: inout SeededGenerator, _ make: (inout SeededGenerator) -> T) -> T? {
            random.next(below: 2) == 0 ? nil : make(&random)
        }
        func integer(_ random: inout SeededGenerator) -> Int {
            [0, 1, -1, 9, 10, Int.max, Int.min, Int(truncatingIfNeeded: random.next())][random.next(below: 8)]
        }
        func double(_ random: inout SeededGenerator) -> Double {
            let values = [0, -0.0, 0.5, 1, 123, 1e-7, 1e21, 0.1 + 0.2, -2.5e-300, Double(random.next() % 1_000_000) / 1000]
            return values[random.next(below: values.count)]
        }
        func date(_ random: inout SeededGenerator) -> Date {
            // From 1900 to 2200, with a sub-millisecond part the writers must round alike.
            Date(timeIntervalSince1970: Double(random.next() % 9_467_280_000_000) / 1000 - 2_208_988_800 + 0.0004)
        }
        func span(_ random: inout SeededGenerator) -> BodySpan {
            BodySpan(text: text(&random), start: integer(&random), end: integer(&random))
        }
        let article = Article(
            id: text(&random), url: maybe(&random, text), source: maybe(&random, text), title: text(&random),
            byline: maybe(&random, text), caption: maybe(&random, text),
            subheadings: (0..<random.next(below: 3)).map { _ in text(&random) }, body: text(&random),
            wordCount: integer(&random), contentHash: text(&random), language: text(&random),
            publishedAt: maybe(&random, date), submittedAt: date(&random), ingestedAt: date(&random)
        )
        let entities = maybe(&random) { random in
            (0..<random.next(below: 3)).map { _ in
                Entity(
                    type: EntityType.allCases[random.next(below: EntityType.allCases.count)], name: text(&random),
                    aliases: (0..<random.next(below: 3)).map { _ in text(&random) }, count: integer(&random),
                    salience: double(&random), mentions: (0..<random.next(below: 3)).map { _ in span(&random) }
                )
            }
        }
        let summary = maybe(&random) { random in
            Summary(sentences: (0..<random.next(below: 3)).map { _ in span(&random) }, method: text(&random))
        }
        let provenance = (0..<random.next(below: 4)).map { _ in
            Provenance(stage: text(&random), version: text(&random), host: text(&random), startedAt: date(&random), finishedAt: date(&random))
        }
        return ArticleEnvelope(
            schemaVersion: integer(&random), article: article, entities: entities, summary: summary, provenance: provenance
        )
    }
}

/// A seeded generator (Knuth's MMIX linear congruential one, high bits only), so a failing round can be run again.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        let high = state >> 32
        state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
        return high << 32 | state >> 32
    }

    mutating func next(below bound: Int) -> Int {
        Int(next() % UInt64(bound))
    }
}
