/// ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 computed as Google's `rouge-score` package computes them
/// with `use_stemmer=True`: lowercase, non-alphanumerics as spaces, Porter stemming of tokens longer
/// than three characters; ROUGE-Lsum takes sentences from newlines and unions the LCS hits.
public struct Rouge: Sendable {
    /// Precision, recall and F1 of one measure.
    public struct Score: Sendable, Hashable {
        /// Matched units over candidate units.
        public var precision: Double
        /// Matched units over reference units.
        public var recall: Double
        /// The harmonic mean of precision and recall.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// The three measures for one candidate/reference pair.
    public struct Scores: Sendable, Hashable {
        /// Unigram overlap.
        public var rouge1: Score
        /// Bigram overlap.
        public var rouge2: Score
        /// Summary-level longest common subsequence over newline-separated sentences.
        public var rougeLsum: Score
    }

    private let stemmer = PorterStemmer()

    /// Creates a scorer.
    public init() {}

    /// Tokenizes like `rouge_score.tokenize.tokenize` with a stemmer.
    public func tokens(_ text: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        func flush() {
            guard !current.isEmpty else { return }
            let word = String(decoding: current, as: UTF8.self)
            out.append(current.count > 3 ? stemmer.stem(word) : word)
            current.removeAll(keepingCapacity: true)
        }
        for u in text.unicodeScalars {
            let v = u.value
            if v >= 0x41 && v <= 0x5A {
                current.append(UInt8(v + 32))
            } else if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) {
                current.append(UInt8(v))
            } else if u.properties.changesWhenLowercased, let l = u.properties.lowercaseMapping.unicodeScalars.first,
                l.value >= 0x61 && l.value <= 0x7A
            {
                current.append(UInt8(l.value))  // e.g. the Kelvin sign lowercases to "k"
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    /// Scores a candidate against a reference (sentences separated by newlines for ROUGE-Lsum).
    public func score(candidate: String, reference: String) -> Scores {
        let c = tokens(candidate)
        let r = tokens(reference)
        return Scores(
            rouge1: Self.ngram(c, r, 1),
            rouge2: Self.ngram(c, r, 2),
            rougeLsum: lsum(candidate: lines(candidate), reference: lines(reference))
        )
    }

    private func lines(_ text: String) -> [[String]] {
        text.split(separator: "\n").map { tokens(String($0)) }.filter { !$0.isEmpty }
    }

    static func ngram(_ c: [String], _ r: [String], _ n: Int) -> Score {
        func counts(_ t: [String]) -> [[String]: Int] {
            var out: [[String]: Int] = [:]
            if t.count >= n { for i in 0...(t.count - n) { out[Array(t[i..<(i + n)]), default: 0] += 1 } }
            return out
        }
        let cc = counts(c)
        let rc = counts(r)
        let overlap = rc.reduce(0) { $0 + min($1.value, cc[$1.key] ?? 0) }
        let cTotal = cc.values.reduce(0, +)
        let rTotal = rc.values.reduce(0, +)
        return Score(
            precision: cTotal == 0 ? 0 : Double(overlap) / Double(cTotal),
            recall: rTotal == 0 ? 0 : Double(overlap) / Double(rTotal)
        )
    }

    /// Indices into `ref` of one LCS with `can`, backtracked as rouge-score does.
    static func lcsIndices(_ ref: [String], _ can: [String]) -> [Int] {
        let m = ref.count
        let n = can.count
        var t = Array(repeating: Array(repeating: 0, count: n + 1), count: m + 1)
        for i in stride(from: 1, through: m, by: 1) {
            for j in stride(from: 1, through: n, by: 1) {
                t[i][j] = ref[i - 1] == can[j - 1] ? t[i - 1][j - 1] + 1 : max(t[i - 1][j], t[i][j - 1])
            }
        }
        var i = m
        var j = n
        var out: [Int] = []
        while i > 0 && j > 0 {
            if ref[i - 1] == can[j - 1] {
                out.append(i - 1)
                i -= 1
                j -= 1
            } else if t[i][j - 1] > t[i - 1][j] {
                j -= 1
            } else {
                i -= 1
            }
        }
        return out.reversed()
    }

    private func lsum(candidate: [[String]], reference: [[String]]) -> Score {
        let m = reference.reduce(0) { $0 + $1.count }
        let n = candidate.reduce(0) { $0 + $1.count }
        guard m > 0, n > 0 else { return Score(precision: 0, recall: 0) }
        var refCounts: [String: Int] = [:]
        var canCounts: [String: Int] = [:]
        for s in reference { for t in s { refCounts[t, default: 0] += 1 } }
        for s in candidate { for t in s { canCounts[t, default: 0] += 1 } }
        var hits = 0
        for r in reference {
            var union = Set<Int>()
            for c in candidate { union.formUnion(Self.lcsIndices(r, c)) }
            for i in union.sorted() {
                let token = r[i]
                if canCounts[token, default: 0] > 0 && refCounts[token, default: 0] > 0 {
                    hits += 1
                    canCounts[token]! -= 1
                    refCounts[token]! -= 1
                }
            }
        }
        return Score(precision: Double(hits) / Double(n), recall: Double(hits) / Double(m))
    }
}
