import Foundation
import NewsSchema
import Testing

@Suite struct WireFormatTests {
    private func encoded(_ value: some Encodable) throws -> String {
        String(decoding: try NewsJSON.encoder().encode(value), as: UTF8.self)
    }

    @Test func submissionGoldenDecodesAndEncodesByteForByte() throws {
        let decoded = try EnvelopeDecoding.decode(
            ArticleSubmission.self,
            from: Data(Fixtures.submissionJSON.utf8),
            maxBytes: 1 << 20
        )
        #expect(decoded == Fixtures.submission)
        #expect(try encoded(decoded) == Fixtures.submissionJSON)
    }

    @Test func envelopeGoldenDecodesAndEncodesByteForByte() throws {
        let decoded = try EnvelopeDecoding.decode(
            ArticleEnvelope.self,
            from: Data(Fixtures.envelopeJSON.utf8),
            maxBytes: 1 << 20
        )
        #expect(decoded == Fixtures.envelope)
        #expect(decoded.id == "a-0123456789abcdef")
        #expect(try encoded(decoded) == Fixtures.envelopeJSON)
    }

    @Test func deadLetterGoldenDecodesAndEncodesByteForByte() throws {
        let decoded = try EnvelopeDecoding.decode(
            DeadLetter.self,
            from: Data(Fixtures.deadLetterJSON.utf8),
            maxBytes: 1 << 20
        )
        #expect(decoded == Fixtures.deadLetter)
        #expect(decoded.payload == Data("{oops".utf8))
        #expect(try encoded(decoded) == Fixtures.deadLetterJSON)
    }

    @Test func nilOptionalsAreOmittedAndDecodeWhenAbsent() throws {
        let minimal = ArticleSubmission(text: "Title\n\nBody.", submittedAt: Fixtures.submittedAt)
        let json = try encoded(minimal)
        #expect(json == #"{"schemaVersion":1,"text":"Title\n\nBody.","submittedAt":"2026-11-30T21:00:00.123Z"}"#)
        let decoded = try NewsJSON.decoder().decode(ArticleSubmission.self, from: Data(json.utf8))
        #expect(decoded == minimal)
    }

    @Test func unknownFieldsFromANewerMinorWriterAreIgnored() throws {
        let json = #"{"schemaVersion":1,"submittedAt":"2026-11-30T21:00:00.123Z","text":"x","futureField":[1,2]}"#
        let decoded = try EnvelopeDecoding.decode(ArticleSubmission.self, from: Data(json.utf8), maxBytes: 1024)
        #expect(decoded.text == "x")
    }

    @Test func prettyEncoderKeepsTheSameDataOnSeveralLines() throws {
        let data = try NewsJSON.prettyEncoder().encode(Fixtures.envelope)
        let text = String(decoding: data, as: UTF8.self)
        #expect(text.contains("\n"))
        #expect(text.contains("https://www.bbc.com"))
        #expect(try NewsJSON.decoder().decode(ArticleEnvelope.self, from: data) == Fixtures.envelope)
    }

    @Test func summaryTextJoinsSentencesWithASpaceAndIsNotEncoded() throws {
        let summary = Summary(
            sentences: [
                SummarySentence(text: "One.", start: 0, end: 4),
                SummarySentence(text: "Two.", start: 5, end: 9),
            ],
            method: "lead"
        )
        #expect(summary.text == "One. Two.")
        #expect(try !encoded(summary).contains("\"text\":\"One. Two.\""))
    }

    @Test func deadLetterCapsThePayloadAt64KiB() {
        let big = Data(repeating: 0x41, count: DeadLetter.maxPayloadBytes + 10)
        let letter = DeadLetter(
            stage: "ingest",
            reason: .oversized,
            message: "too big",
            sourceTopic: "t",
            sourcePartition: 0,
            sourceOffset: 0,
            payload: big,
            failedAt: Fixtures.submittedAt
        )
        #expect(letter.payload.count == 65_536)
        #expect(letter.payloadTruncated)
        let small = DeadLetter(
            stage: "ingest",
            reason: .oversized,
            message: "",
            sourceTopic: "t",
            sourcePartition: 0,
            sourceOffset: 0,
            payload: Data([1, 2]),
            failedAt: Fixtures.submittedAt
        )
        #expect(small.payload == Data([1, 2]))
        #expect(!small.payloadTruncated)
    }

    @Test func enumsUseTheirWireNames() {
        #expect(EntityType.allCases.map(\.rawValue) == ["PERSON", "ORGANIZATION", "LOCATION", "MISC"])
        #expect(
            DeadLetterReason.allCases.map(\.rawValue) == [
                "undecodable", "unsupportedSchemaVersion", "emptyBody", "oversized", "invalidUTF8",
                "transformFailed",
            ]
        )
    }
}
