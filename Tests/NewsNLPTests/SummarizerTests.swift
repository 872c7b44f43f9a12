import Testing

@testable import NewsNLP

@Suite struct SummarizerTests {
    static func text(_ body: String, _ s: SummarySentence) -> String {
        String(String.UnicodeScalarView(Array(body.unicodeScalars)[s.range]))
    }

    @Test(arguments: [1, 2, 3, 5])
    func sampleSummaryIsInOrderSizedAndFreeOfCaptionSubheadingsAndByline(_ count: Int) {
        let body = SampleArticle.body
        let summary = Summarizer().summarize(
            title: SampleArticle.title,
            body: body,
            entities: [],
            length: .sentences(count)
        )
        #expect(summary.count == count)
        #expect(zip(summary, summary.dropFirst()).allSatisfy { $0.range.upperBound <= $1.range.lowerBound })
        for s in summary {
            #expect(Self.text(body, s) == s.text)
            #expect(!s.text.contains("(L-R)"))
            #expect(!s.text.hasPrefix("Political agreement") && !s.text.hasPrefix("Safe passage"))
            #expect(!s.text.contains("Mercy Chukwudiebere"))
        }
    }

    @Test(arguments: [(0.1, 2), (0.25, 5), (0.0001, 1)])
    func ratioCountsUsableSentences(_ ratio: Double, _ expected: Int) {
        // The sample has 20 usable sentences (caption, two subheadings and the byline are not).
        let summary = Summarizer().summarize(title: nil, body: SampleArticle.body, entities: [], length: .ratio(ratio))
        #expect(summary.count == expected)
    }

    static let junk: [String] = [
        "Read more: Why the talks failed and what comes next for the region",
        "Follow us on Twitter and Facebook for the latest updates from the region",
        "By Jane Doe",
        "Photo: Soldiers walk past a destroyed building in the old city of Aleppo",
        "Sign up for our newsletter to receive the top stories every morning in your inbox.",
        "Copyright 2016 The Newsline Company. All rights reserved.",
        "(L-R) John Kerry and Sergei Lavrov at the start of their meeting",
    ]

    @Test(arguments: junk)
    func neverChoosesBoilerplateCaptionsOrBylines(_ line: String) {
        let body =
            "\(line)\n\nThe ministers met in Geneva on Friday to discuss a ceasefire in Syria.\n\nThey agreed to meet again next week."
        let summary = Summarizer().summarize(title: "Ministers meet", body: body, entities: [], length: .sentences(3))
        #expect(
            summary.map(\.text) == [
                "The ministers met in Geneva on Friday to discuss a ceasefire in Syria.",
                "They agreed to meet again next week.",
            ]
        )
    }

    @Test(arguments: [
        "WASHINGTON (Reuters) — Scientists on Monday unveiled the first map of Titan.",
        "LONDON, Nov 3 (AP) - Scientists on Monday unveiled the first map of Titan.",
        "NEW YORK — Scientists on Monday unveiled the first map of Titan.",
    ])
    func cutsDatelines(_ body: String) {
        let s = Summarizer().summarize(title: nil, body: body, entities: [], length: .sentences(1))
        #expect(s.map(\.text) == ["Scientists on Monday unveiled the first map of Titan."])
        #expect(s.first.map { Self.text(body, $0) } == "Scientists on Monday unveiled the first map of Titan.")
    }

    /// Text that lost its punctuation is one "sentence" of hundreds of words; it used to become the whole summary.
    @Test func aRunOnWithoutPunctuationIsNeverTheSummary() {
        let words = ["talks", "in", "Geneva", "resumed", "on", "Monday", "with", "ministers", "from", "both", "sides"]
        let runOn = (0..<300).map { words[$0 % words.count] }.joined(separator: " ")
        #expect(Summarizer().summarize(title: "Talks", body: runOn, entities: [], length: .sentences(3)).isEmpty)
        let body = "\(runOn)\n\nThe ministers met in Geneva on Friday to discuss a ceasefire in Syria."
        let summary = Summarizer().summarize(title: "Talks", body: body, entities: [], length: .sentences(3))
        #expect(summary.map(\.text) == ["The ministers met in Geneva on Friday to discuss a ceasefire in Syria."])
        // A long but real sentence of 100 words still counts.
        let long = (0..<99).map { words[$0 % words.count] }.joined(separator: " ") + " today."
        #expect(Summarizer().summarize(title: "Talks", body: long, entities: [], length: .sentences(1)).count == 1)
    }

    @Test func emptyOrJunkBodiesGiveNoSentences() {
        #expect(Summarizer().summarize(title: "x", body: "", entities: [], length: .sentences(3)).isEmpty)
        #expect(
            Summarizer().summarize(title: "x", body: "Read more\n\nBy Jane Doe", entities: [], length: .sentences(3))
                .isEmpty
        )
    }
}
