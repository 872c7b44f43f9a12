import Testing

@testable import NewsSchema

@Suite struct BlankTests {
    @Test func blankMeansWhatCharacterIsWhitespaceSays() {
        let texts = [
            "", " ", " \n\t\r\n ", "\u{0B}\u{0C}", "\u{2003}\u{00A0}\n", " \u{0301}", "\u{85}",
            "x", "  Talks resumed.", "\n\n(L-R)", " \u{00E9}", "\u{2003}x", "e\u{0301}", "\u{200B}", "\0",
        ]
        for text in texts {
            #expect(isBlank(text) == text.allSatisfy(\.isWhitespace), "\(Array(text.unicodeScalars))")
        }
        #expect(isBlank(" \n\t"))
        #expect(!isBlank("  Talks resumed."))
    }
}
