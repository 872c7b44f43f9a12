import Foundation
import Testing

@testable import NewsSchema

/// The envelope reader (the stages' fast path) against the `Decodable` decoder it stands in for: wherever the
/// reader accepts a message, both must read the same envelope and find the same article text.
@Suite struct EnvelopeReaderTests {
    /// The `Decodable` reading of a message as a stage checks it: this build's schema version, then the envelope,
    /// and the range of its article's text. `nil` when the decoder refuses it.
    private func decoded(_ bytes: [UInt8]) -> (envelope: ArticleEnvelope, article: Range<Int>?)? {
        var range: Range<Int>?
        guard let envelope = try? NewsJSON.decoder().decode(ArticleEnvelope.self, from: bytes, rangeOfMember: "article", range: &range),
            envelope.schemaVersion == NewsSchemaVersion.current
        else { return nil }
        return (envelope, range)
    }

    /// Fails the test where the reader accepts `bytes` and reads it otherwise than the decoder; returns whether
    /// the reader accepted it.
    @discardableResult
    private func agree(_ bytes: [UInt8], _ comment: @autoclosure () -> String) -> Bool {
        guard let read = EnvelopeReader.read(bytes) else { return false }
        guard let decoded = decoded(bytes) else {
            Issue.record("the reader accepts what the decoder refuses: \(comment())")
            return true
        }
        if read.envelope != decoded.envelope { Issue.record("the reader reads another envelope than the decoder: \(comment())") }
        if read.article != decoded.article { Issue.record("the reader finds the article elsewhere than the decoder: \(comment())") }
        return true
    }

    private static let wireEnvelopes: [(String, ArticleEnvelope)] = [
        ("everything set", Fixtures.envelope),
        ("only what is required", ArticleEnvelope(article: Article(
            id: "a-1", title: "T", body: "B", wordCount: 1, contentHash: "h", submittedAt: Fixtures.submittedAt,
            ingestedAt: Fixtures.submittedAt
        ))),
        ("text needing escapes", ArticleEnvelope(article: Article(
            id: "a-2", title: "\"Quoted\" \\ slash / tab\t", byline: "Zoë Ça\u{301}va 🐟", subheadings: ["a\nb", "\u{1}"],
            body: "Line one\r\nline two \u{1F600} \u{7F} end", wordCount: 7, contentHash: "h", language: "fr",
            publishedAt: Fixtures.publishedAt, submittedAt: Fixtures.submittedAt, ingestedAt: Fixtures.submittedAt
        ), entities: [], summary: Summary(sentences: [], method: "lead"), provenance: Fixtures.envelope.provenance)),
    ]

    @Test(arguments: wireEnvelopes.map(\.0))
    func readsWhatTheEncoderWritesAsTheDecoderDoes(_ name: String) throws {
        let envelope = try #require(Self.wireEnvelopes.first { $0.0 == name }).1
        let compact = try NewsJSON.encoder().encodeBytes(envelope)
        let pretty = try NewsJSONEncoder(prettyPrinted: true).encodeBytes(envelope)
        for bytes in [compact, pretty] {
            #expect(agree(bytes, name), "the reader should read the encoder's output itself")
            #expect(EnvelopeReader.read(bytes)?.envelope == envelope)
        }
    }

    @Test func readsMembersInAnyOrderAndSkipsUnknownOnes() throws {
        let reordered = #"""
            {"provenance":[],"future":{"a":[1,2,{"b":null}]},"article":{"ingestedAt":"2026-11-30T21:00:01.500Z",\#
            "body":"B","title":"T","id":"a-1","wordCount":3,"contentHash":"h","language":"en","subheadings":[],\#
            "submittedAt":"2026-11-30T21:00:00.123Z","extra":"x","url":null},"schemaVersion":1,"summary":null}
            """#
        let bytes = Array(reordered.utf8)
        #expect(agree(bytes, "reordered"))
        let article = try #require(EnvelopeReader.read(bytes)).article
        #expect(String(decoding: bytes[article], as: UTF8.self).hasPrefix(#"{"ingestedAt""#))
    }

    /// Every value of a full envelope replaced in turn by other JSON values, and every member name renamed, escaped
    /// or made a duplicate of its neighbour's: the reader must never read one of them otherwise than the decoder.
    @Test func neverDisagreesWithTheDecoderOnAMutatedEnvelope() throws {
        let original = Array(Fixtures.envelopeJSON.utf8)
        let tape = try original.withUnsafeBufferPointer { try JSONTape(parsing: $0) }
        let replacements = [
            "null", "0", "1", "-1", "1.0", "1e2", "0.5", "99999999999999999999", "true", "\"\"", "\"x\"",
            "\"LOCATION\"", "\"2026-11-30T21:00:00Z\"", "\"2026-11-30T21:00:00.000Z\"", "\"2026-11-30T21:00:00.000\\u005A\"",
            "\"\\u0041\"", "[]", "[\"a\"]", "[{}]", "{}",
        ]
        var mutants = 0
        var accepted = 0
        func check(_ bytes: [UInt8], _ comment: String) {
            mutants += 1
            if agree(bytes, comment) { accepted += 1 }
        }
        // Which entries are member names: the first entry inside an object, and the one after each member's value.
        var isName = Array(repeating: false, count: tape.entries.count)
        for (index, entry) in tape.entries.enumerated() where entry.kind == .object {
            var member = index + 1
            while member < Int(entry.end) {
                isName[member] = true
                member = tape.entries[member + 1].next(after: member + 1)
            }
        }
        for (index, entry) in tape.entries.enumerated() {
            // The text of the entry, quotes and brackets included.
            let range: Range<Int> =
                switch entry.kind {
                case .object, .array: Int(entry.textStart)..<Int(entry.textEnd)
                case .string: Int(entry.start) - 1..<Int(entry.end) + 1
                default: Int(entry.start)..<Int(entry.end)
                }
            let text = String(decoding: original[range], as: UTF8.self)
            func replaced(with replacement: String) -> [UInt8] {
                Array(original[..<range.lowerBound]) + Array(replacement.utf8) + Array(original[range.upperBound...])
            }
            if isName[index] {
                let name = String(text.dropFirst().dropLast())
                check(replaced(with: "\"zz\(name)\""), "\(name) renamed")
                check(replaced(with: "\"\\u00\(String(name.utf8.first!, radix: 16))\(name.dropFirst())\""), "\(name) escaped")
                // Named as the member before it in the same object, when there is one.
                if let previous = isNameBefore(index, in: tape, isName: isName) {
                    let other = tape.entries[previous]
                    let otherName = String(decoding: original[Int(other.start)..<Int(other.end)], as: UTF8.self)
                    check(replaced(with: "\"\(otherName)\""), "\(name) renamed to \(otherName)")
                }
            } else {
                for replacement in replacements where replacement != text {
                    check(replaced(with: replacement), "value \(text.prefix(40)) replaced by \(replacement)")
                }
            }
        }
        // The mutants the reader accepts are real cases (an optional member null or absent, another valid value),
        // and each of them was compared above.
        #expect(mutants > 1_000)
        #expect(accepted > 50)
        #expect(accepted < mutants / 2)
    }

    /// The name entry of the member before the one named at `index`, in the same object.
    private func isNameBefore(_ index: Int, in tape: JSONTape, isName: [Bool]) -> Int? {
        var candidate = index - 1
        while candidate >= 0 {
            if isName[candidate] {
                // Same object only if `index` comes right after this member's value.
                return tape.entries[candidate + 1].next(after: candidate + 1) == index ? candidate : nil
            }
            candidate -= 1
        }
        return nil
    }

    @Test func leavesWhatItCannotReadToTheDecoderWhoseErrorsAreUnchanged() throws {
        let cases: [(String, DeadLetterReason, String)] = [
            (#"{"schemaVersion":2,"article":{}}"#, .unsupportedSchemaVersion, "schemaVersion 2"),
            (#"{"schemaVersion":1,"provenance":[]}"#, .undecodable, #"missing field "article""#),
            (#"{"schemaVersion":1,"article":{"id":1},"provenance":[]}"#, .undecodable, #"field "article.id" has the wrong type"#),
            (#"{"schemaVersion":1,"article":"#, .undecodable, "not valid JSON"),
        ]
        for (json, reason, message) in cases {
            #expect(EnvelopeReader.read(Array(json.utf8)) == nil)
            let error = #expect(throws: SchemaError.self) {
                try EnvelopeDecoding.decodeEnvelope(from: Array(json.utf8), maxBytes: 1 << 20)
            }
            #expect(error?.reason == reason, "\(json)")
            #expect(error?.message.contains(message) == true, "\(error?.message ?? "") should contain \(message)")
        }
        // A valid envelope whose body is only whitespace, read by the reader, is still refused.
        var blank = Fixtures.envelope
        blank.article.body = " \n "
        let error = #expect(throws: SchemaError.self) {
            try EnvelopeDecoding.decodeEnvelope(from: NewsJSON.encoder().encodeBytes(blank), maxBytes: 1 << 20)
        }
        #expect(error?.reason == .emptyBody)
    }
}
