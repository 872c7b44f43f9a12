/// Extractive, news-aware summarization.
///
/// Sentences are scored by position (news puts the point first), overlap with the title, the
/// salience of the entities they mention and their centrality (words the article repeats); the
/// best are taken greedily, skipping near-duplicates, and returned in document order. Captions,
/// bylines, subheadings, boilerplate and fragments are never chosen, and a leading dateline is cut.
public struct Summarizer: Sendable {
    /// How long a summary should be.
    public enum Length: Sendable {
        /// A number of sentences.
        case sentences(Int)
        /// A fraction of the usable sentences (at least one).
        case ratio(Double)
    }

    /// Scoring weights (tuned on aeb-dev; see docs/nlp.md).
    public struct Weights: Sendable {
        /// Weight of 1 / (1 + rank among usable sentences).
        public var position = 1.0
        /// Weight of the share of title words the sentence contains.
        public var title = 0.5
        /// Weight of the summed salience of mentioned entities (normalized).
        public var entities = 0.5
        /// Weight of centrality (normalized).
        public var centrality = 0.2
        /// Largest content-word Jaccard overlap allowed with an already chosen sentence.
        public var redundancy = 0.5
        /// Default weights.
        public init() {}
    }

    /// The scoring weights.
    public var weights: Weights

    /// Creates a summarizer with the default weights.
    public init() { weights = Weights() }

    /// Creates a summarizer with custom weights.
    public init(weights: Weights) { self.weights = weights }

    private let tokenizer = Tokenizer()
    private let splitter = SentenceSplitter()

    struct Candidate {
        var range: Range<Int>
        var tokens: Range<Int>
        var words: Int
        var keys: [UInt64]
        var rejection: String?
        /// Whether it opens with a quotation mark (direct quotes summarize poorly).
        var quoted = false
        var score = 0.0
    }

    /// Summarizes an article body.
    /// - Parameters:
    ///   - title: The article title, if known.
    ///   - body: The article body only (paragraphs separated by blank lines).
    ///   - entities: Entities of the article (from ``EntityExtractor``), used by name.
    ///   - length: How many sentences to return.
    /// - Returns: The chosen sentences in document order, with offsets into `body`.
    public func summarize(
        title: String?,
        body: String,
        entities: [ExtractedEntity],
        length: Length
    ) -> [SummarySentence] {
        let s = Array(body.unicodeScalars)
        var candidates = self.candidates(s)
        let usable = candidates.indices.filter { candidates[$0].rejection == nil }
        guard !usable.isEmpty else { return [] }
        score(&candidates, usable, title: title, entities: entities)
        let k: Int
        switch length {
        case .sentences(let n): k = max(0, n)
        case .ratio(let r): k = max(1, Int((r * Double(usable.count)).rounded()))
        }
        var chosen: [Int] = []
        let ranked = usable.sorted {
            candidates[$0].score != candidates[$1].score ? candidates[$0].score > candidates[$1].score : $0 < $1
        }
        for c in ranked where chosen.count < k {
            let keys = Set(candidates[c].keys)
            let redundant = chosen.contains { other in
                let o = Set(candidates[other].keys)
                let union = keys.union(o).count
                return union > 0 && Double(keys.intersection(o).count) / Double(union) > weights.redundancy
            }
            if !redundant { chosen.append(c) }
        }
        return chosen.sorted().map {
            SummarySentence(text: Tokenizer.string(s, candidates[$0].range), range: candidates[$0].range)
        }
    }

    /// Sentences with their exclusion reason, dateline cut.
    func candidates(_ s: [Unicode.Scalar]) -> [Candidate] {
        let tokens = tokenizer.ranges(in: s)
        let sentences = splitter.sentences(s, tokens)
        var out: [Candidate] = []
        out.reserveCapacity(sentences.count)
        for sentence in sentences {
            var r = sentence.range
            var t = sentence.tokens
            let dateline = SentenceFilter.datelineLength(s, r)
            if dateline > 0 {
                r = (r.lowerBound + dateline)..<r.upperBound
                while t.lowerBound < t.upperBound && tokens[t.lowerBound].lowerBound < r.lowerBound {
                    t = (t.lowerBound + 1)..<t.upperBound
                }
            }
            var words = 0
            for i in t where ScalarClass.isAlnum(s[tokens[i].lowerBound]) { words += 1 }
            let rejection = SentenceFilter.rejection(
                s,
                tokens,
                tokens: t,
                range: r,
                wholeLine: wholeLine(s, sentence.range),
                words: words
            )
            let quoted = !r.isEmpty && "\"\u{201C}\u{2018}'".unicodeScalars.contains(s[r.lowerBound])
            out.append(
                Candidate(
                    range: r,
                    tokens: t,
                    words: words,
                    keys: ContentWords.of(s, tokens[t]),
                    rejection: rejection,
                    quoted: quoted
                )
            )
        }
        return out
    }

    private func wholeLine(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Bool {
        var i = r.lowerBound - 1
        while i >= 0 && (s[i] == " " || s[i] == "\t") { i -= 1 }
        guard i < 0 || ScalarClass.isNewline(s[i]) else { return false }
        var j = r.upperBound
        while j < s.count && (s[j] == " " || s[j] == "\t") { j += 1 }
        return j == s.count || ScalarClass.isNewline(s[j])
    }

    private func score(_ c: inout [Candidate], _ usable: [Int], title: String?, entities: [ExtractedEntity]) {
        let titleKeys = Set(title.map { ContentWords.of($0) } ?? [])
        var frequency = KeyTable(capacity: usable.reduce(0) { $0 + c[$1].keys.count })
        for i in usable { for k in c[i].keys { frequency[k] += 1 } }
        var entityKeys: [UInt64: Double] = [:]
        for e in entities.prefix(12) {
            for name in [e.canonicalName] + e.aliases {
                if let last = ContentWords.of(name).last { entityKeys[last] = max(entityKeys[last] ?? 0, e.salience) }
            }
        }
        var central = Array(repeating: 0.0, count: c.count)
        var entity = Array(repeating: 0.0, count: c.count)
        for i in usable {
            let keys = c[i].keys
            central[i] =
                Double(keys.reduce(0) { $0 + Int(frequency[$1]) - 1 }) / Double(max(8, keys.count)).squareRoot()
            entity[i] = Set(keys).reduce(0) { $0 + (entityKeys[$1] ?? 0) }
        }
        let maxCentral = max(1e-9, central.max() ?? 0)
        let maxEntity = max(1e-9, entity.max() ?? 0)
        for (rank, i) in usable.enumerated() {
            let keys = Set(c[i].keys)
            let titleShare =
                titleKeys.isEmpty ? 0 : Double(keys.intersection(titleKeys).count) / Double(titleKeys.count)
            var score =
                weights.position / Double(1 + rank) + weights.title * titleShare
                + weights.entities * entity[i] / maxEntity + weights.centrality * central[i] / maxCentral
            if c[i].words < 8 { score -= 0.3 }
            if c[i].quoted { score -= 0.2 }
            if c[i].words > 60 { score -= 0.3 }
            c[i].score = score
        }
    }
}
