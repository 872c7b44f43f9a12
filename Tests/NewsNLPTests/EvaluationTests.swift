import Testing

@testable import NewsNLP

@Suite struct CoNLLEvaluationTests {
    @Test func countsExactSpanAndTypeMatchesLikeConlleval() {
        var e = CoNLLEvaluation()
        // gold: [John Kerry]PER met [Lavrov]PER in [Geneva]LOC ; predicted: [John]PER [Kerry]PER ... [Lavrov]PER ... [Geneva]ORG
        e.add(
            gold: ["B-PER", "I-PER", "O", "B-PER", "O", "B-LOC"],
            predicted: ["B-PER", "B-PER", "O", "B-PER", "O", "B-ORG"]
        )
        // I-X after O opens a chunk (conlleval); gold [UN]ORG
        e.add(gold: ["O", "B-ORG", "O"], predicted: ["O", "I-ORG", "O"])
        // predicted chunks: John, Kerry, Lavrov, Geneva(ORG), UN(ORG) = 5; correct: Lavrov, UN = 2; gold: 4.
        #expect(e.overall == .init(correct: 2, predicted: 5, gold: 4))
        #expect(e.byType["PER"] == .init(correct: 1, predicted: 3, gold: 2))
        #expect(e.byType["LOC"] == .init(correct: 0, predicted: 0, gold: 1))
        #expect(e.byType["ORG"] == .init(correct: 1, predicted: 2, gold: 1))
        #expect(abs(e.overall.precision - 0.4) < 1e-12)
        #expect(abs(e.overall.recall - 0.5) < 1e-12)
        #expect(abs(e.overall.f1 - 4.0 / 9) < 1e-12)  // 2 · 0.4 · 0.5 / 0.9
    }

    @Test(arguments: [
        (["B-PER", "I-PER", "O"], [("PER", 0..<2)]),
        (["I-LOC", "I-LOC", "B-LOC"], [("LOC", 0..<2), ("LOC", 2..<3)]),
        (["B-ORG", "I-MISC"], [("ORG", 0..<1), ("MISC", 1..<2)]),
    ])
    func readsChunks(_ tags: [String], _ expected: [(String, Range<Int>)]) {
        let chunks = CoNLLEvaluation.chunks(tags)
        #expect(chunks.map(\.type) == expected.map(\.0))
        #expect(chunks.map(\.range) == expected.map(\.1))
    }
}

@Suite struct RougeTests {
    // Expected values computed by hand and checked against rouge-score 0.1.2 (use_stemmer=True).
    @Test(arguments: [
        (
            "The cats were running quickly.\nDogs ran.", "A cat runs quickly.\nDogs barked loudly.", 0.571429, 0.333333,
            0.571429
        ),
        ("relational conditional generously happiness skies dying", "relate condition generous happy sky die", 1, 1, 1),
        ("Hello world, hello again!", "hello hello world", 0.857143, 0.4, 0.571429),
        ("", "anything", 0, 0, 0),
    ])
    func matchesRougeScore(_ candidate: String, _ reference: String, _ r1: Double, _ r2: Double, _ lsum: Double) {
        let s = Rouge().score(candidate: candidate, reference: reference)
        #expect(abs(s.rouge1.f1 - r1) < 1e-6)
        #expect(abs(s.rouge2.f1 - r2) < 1e-6)
        #expect(abs(s.rougeLsum.f1 - lsum) < 1e-6)
    }

    @Test func unigramCountsByHand() {
        // candidate "the cat sat" vs reference "the cat the mat": overlap the,cat = 2; P = 2/3, R = 2/4.
        let s = Rouge().score(candidate: "the cat sat", reference: "the cat the mat")
        #expect(abs(s.rouge1.precision - 2.0 / 3) < 1e-12)
        #expect(abs(s.rouge1.recall - 0.5) < 1e-12)
        #expect(abs(s.rouge2.precision - 0.5) < 1e-12)  // "the cat" of {"the cat", "cat sat"}
    }

    // From NLTK's PorterStemmer (the stemmer rouge-score uses).
    @Test(arguments: [
        ("caresses", "caress"), ("ponies", "poni"), ("ties", "tie"), ("cats", "cat"), ("feed", "feed"),
        ("agreed", "agre"),
        ("plastered", "plaster"), ("motoring", "motor"), ("sing", "sing"), ("conflated", "conflat"),
        ("troubled", "troubl"),
        ("sized", "size"), ("hopping", "hop"), ("falling", "fall"), ("hissing", "hiss"), ("fizzed", "fizz"),
        ("failing", "fail"),
        ("filing", "file"), ("happy", "happi"), ("enjoy", "enjoy"), ("relational", "relat"), ("conditional", "condit"),
        ("valenci", "valenc"), ("digitizer", "digit"), ("radically", "radic"), ("generously", "gener"),
        ("hopefulness", "hope"),
        ("electrical", "electr"), ("formalize", "formal"), ("adjustment", "adjust"), ("adoption", "adopt"),
        ("activate", "activ"),
        ("effective", "effect"), ("controlling", "control"), ("roll", "roll"), ("dying", "die"), ("skies", "sky"),
        ("news", "news"),
        ("generalization", "gener"), ("ceasefire", "ceasefir"), ("hostilities", "hostil"), ("agreement", "agreement"),
        ("talks", "talk"), ("evacuated", "evacu"), ("syrian", "syrian"), ("besieged", "besieg"),
    ])
    func stemsLikeNLTK(_ word: String, _ stem: String) {
        #expect(PorterStemmer().stem(word) == stem)
    }
}
