/// One stage's transition scores for every token of a document and every previous tag. They
/// depend only on the previous tag and the token's shape or word (see
/// ``NERFeatures/appendTransition(_:previous:to:)``), so each distinct shape and word is scored
/// once per document.
struct TransitionScores {
    private var shapeIndex: [Int32] = []
    private var rows: [SIMD16<Float>] = []  // distinct shape × previous tag
    private var wordIndex: [Int32] = []
    private var wordRows: [SIMD16<Float>] = []  // distinct word × word class (class 0: a zero row)
    private let wordClass: [Int] = (0..<Viterbi.histories).map { NERFeatures.wordClass($0) }

    /// The scores of token `i` after previous tag `p` (``TagSet/start`` at a sentence's first token).
    @inline(__always)
    func score(_ i: Int, after p: Int) -> SIMD16<Float> {
        let k: Int = Int(shapeIndex[i]) &* Viterbi.histories &+ p
        let w: Int = Int(wordIndex[i]) &* NERFeatures.wordClasses &+ wordClass[p]
        return rows[k] + wordRows[w]
    }

    /// One stage's scores.
    static func of(_ d: TaggingDocument, _ m: some WeightScoring) -> TransitionScores {
        build(d) { (m.score($0[...]), .zero) }.0
    }

    /// Both stages' scores, one probe per feature.
    static func of(_ d: TaggingDocument, _ table: PairedTable) -> (TransitionScores, TransitionScores) {
        build(d) { table.score($0) }
    }

    private static func build(
        _ d: TaggingDocument,
        _ score: ([UInt64]) -> (SIMD16<Float>, SIMD16<Float>)
    ) -> (TransitionScores, TransitionScores) {
        var a = TransitionScores()
        var b = TransitionScores()
        var byShape: [UInt64: Int32] = [:]
        var byWord: [UInt64: Int32] = [:]
        var buffer: [UInt64] = []
        a.shapeIndex = Array(repeating: 0, count: d.infos.count)
        a.wordIndex = Array(repeating: 0, count: d.infos.count)
        for r in d.sentences {
            for i in r {
                let t = d.infos[i]
                if let k = byWord[t.lower] {
                    a.wordIndex[i] = k
                } else {
                    let k = Int32(byWord.count)
                    byWord[t.lower] = k
                    a.wordIndex[i] = k
                    a.wordRows.append(.zero)
                    b.wordRows.append(.zero)
                    buffer.removeAll(keepingCapacity: true)
                    buffer.append(NERFeatures.wordTransition(t.lower))
                    let (x, y) = score(buffer)
                    a.wordRows.append(x)
                    b.wordRows.append(y)
                }
                if let k = byShape[t.shape] {
                    a.shapeIndex[i] = k
                    continue
                }
                let k = Int32(byShape.count)
                byShape[t.shape] = k
                a.shapeIndex[i] = k
                for p in 0..<Viterbi.histories {
                    buffer.removeAll(keepingCapacity: true)
                    NERFeatures.appendTransition(p, shape: t.shape, to: &buffer)
                    let (x, y) = score(buffer)
                    a.rows.append(x)
                    b.rows.append(y)
                }
            }
        }
        b.shapeIndex = a.shapeIndex
        b.wordIndex = a.wordIndex
        return (a, b)
    }
}
