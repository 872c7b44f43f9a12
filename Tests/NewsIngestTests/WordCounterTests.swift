import NewsIngest
import Testing

@Suite struct WordCounterTests {
    @Test(arguments: [
        ("", 0),
        ("   ", 0),
        ("one", 1),
        ("Mr Kerry said", 3),
        ("Kerry's talks", 2),
        ("rebels' positions", 2),
        ("'quoted' words", 2),
        ("full-blown civil conflict", 4),
        ("nearly 10 hours, in 2012.", 5),
        ("al-Assad", 2),
        ("Café Genève", 2),
        ("They\u{2019}re here", 2),
        ("\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645} \u{0628}\u{0631}\u{0648}\u{0645}", 2),
        ("\u{0915}\u{094D}\u{200D}\u{0937} x", 2),
        ("families \u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} wait", 2),
    ])
    func countsWords(text: String, count: Int) {
        #expect(WordCounter.count(text) == count)
    }
}
