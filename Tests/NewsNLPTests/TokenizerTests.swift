import Testing

@testable import NewsNLP

@Suite struct TokenizerTests {
    static let cases: [(String, [String])] = [
        ("Mr. Smith went to Washington.", ["Mr.", "Smith", "went", "to", "Washington", "."]),
        (
            "The U.S. economy grew 3.5% in Jan. 2020.",
            ["The", "U.S.", "economy", "grew", "3.5", "%", "in", "Jan.", "2020", "."]
        ),
        ("J. R. R. Tolkien wrote it", ["J.", "R.", "R.", "Tolkien", "wrote", "it"]),
        ("Kerry's plan didn't work", ["Kerry", "'s", "plan", "did", "n't", "work"]),
        ("“Hello,” she said — then left…", ["“", "Hello", ",", "”", "she", "said", "—", "then", "left", "…"]),
        (
            "It cost $1,250,000.50 on 1996-08-22 at 10:30",
            ["It", "cost", "$", "1,250,000.50", "on", "1996-08-22", "at", "10:30"]
        ),
        ("Wait... what?!", ["Wait", "...", "what", "?!"]),
        ("rebel-held city of Idlib", ["rebel-held", "city", "of", "Idlib"]),
        ("WASHINGTON (Reuters) -- The", ["WASHINGTON", "(", "Reuters", ")", "--", "The"]),
        ("O'Neill met AT&T's boss", ["O'Neill", "met", "AT&T", "'s", "boss"]),
        ("they’re here", ["they", "’re", "here"]),
    ]

    @Test(arguments: cases)
    func tokenizesNewsText(_ input: String, _ expected: [String]) {
        #expect(Tokenizer().tokenize(input).map(\.text) == expected)
    }

    @Test(arguments: ["Café “naïve” — 東京 🙂 test", "Déjà vu, U.S. 5,000", "\u{1F600}a\u{301}b"])
    func offsetsSliceTheOriginalText(_ input: String) {
        let scalars = Array(input.unicodeScalars)
        for token in Tokenizer().tokenize(input) {
            #expect(String(String.UnicodeScalarView(scalars[token.range])) == token.text)
        }
    }
}
