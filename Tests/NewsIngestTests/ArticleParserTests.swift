import Foundation
import NewsIngest
import NewsSchema
import Testing

@Suite struct ArticleParserTests {
    private let now = Date(timeIntervalSince1970: 1_796_072_401)
    private let submittedAt = Date(timeIntervalSince1970: 1_796_072_400)

    private func parse(
        _ text: String,
        title: String? = nil,
        byline: String? = nil,
        url: String? = nil
    ) throws(SchemaError) -> Article {
        try ArticleParser().parse(
            ArticleSubmission(text: text, title: title, url: url, byline: byline, submittedAt: submittedAt),
            now: now
        )
    }

    @Test func jsonSubmissionWithTitleTakesTheTextAsBody() throws {
        let article = try parse(
            "Talks resumed in Geneva on Friday.\n\nBoth sides said progress was made.\n\nJane Doe",
            title: "  Talks   resume  "
        )
        #expect(article.title == "Talks resume")
        #expect(article.body == "Talks resumed in Geneva on Friday.\n\nBoth sides said progress was made.")
        #expect(article.byline == "Jane Doe")
        #expect(article.subheadings.isEmpty)
        #expect(article.caption == nil)
    }

    @Test func givenTitleRepeatedAsFirstLineIsDropped() throws {
        let article = try parse("Talks resume\n\nTalks resumed in Geneva on Friday.", title: "Talks resume")
        #expect(article.body == "Talks resumed in Geneva on Friday.")
    }

    @Test func givenBylineWinsAndTrailingNameIsStillRemoved() throws {
        let article = try parse("Title\n\nA paragraph here.\n\nBy Jane Doe", byline: "John Smith")
        #expect(article.byline == "John Smith")
        #expect(article.body == "A paragraph here.")
    }

    @Test func captionCanBeGivenWithAJSONTitle() throws {
        let article = try parse(
            "Kerry and Lavrov in Geneva / Getty Images\n\nThe talks went on.",
            title: "Talks"
        )
        #expect(article.caption == "Kerry and Lavrov in Geneva / Getty Images")
        #expect(article.body == "The talks went on.")
    }

    @Test func hardWrappedParagraphLinesAreJoined() throws {
        let article = try parse(
            "Title\n\nThe first paragraph was wrapped by an editor at seventy-two columns, so it\ncontinues on this line.\n\nSecond."
        )
        #expect(
            article.body
                == "The first paragraph was wrapped by an editor at seventy-two columns, so it continues on this line.\n\nSecond."
        )
    }

    @Test func textWithoutBlankLinesHasOneParagraphPerLine() throws {
        let article = try parse("Title\nFirst paragraph.\nSecond paragraph.")
        #expect(article.title == "Title")
        #expect(article.body == "First paragraph.\n\nSecond paragraph.")
    }

    @Test func subheadingAfterABlankLineNeedsAParagraphAfterIt() throws {
        let article = try parse("Title\n\nOpening.\n\nThe Aftermath\n\nIt was quiet.\n\nEnd of the story here.")
        #expect(article.subheadings == ["The Aftermath"])
        #expect(article.body == "Opening.\n\nIt was quiet.\n\nEnd of the story here.")
    }

    @Test func shortParagraphEndingInPunctuationIsNotASubheading() throws {
        let article = try parse("Title\n\nOpening.\n\nNo comment.\n\nIt was quiet.")
        #expect(article.subheadings.isEmpty)
        #expect(article.body == "Opening.\n\nNo comment.\n\nIt was quiet.")
    }

    @Test func unicodeIsComposedToNFC() throws {
        let article = try parse("Cafe\u{0301} talks\n\nThe cafe\u{0301} in Gene\u{0300}ve opened.")
        #expect(article.title.unicodeScalars.count == 10)
        #expect(article.title == "Café talks")
        #expect(article.body.unicodeScalars.contains("\u{E9}"))
        #expect(!article.body.unicodeScalars.contains("\u{0301}"))
    }

    @Test func joinersInWordsAndEmojiAreKept() throws {
        let family = "\u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        let article = try parse("Families \(family) wait\n\nIn Tehran, \u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645} was heard.")
        #expect(article.title.unicodeScalars.filter { $0 == "\u{200D}" }.count == 2)
        #expect(article.body.unicodeScalars.contains("\u{200C}"))
    }

    @Test func urlIsStoredInCanonicalFormAndGivesTheId() throws {
        let article = try parse("Title\n\nBody.", url: "HTTPS://WWW.BBC.com/news/x/?utm_source=tw#top")
        #expect(article.url == "https://www.bbc.com/news/x")
        #expect(article.id == ArticleIdentity.id(url: "https://www.bbc.com/news/x", title: "", body: ""))
    }

    @Test func oneLineWithoutTitleSaysTheLineWasTakenAsTheTitle() throws {
        let parser = ArticleParser()
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        #expect(
            throws: SchemaError(
                reason: .emptyBody,
                message: #"submission "Talks resume in Geneva." has no body paragraphs (with no "title" given, the text's first line is the title)"#
            )
        ) {
            try parser.parse(ArticleSubmission(text: "Talks resume in Geneva.", submittedAt: now), now: now)
        }
        #expect(
            throws: SchemaError(reason: .emptyBody, message: #"submission "Talks" has no body paragraphs"#)
        ) {
            try parser.parse(ArticleSubmission(text: "  \n", title: "Talks", submittedAt: now), now: now)
        }
    }

    @Test(arguments: ["", "   \n\t\n", "Only a title", "Only a title\n\n(L-R) A caption", "Only a title\n\n\u{200D}\u{200C}"])
    func textWithoutBodyIsEmptyBody(text: String) {
        do {
            let article = try parse(text)
            Issue.record("expected emptyBody, parsed \(article)")
        } catch {
            #expect(error.reason == .emptyBody)
        }
    }
}
