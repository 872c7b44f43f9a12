import Foundation
import NewsSchema

/// Golden wire messages: the exact bytes `NewsJSON.encoder()` writes for the values below (members in declaration order).
enum Fixtures {
    static let submittedAt = Date(timeIntervalSince1970: 1_796_072_400.123)  // 2026-11-30T21:00:00.123Z
    static let publishedAt = Date(timeIntervalSince1970: 1_472_236_200)  // 2016-08-26T18:30:00.000Z

    static let submissionJSON = #"""
        {"schemaVersion":1,"text":"US and Russia closer to Syria ceasefire\n\nThe two held talks in Geneva.",\#
        "url":"https://www.bbc.com/news/world-middle-east-37198797","source":"BBC News",\#
        "publishedAt":"2016-08-26T18:30:00.000Z","submittedAt":"2026-11-30T21:00:00.123Z",\#
        "origin":"syria-ceasefire.txt"}
        """#

    static let submission = ArticleSubmission(
        text: "US and Russia closer to Syria ceasefire\n\nThe two held talks in Geneva.",
        url: "https://www.bbc.com/news/world-middle-east-37198797",
        source: "BBC News",
        publishedAt: publishedAt,
        submittedAt: submittedAt,
        origin: "syria-ceasefire.txt"
    )

    static let article = Article(
        id: "a-0123456789abcdef",
        url: "https://www.bbc.com/news/world-middle-east-37198797",
        source: "BBC News",
        title: "US and Russia closer to Syria ceasefire",
        byline: "Mercy Chukwudiebere",
        caption: "(L-R) John Kerry and Sergei Lavrov",
        subheadings: ["Political agreement"],
        body: "The two held talks in Geneva.\n\nMr Kerry said they were close.",
        wordCount: 12,
        contentHash: "ab12",
        publishedAt: nil,
        submittedAt: submittedAt,
        ingestedAt: Date(timeIntervalSince1970: 1_796_072_401.5)
    )

    static let envelope = ArticleEnvelope(
        article: article,
        entities: [
            Entity(
                type: .location,
                name: "Geneva",
                count: 1,
                salience: 0.5,
                mentions: [Mention(text: "Geneva", start: 22, end: 28)]
            ),
            Entity(
                type: .person,
                name: "John Kerry",
                aliases: ["Kerry"],
                count: 1,
                salience: 0.75,
                mentions: [Mention(text: "Kerry", start: 34, end: 39)]
            ),
        ],
        summary: Summary(
            sentences: [SummarySentence(text: "The two held talks in Geneva.", start: 0, end: 29)],
            method: "lead"
        ),
        provenance: [
            Provenance(
                stage: "ingest",
                version: "0.1.0",
                host: "ingest-0",
                startedAt: Date(timeIntervalSince1970: 1_796_072_401),
                finishedAt: Date(timeIntervalSince1970: 1_796_072_401.5)
            )
        ]
    )

    static let envelopeJSON = #"""
        {"schemaVersion":1,"article":{"id":"a-0123456789abcdef",\#
        "url":"https://www.bbc.com/news/world-middle-east-37198797","source":"BBC News",\#
        "title":"US and Russia closer to Syria ceasefire","byline":"Mercy Chukwudiebere",\#
        "caption":"(L-R) John Kerry and Sergei Lavrov","subheadings":["Political agreement"],\#
        "body":"The two held talks in Geneva.\n\nMr Kerry said they were close.","wordCount":12,\#
        "contentHash":"ab12","language":"en","submittedAt":"2026-11-30T21:00:00.123Z",\#
        "ingestedAt":"2026-11-30T21:00:01.500Z"},\#
        "entities":[{"type":"LOCATION","name":"Geneva","aliases":[],"count":1,"salience":0.5,\#
        "mentions":[{"text":"Geneva","start":22,"end":28}]},\#
        {"type":"PERSON","name":"John Kerry","aliases":["Kerry"],"count":1,"salience":0.75,\#
        "mentions":[{"text":"Kerry","start":34,"end":39}]}],\#
        "summary":{"sentences":[{"text":"The two held talks in Geneva.","start":0,"end":29}],"method":"lead"},\#
        "provenance":[{"stage":"ingest","version":"0.1.0","host":"ingest-0",\#
        "startedAt":"2026-11-30T21:00:01.000Z","finishedAt":"2026-11-30T21:00:01.500Z"}]}
        """#

    static let deadLetter = DeadLetter(
        stage: "ingest",
        reason: .undecodable,
        message: "not valid JSON",
        sourceTopic: "articles.submitted",
        sourcePartition: 2,
        sourceOffset: 41,
        key: "a-0123456789abcdef",
        payload: Data("{oops".utf8),
        headers: ["newsline-redrive-count": "1"],
        failedAt: submittedAt,
        redriveCount: 1
    )

    static let deadLetterJSON = #"""
        {"schemaVersion":1,"stage":"ingest","reason":"undecodable","message":"not valid JSON",\#
        "sourceTopic":"articles.submitted","sourcePartition":2,"sourceOffset":41,"key":"a-0123456789abcdef",\#
        "payload":"e29vcHM=","payloadTruncated":false,"headers":{"newsline-redrive-count":"1"},\#
        "failedAt":"2026-11-30T21:00:00.123Z","redriveCount":1}
        """#
}
