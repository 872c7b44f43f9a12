import Testing

@testable import NewsNLP

@Suite struct ViterbiTests {
    private func scores(_ pairs: [Int: Float]) -> SIMD16<Float> {
        var v = SIMD16<Float>.zero
        for (t, s) in pairs { v[t] = s }
        return v
    }

    @Test func bestWholeSequenceBeatsTheBestFirstTag() {
        // O wins the first token alone (1.0 > 0.9), but only B-ORG lets the strong I-ORG follow.
        let emission = [scores([0: 1.0, 3: 0.9]), scores([4: 2.0])]
        let path = Viterbi.decode(2, emission: { emission[$0] }, transition: { _, _ in .zero })
        #expect(path == [3, 4])
    }

    @Test func insideTagNeverOpensASentenceOrFollowsAnotherType() {
        // I-PER and I-LOC score highest, but I-PER cannot open a sentence, I-LOC cannot follow B-PER,
        // and B-LOC (which would license I-LOC) costs too much.
        let emission = [scores([2: 5.0, 1: 0.1, 5: -10]), scores([6: 5.0, 0: 0.1])]
        let path = Viterbi.decode(2, emission: { emission[$0] }, transition: { _, _ in .zero })
        #expect(path == [1, 0])
        for (k, t) in path.enumerated() {
            #expect(TagSet.allowed(t, after: k == 0 ? TagSet.start : path[k - 1]))
        }
    }

    @Test func transitionScoresDependOnThePreviousTag() {
        // Without transitions token 1 would be O; after B-PER the transition favours I-PER.
        let emission = [scores([1: 1.0]), scores([0: 0.5, 2: 0.2])]
        let path = Viterbi.decode(
            2,
            emission: { emission[$0] },
            transition: { _, p in p == 1 ? self.scores([2: 1.0]) : .zero }
        )
        #expect(path == [1, 2])
    }

    @Test func emptySentenceGivesNoTags() {
        #expect(Viterbi.decode(0, emission: { _ in .zero }, transition: { _, _ in .zero }).isEmpty)
    }
}
