import Foundation
import NewsSchema
import Testing

/// A message of the submissions topic is a JSON submission or an article as plain text, told apart by its
/// `content-type` header or, without one, by its first character.
@Suite struct SubmissionFormatTests {
    static let receivedAt = Date(timeIntervalSince1970: 1_796_072_400.123)
    static let json = #"{"schemaVersion":1,"submittedAt":"2026-11-30T21:00:00.000Z","text":"Title\n\nBody."}"#

    func read(_ text: String, contentType: String? = nil, maxBytes: Int = 1 << 20) throws(SchemaError) -> ArticleSubmission {
        try read(Array(text.utf8), contentType: contentType, maxBytes: maxBytes)
    }

    func read(_ bytes: [UInt8], contentType: String? = nil, maxBytes: Int = 1 << 20) throws(SchemaError) -> ArticleSubmission {
        try EnvelopeDecoding.decodeSubmission(from: bytes, contentType: contentType, receivedAt: Self.receivedAt, maxBytes: maxBytes)
    }

    func failure(_ bytes: [UInt8], contentType: String? = nil, maxBytes: Int = 1 << 20) -> SchemaError? {
        do {
            _ = try read(bytes, contentType: contentType, maxBytes: maxBytes)
            return nil
        } catch {
            return error
        }
    }

    @Test func textWithoutAHeaderIsAnArticleSubmittedWhenReceived() throws {
        let text = "Ceasefire talks resume\n\nOfficials met in Geneva on Monday.\n"
        let submission = try read(text)
        #expect(submission == ArticleSubmission(text: text, submittedAt: Self.receivedAt))
    }

    @Test func aFirstBraceAfterWhitespaceOrAByteOrderMarkMeansJSON() throws {
        let expected = try read(Self.json)
        #expect(expected.text == "Title\n\nBody.")
        #expect(expected.submittedAt != Self.receivedAt)
        #expect(try read(" \r\n\t" + Self.json) == expected)
        #expect(try read([0xEF, 0xBB, 0xBF] + Array(Self.json.utf8)) == expected)
        #expect(try read([0xEF, 0xBB, 0xBF] + Array("Title\n\nBody.".utf8)).text == "\u{FEFF}Title\n\nBody.")
    }

    @Test func brokenJSONIsADeadLetterNotAnArticle() {
        let error = failure(Array(#"{"schemaVersion":1,"text": "unterminated"#.utf8))
        #expect(error?.reason == .undecodable)
        #expect(error?.message.hasPrefix("not valid JSON") == true, "\(String(describing: error))")
    }

    @Test(arguments: ["application/json", "Application/JSON; charset=utf-8", "application/vnd.newsline+json"])
    func aJSONContentTypeIsReadAsJSON(contentType: String) throws {
        #expect(try read(Self.json, contentType: contentType).text == "Title\n\nBody.")
        #expect(failure(Array("Title\n\nBody.".utf8), contentType: contentType)?.reason == .undecodable)
    }

    @Test(arguments: ["text/plain", "text/plain; charset=utf-8", " TEXT/PLAIN "])
    func aTextContentTypeIsReadAsTextWhateverItStartsWith(contentType: String) throws {
        #expect(try read(Self.json, contentType: contentType).text == Self.json)
        #expect(try read("{Updated} Title\n\nBody.", contentType: contentType).submittedAt == Self.receivedAt)
    }

    @Test func anotherContentTypeIsRefusedByName() {
        let error = failure(Array("<p>Title</p>".utf8), contentType: "text/html")
        #expect(error?.reason == .undecodable)
        #expect(error?.message == #"content-type "text/html" is not read here: a submission is application/json or text/plain"#)
    }

    @Test func textPassesTheSameChecksAsJSON() {
        #expect(failure([], contentType: "text/plain")?.reason == .emptyBody)
        #expect(failure(Array(" \n ".utf8), contentType: "text/html")?.reason == .emptyBody)
        #expect(failure(Array("\u{2003}\u{00A0}\n".utf8))?.reason == .emptyBody)
        #expect(failure(Array(String(repeating: "word ", count: 100).utf8), maxBytes: 256)?.reason == .oversized)
        #expect(failure([0x54, 0x69, 0x74, 0x6C, 0x65, 0x0A, 0x0A, 0xC3, 0x28])?.reason == .invalidUTF8)
    }
}
