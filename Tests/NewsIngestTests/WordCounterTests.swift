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
    ])
    func countsWords(text: String, count: Int) {
        #expect(WordCounter.count(text) == count)
    }
}
