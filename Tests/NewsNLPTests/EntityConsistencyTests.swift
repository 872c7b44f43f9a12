import Testing

@testable import NewsNLP

@Suite struct EntityConsistencyTests {
    /// Links hand-made spans (type 1 PER, 2 ORG, 3 LOC, 4 MISC; `[first, last]` word indices).
    static func link(_ text: String, _ spans: [(Int, Int, Int)]) -> [ExtractedEntity] {
        let scalars = Array(text.unicodeScalars)
        let tokens = Tokenizer().ranges(in: scalars)
        let sentences = SentenceSplitter().sentences(scalars, tokens).map(\.tokens)
        let doc = TaggingDocument(scalars: scalars, tokens: tokens, sentences: sentences, gazetteer: Gazetteer())
        var linker = EntityLinker(scalars: scalars, tokens: tokens, sentences: sentences, infos: doc.infos)
        return linker.entities(from: spans.map { (type: $0.0, range: $0.1..<($0.2 + 1)) })
    }

    @Test func shortFormJoinsLongFormAndTakesItsKind() {
        // John(0) Kerry(1) met(2) Lavrov(3) .(4) Kerry(5) said(6) Lavrov(7) agreed(8) .(9)
        let e = Self.link(
            "John Kerry met Lavrov. Kerry said Lavrov agreed.",
            [(1, 0, 1), (1, 3, 3), (3, 5, 5), (1, 7, 7)]
        )
        let kerry = e.first { $0.canonicalName == "John Kerry" }
        #expect(kerry?.kind == .person)
        #expect(kerry?.aliases == ["Kerry"])
        #expect(kerry?.count == 2)
        #expect(e.first { $0.canonicalName == "Lavrov" }?.count == 2)
        #expect(e.count == 2)
    }

    @Test func aNameKeepsOneKindByMajority() {
        // Darayya(0) fell(1) .(2) Darayya(3) burned(4) .(5) Darayya(6) wept(7) .(8)
        let e = Self.link("Darayya fell. Darayya burned. Darayya wept.", [(3, 0, 0), (3, 3, 3), (1, 6, 6)])
        #expect(e.count == 1)
        #expect(e.first?.kind == .location)
        #expect(e.first?.count == 3)
    }

    @Test func untaggedRepeatsOfAFoundNameAreAdded() {
        let text = "Hezbollah fighters left. Later Hezbollah denied it."
        let e = Self.link(text, [(2, 0, 0)])
        #expect(e.first?.count == 2)
        let scalars = Array(text.unicodeScalars)
        for m in e.first?.mentions ?? [] { #expect(String(String.UnicodeScalarView(scalars[m.range])) == "Hezbollah") }
    }

    @Test func acronymsJoinAndTitlesAreDropped() {
        // The(0) United(1) Nations(2) spoke(3) .(4) The(5) UN(6) and(7) Mr(8) Kerry(9) agreed(10) .(11)
        let e = Self.link("The United Nations spoke. The UN and Mr Kerry agreed.", [(2, 1, 2), (2, 6, 6), (1, 8, 9)])
        let un = e.first { $0.canonicalName == "United Nations" }
        #expect(un?.aliases == ["UN"])
        #expect(e.contains { $0.canonicalName == "Kerry" && $0.kind == .person })
    }

    @Test func aShortFormInsideALongerNameJoinsTheMostMentionedOne() {
        // Syrian(0) Arab(1) Red(2) Crescent(3) came(4) .(5) Syrian(6) Arab(7) Red(8) Crescent(9) left(10) .(11)
        // Red(12) Crescent(13) Society(14) came(15) .(16) Red(17) Crescent(18) stayed(19) .(20)
        let e = Self.link(
            "Syrian Arab Red Crescent came. Syrian Arab Red Crescent left. Red Crescent Society came. Red Crescent stayed.",
            [(2, 0, 3), (2, 6, 9), (2, 12, 14), (2, 17, 18)]
        )
        #expect(e.first { $0.canonicalName == "Syrian Arab Red Crescent" }?.aliases == ["Red Crescent"], "\(e)")
        #expect(e.first { $0.canonicalName == "Red Crescent Society" }?.count == 1)
        #expect(!e.contains { $0.canonicalName == "Red Crescent" })
    }

    @Test func aNameParticleJoinsOnlyWithinTheNamesSentence() {
        let joined = Self.link("Officials met Bashar al-Assad today.", [(1, 2, 2)])
        #expect(joined.first?.canonicalName == "Bashar al-Assad", "\(joined)")
        // The paragraph ends the sentence after "Bashar": "al-Assad" opens the next one.
        let apart = Self.link("Officials met Bashar\n\nal-Assad loyalists left.", [(1, 2, 2)])
        #expect(apart.first?.canonicalName == "Bashar", "\(apart)")
    }

    @Test func salienceIsNormalizedAndSorted() {
        let e = Self.link(
            "John Kerry met Lavrov. Kerry said Lavrov agreed. Kerry left.",
            [(1, 0, 1), (1, 3, 3), (1, 7, 7)]
        )
        #expect(e.first?.salience == 1)
        #expect(zip(e, e.dropFirst()).allSatisfy { $0.salience >= $1.salience })
        #expect(e.allSatisfy { (0...1).contains($0.salience) })
    }
}
