import Foundation
import NewsIngest
import NewsSchema
import Testing

/// The sample article at `samples/syria-ceasefire.txt`, parsed as `newsline push` would send it.
@Suite struct SampleArticleTests {
    static let sampleURL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("samples/syria-ceasefire.txt")
    static let submittedAt = Date(timeIntervalSince1970: 1_796_072_400)
    static let now = Date(timeIntervalSince1970: 1_796_072_401)

    static func sampleText() throws -> String {
        try String(contentsOf: sampleURL, encoding: .utf8)
    }

    static func parseSample(_ text: String? = nil) throws -> Article {
        let submission = ArticleSubmission(
            text: try text ?? sampleText(),
            submittedAt: submittedAt,
            origin: "syria-ceasefire.txt"
        )
        return try ArticleParser().parse(submission, now: now)
    }

    @Test func titleIsTheFirstLine() throws {
        #expect(try Self.parseSample().title == "US and Russia closer to Syria ceasefire")
    }

    @Test func captionIsTheLRLine() throws {
        let article = try Self.parseSample()
        #expect(article.caption == "(L-R) US Secretary of State, John Kerry and his Russian counterpart Sergei Lavrov")
    }

    @Test func subheadingsIncludeOneFollowedDirectlyByItsParagraph() throws {
        #expect(try Self.parseSample().subheadings == ["Political agreement", "Safe passage"])
    }

    @Test func trailingNameIsTheByline() throws {
        #expect(try Self.parseSample().byline == "Mercy Chukwudiebere")
    }

    @Test func bodyHoldsOnlyTheParagraphs() throws {
        let article = try Self.parseSample()
        #expect(article.body.hasPrefix("The US Secretary of State, John Kerry says"))
        #expect(article.body.hasSuffix("transformed into a full-blown civil conflict."))
        #expect(article.body.components(separatedBy: "\n\n").count == 18)
        #expect(article.body.contains("\n\nHe said that the only way to solve the conflict"))
        for removed in ["(L-R)", "Political agreement", "Safe passage", "Mercy", "closer to Syria ceasefire"] {
            #expect(!article.body.contains(removed), "body still contains \(removed)")
        }
    }

    @Test func curlyQuotesBecomeASCII() throws {
        let article = try Self.parseSample()
        #expect(article.body.contains("have 'narrow issues' to resolve."))
        #expect(article.body.contains("\"We want to have something done"))
        #expect(!article.body.unicodeScalars.contains { (0x2018...0x201F).contains($0.value) })
    }

    @Test func metadataIsFilledIn() throws {
        let article = try Self.parseSample()
        #expect(article.wordCount == 431)
        #expect(article.language == "en")
        #expect(article.url == nil)
        #expect(article.submittedAt == Self.submittedAt)
        #expect(article.ingestedAt == Self.now)
        #expect(article.contentHash == ArticleIdentity.contentHash(title: article.title, body: article.body))
        #expect(article.id == "a-" + article.contentHash.prefix(16))
    }

    @Test func crlfAndTrailingSpacesGiveTheSameArticle() throws {
        let text = try Self.sampleText()
        let windows = text.replacingOccurrences(of: "\n", with: " \r\n")
        #expect(try Self.parseSample(windows) == Self.parseSample(text))
    }

    @Test func byteOrderMarkAndZeroWidthSpacesAreIgnored() throws {
        let text = try Self.sampleText()
        let noisy = "\u{FEFF}" + text.replacingOccurrences(of: "Geneva", with: "Gen\u{200B}eva")
        #expect(try Self.parseSample(noisy) == Self.parseSample(text))
    }

    @Test func pushKeyIsTheIdIngestDerives() throws {
        let submission = ArticleSubmission(text: try Self.sampleText(), submittedAt: Self.submittedAt)
        #expect(ArticleIdentity.key(for: submission) == (try Self.parseSample().id))
    }
}
