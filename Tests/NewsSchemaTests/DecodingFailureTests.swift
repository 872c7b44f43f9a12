import Foundation
import NewsSchema
import Testing

@Suite struct DecodingFailureTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var bytes: [UInt8]
        var reason: DeadLetterReason
        var messageContains: String
        var testDescription: String { name }

        init(_ name: String, _ text: String, _ reason: DeadLetterReason, _ messageContains: String) {
            self.init(name, Array(text.utf8), reason, messageContains)
        }

        init(_ name: String, _ bytes: [UInt8], _ reason: DeadLetterReason, _ messageContains: String) {
            self.name = name
            self.bytes = bytes
            self.reason = reason
            self.messageContains = messageContains
        }
    }

    static let submissionCases: [Case] = [
        Case("zero bytes", "", .emptyBody, "empty"),
        Case("only whitespace", " \n\t\r\n ", .emptyBody, "empty"),
        Case("oversized", "{\"text\":\"" + String(repeating: "x", count: 300) + "\"}", .oversized, "limit is 256"),
        Case("invalid UTF-8", [0x7B, 0x22, 0xC3, 0x28, 0x22, 0x7D], .invalidUTF8, "UTF-8"),
        Case("not JSON", "hello world", .undecodable, "not valid JSON"),
        Case("JSON array", "[1,2,3]", .undecodable, "JSON object"),
        Case("JSON string", "\"text\"", .undecodable, "JSON object"),
        Case(
            "missing text",
            #"{"schemaVersion":1,"submittedAt":"2026-11-30T21:00:00.123Z"}"#,
            .undecodable,
            "\"text\""
        ),
        Case(
            "mistyped text",
            #"{"schemaVersion":1,"submittedAt":"2026-11-30T21:00:00Z","text":5}"#,
            .undecodable,
            "\"text\" has the wrong type"
        ),
        Case(
            "null text",
            #"{"schemaVersion":1,"submittedAt":"2026-11-30T21:00:00Z","text":null}"#,
            .undecodable,
            "\"text\""
        ),
        Case("bad date", #"{"schemaVersion":1,"submittedAt":"yesterday","text":"x"}"#, .undecodable, "\"submittedAt\""),
        Case(
            "missing version",
            #"{"submittedAt":"2026-11-30T21:00:00Z","text":"x"}"#,
            .undecodable,
            "\"schemaVersion\""
        ),
        Case(
            "version as a string",
            #"{"schemaVersion":"1","submittedAt":"2026-11-30T21:00:00Z","text":"x"}"#,
            .undecodable,
            "schemaVersion"
        ),
        Case(
            "version 2, other shape",
            #"{"schemaVersion":2,"body":{"plain":"x"}}"#,
            .unsupportedSchemaVersion,
            "schemaVersion 2"
        ),
        Case(
            "version 0",
            #"{"schemaVersion":0,"submittedAt":"2026-11-30T21:00:00Z","text":"x"}"#,
            .unsupportedSchemaVersion,
            "schemaVersion 0"
        ),
        Case(
            "blank text",
            #"{"schemaVersion":1,"submittedAt":"2026-11-30T21:00:00Z","text":" \n "}"#,
            .emptyBody,
            "text is empty"
        ),
    ]

    @Test(arguments: submissionCases)
    func submissionFailureIsClassified(_ testCase: Case) {
        let error = Self.failure {
            _ = try EnvelopeDecoding.decode(ArticleSubmission.self, from: testCase.bytes, maxBytes: 256)
        }
        #expect(error?.reason == testCase.reason)
        #expect(error?.message.contains(testCase.messageContains) == true, "message: \(error?.message ?? "none")")
    }

    @Test func nestedMissingFieldIsNamedByItsPath() {
        let json = Fixtures.envelopeJSON.replacingOccurrences(
            of: #""title":"US and Russia closer to Syria ceasefire","#,
            with: ""
        )
        #expect(
            throws: SchemaError(reason: .undecodable, message: #"missing field "article.title" in ArticleEnvelope"#)
        ) {
            try EnvelopeDecoding.decode(ArticleEnvelope.self, from: Data(json.utf8), maxBytes: 1 << 20)
        }
    }

    @Test func arrayElementFieldIsNamedWithItsIndex() {
        let json = Fixtures.envelopeJSON.replacingOccurrences(of: #""type":"PERSON""#, with: #""type":"ANIMAL""#)
        let error = Self.failure {
            _ = try EnvelopeDecoding.decode(ArticleEnvelope.self, from: Data(json.utf8), maxBytes: 1 << 20)
        }
        #expect(error?.reason == .undecodable)
        #expect(error?.message.contains("entities[1].type") == true)
    }

    /// A dead letter's message is read by an operator: one statement of what is wrong, where, without the
    /// coder's boilerplate.
    @Test(arguments: [
        ("hello world", "not valid JSON: unexpected character 'h' at byte 0"),
        (String(repeating: "[", count: 600) + String(repeating: "]", count: 600), "not valid JSON: nested deeper than 512 levels at byte 512"),
        (
            #"{"schemaVersion":1.5,"submittedAt":"2026-11-30T21:00:00Z","text":"x"}"#,
            #"field "schemaVersion" is invalid in ArticleSubmission: expected a whole number from -9223372036854775808 to 9223372036854775807, found 1.5"#
        ),
        (
            #"{"schemaVersion":99999999999999999999,"submittedAt":"2026-11-30T21:00:00Z","text":"x"}"#,
            #"field "schemaVersion" is invalid in ArticleSubmission: expected a whole number from -9223372036854775808 to 9223372036854775807, found 99999999999999999999"#
        ),
    ])
    func failureMessageIsPlain(_ json: String, _ message: String) {
        let error = Self.failure { _ = try EnvelopeDecoding.decode(ArticleSubmission.self, from: Array(json.utf8), maxBytes: 4096) }
        #expect(error == SchemaError(reason: .undecodable, message: message))
    }

    @Test func envelopeWithEmptyBodyIsEmptyBody() throws {
        var envelope = Fixtures.envelope
        envelope.article.body = ""
        let data = try NewsJSON.encoder().encode(envelope)
        let error = Self.failure {
            _ = try EnvelopeDecoding.decode(ArticleEnvelope.self, from: data, maxBytes: 1 << 20)
        }
        #expect(error?.reason == .emptyBody)
    }

    @Test func sizeIsCheckedBeforeUTF8AndVersion() {
        let bytes: [UInt8] = [0xFF, 0xFE] + Array(#"{"schemaVersion":9}"#.utf8)
        let error = Self.failure { _ = try EnvelopeDecoding.decode(DeadLetter.self, from: bytes, maxBytes: 4) }
        #expect(error?.reason == .oversized)
    }

    @Test func utf8IsCheckedBeforeVersion() {
        let bytes: [UInt8] = Array(#"{"schemaVersion":9,"x":""#.utf8) + [0xFF] + Array(#""}"#.utf8)
        let error = Self.failure { _ = try EnvelopeDecoding.decode(DeadLetter.self, from: bytes, maxBytes: 1024) }
        #expect(error?.reason == .invalidUTF8)
    }

    /// The parser notes whether each string's bytes are ASCII as it scans them, sixteen and eight bytes at a time,
    /// and only a document with other bytes is checked as a whole: a byte that is never UTF-8 at any position of an
    /// envelope's article body, or escaped by a backslash at any position, makes the envelope invalid UTF-8, not a
    /// repaired article.
    @Test func aByteThatIsNeverUTF8AnywhereInAnArticleBodyIsInvalidUTF8() throws {
        func reason(_ bytes: [UInt8]) -> DeadLetterReason? {
            Self.failure { _ = try EnvelopeDecoding.decodeEnvelope(from: bytes, maxBytes: 1 << 20) }?.reason
        }
        for length in 0..<40 {
            var envelope = Fixtures.envelope
            envelope.article.body = String(repeating: "a", count: length) + "\nThe talks went on."
            let bytes = try NewsJSON.encoder().encodeBytes(envelope)
            let start = try #require(bytes.firstRange(of: Array(#""body":""#.utf8))).upperBound
            let escape = start + length
            try #require(bytes[escape] == UInt8(ascii: "\\"))
            #expect(reason(bytes) == nil)
            for position in start..<escape {
                var mutated = bytes
                mutated[position] = 0xFF
                #expect(reason(mutated) == .invalidUTF8, "0xFF at byte \(position - start) of \(length)")
            }
            var escaped = bytes
            escaped[escape + 1] = 0xFF
            #expect(reason(escaped) == .invalidUTF8, "0xFF after a backslash at byte \(length)")
            // A valid character escaped by a backslash is a bad escape in valid UTF-8.
            let accented = Array(bytes[...escape]) + Array("é".utf8) + Array(bytes[(escape + 2)...])
            #expect(reason(accented) == .undecodable, "é after a backslash at byte \(length)")
        }
    }

    /// The error `body` throws, or `nil` when it succeeds.
    static func failure(_ body: () throws -> Void) -> SchemaError? {
        do {
            try body()
            return nil
        } catch {
            return error as? SchemaError
        }
    }

    @Test func exactlyMaxBytesIsAccepted() throws {
        let data = Data(Fixtures.submissionJSON.utf8)
        let decoded = try EnvelopeDecoding.decode(ArticleSubmission.self, from: data, maxBytes: data.count)
        #expect(decoded == Fixtures.submission)
    }

    @Test func errorDescriptionLeadsWithTheReason() {
        #expect(SchemaError(reason: .oversized, message: "big").description == "oversized: big")
    }
}
