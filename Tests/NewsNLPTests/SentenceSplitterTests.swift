import Testing

@testable import NewsNLP

@Suite struct SentenceSplitterTests {
    static let cases: [(String, [String])] = [
        ("Mr. Kerry met Mr. Lavrov. They talked.", ["Mr. Kerry met Mr. Lavrov.", "They talked."]),
        ("The U.S. and the U.K. agreed. Talks end.", ["The U.S. and the U.K. agreed.", "Talks end."]),
        ("He works at Apple Inc. The company grew.", ["He works at Apple Inc.", "The company grew."]),
        ("J. K. Rowling wrote it. It sold.", ["J. K. Rowling wrote it.", "It sold."]),
        ("“We will win.” He left.", ["“We will win.”", "He left."]),
        ("He said “no.” Then he left.", ["He said “no.”", "Then he left."]),
        ("Prices rose 2.5 percent. Sales fell.", ["Prices rose 2.5 percent.", "Sales fell."]),
        ("It was... fine. Next one.", ["It was... fine.", "Next one."]),
        ("US AND RUSSIA CLOSER TO DEAL\n\nThe talks went on.", ["US AND RUSSIA CLOSER TO DEAL", "The talks went on."]),
        (
            "Political agreement\nHe said the only way out was talks.",
            ["Political agreement", "He said the only way out was talks."]
        ),
        ("- first item\n- second item", ["- first item", "- second item"]),
        ("Team  W  L\nAjax  3  1\nPSV  2  2", ["Team  W  L", "Ajax  3  1", "PSV  2  2"]),
        ("Is it over? No! It is not.", ["Is it over?", "No!", "It is not."]),
        ("a line that was\nwrapped by the printer.", ["a line that was\nwrapped by the printer."]),
        ("Meeting on Jan. 5 in Geneva. Done.", ["Meeting on Jan. 5 in Geneva.", "Done."]),
    ]

    @Test(arguments: cases)
    func splitsNewsText(_ input: String, _ expected: [String]) {
        let scalars = Array(input.unicodeScalars)
        let sentences = SentenceSplitter().split(input).sentences
        #expect(sentences.map { String(String.UnicodeScalarView(scalars[$0.range])) } == expected)
    }
}
