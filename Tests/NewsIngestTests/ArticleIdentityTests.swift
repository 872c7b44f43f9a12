import Foundation
import NewsIngest
import NewsSchema
import Testing

@Suite struct ArticleIdentityTests {
    static let canonical = "https://www.bbc.com/news/world-middle-east-37198797"

    @Test(arguments: [
        "https://www.bbc.com/news/world-middle-east-37198797",
        "https://www.bbc.com/news/world-middle-east-37198797/",
        "HTTPS://WWW.BBC.COM/news/world-middle-east-37198797",
        "https://www.bbc.com/news/world-middle-east-37198797#comments",
        "https://www.bbc.com/news/world-middle-east-37198797?utm_source=twitter&utm_medium=social",
        "https://www.bbc.com:443/news/world-middle-east-37198797",
        "  https://www.bbc.com/news/world-middle-east-37198797  ",
        "www.bbc.com/news/world-middle-east-37198797",
    ])
    func urlVariantsGiveTheSameIdWhateverTheText(url: String) {
        #expect(ArticleIdentity.canonicalURL(url) == Self.canonical)
        #expect(
            ArticleIdentity.id(url: url, title: "A", body: "one")
                == ArticleIdentity.id(url: Self.canonical, title: "B", body: "two")
        )
    }

    @Test func meaningfulQueryParametersAndPathCaseAreKept() {
        #expect(ArticleIdentity.canonicalURL("https://x.com/A?id=7&utm_campaign=c&p=2") == "https://x.com/A?id=7&p=2")
        #expect(
            ArticleIdentity.id(url: "https://x.com/a?id=7", title: "", body: "")
                != ArticleIdentity.id(url: "https://x.com/a?id=8", title: "", body: "")
        )
        #expect(ArticleIdentity.canonicalURL("   ") == nil)
    }

    @Test func withoutURLTheIdComesFromTheContent() {
        let id = ArticleIdentity.id(url: nil, title: "Title", body: "Body.")
        #expect(id == ArticleIdentity.id(url: "", title: "Title", body: "Body."))
        #expect(id != ArticleIdentity.id(url: nil, title: "Title", body: "Body!"))
        #expect(id != ArticleIdentity.id(url: nil, title: "Title 2", body: "Body."))
        #expect(id.wholeMatch(of: /a-[0-9a-f]{16}/) != nil)
    }

    @Test func contentHashIsSHA256OfTitleBlankLineBody() {
        // printf 'T\n\nB' | sha256sum
        #expect(
            ArticleIdentity.contentHash(title: "T", body: "B")
                == "c467a8e4991deeb4a45eda82181eeb4bf23107e7798dd197cb5432cf9df3f268"
        )
    }

    @Test func pushKeyFallsBackForASubmissionIngestWillReject() {
        let empty = ArticleSubmission(text: "Only a title", submittedAt: Date(timeIntervalSince1970: 0))
        let key = ArticleIdentity.key(for: empty)
        #expect(key.wholeMatch(of: /a-[0-9a-f]{16}/) != nil)
        #expect(key == ArticleIdentity.key(for: empty))
        var withURL = empty
        withURL.url = "https://x.com/a/"
        #expect(ArticleIdentity.key(for: withURL) == ArticleIdentity.id(url: "https://x.com/a", title: "", body: ""))
    }

    @Test func pushKeyMatchesTheParsedIdForAJSONSubmission() throws {
        let submission = ArticleSubmission(
            text: "Body paragraph.",
            title: "Title",
            url: "https://x.com/a?utm_source=rss",
            submittedAt: Date(timeIntervalSince1970: 0)
        )
        let article = try ArticleParser().parse(submission, now: Date())
        #expect(ArticleIdentity.key(for: submission) == article.id)
    }
}
