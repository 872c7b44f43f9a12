import NewsSchema
import Testing

@Suite struct TopicsTests {
    @Test func defaultNamesHaveNoPrefix() {
        let topics = Topics()
        #expect(
            topics.all == [
                "articles.submitted", "articles.ingested", "articles.entities", "articles.summarized",
                "articles.dead-letter",
            ]
        )
    }

    @Test func prefixIsPrependedToEveryName() {
        let topics = Topics(prefix: "staging.")
        #expect(topics.submitted == "staging.articles.submitted")
        #expect(topics.ingested == "staging.articles.ingested")
        #expect(topics.entities == "staging.articles.entities")
        #expect(topics.summarized == "staging.articles.summarized")
        #expect(topics.deadLetter == "staging.articles.dead-letter")
        #expect(topics.all.allSatisfy { $0.hasPrefix("staging.") })
        #expect(topics != Topics())
    }

    @Test func headerNamesAreStable() {
        #expect(Headers.traceparent == "traceparent")
        #expect(Headers.submittedAt == "newsline-submitted-at")
        #expect(Headers.redriveCount == "newsline-redrive-count")
        #expect(Headers.schemaVersion == "newsline-schema-version")
        #expect(NewsSchemaVersion.current == 1)
    }
}
