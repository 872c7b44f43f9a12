/// Tags a document in one or two stages. Stage 1 uses local features; stage 2 adds document
/// evidence: for each token, how stage 1 tagged the same word elsewhere in the document (or in a
/// window of nearby sentences), plus stage 1's own tags around it.
struct NERTagger: Sendable {
    /// The stages as separate tables (training); empty when `paired` holds them (a loaded model).
    var stages: [TagModel]
    /// Sentences on each side that count as the same document for stage 2 (articles use all).
    var window: Int
    /// Names seen in training: phrase hash → gazetteer kind bits (see ``Gazetteer/lexiconBase``).
    var lexicon: [UInt64: UInt32] = [:]
    var lexiconMaxLength = 1
    /// Both stages' weights in one table (built when a two-stage model is loaded).
    var paired: PairedTable?

    var stageCount: Int { paired == nil ? stages.count : 2 }

    /// Tags every token of `document`, returning IOB2 tag ids.
    func tag(_ document: TaggingDocument, window: Int? = nil) -> [Int] {
        var d = document
        d.contexts = ContextAggregate(d, window: window ?? self.window)
        let (first, second) = staticScores(d)
        if let paired {
            let (moves1, moves2) = TransitionScores.of(d, paired)
            let tags = Self.decode(
                paired.stage(0),
                d,
                stage1: nil,
                evidence: nil,
                staticScores: first,
                transitions: moves1
            )
            let ev = Self.evidence(d, tags, window: window ?? self.window)
            var out = Self.decode(
                paired.stage(1),
                d,
                stage1: tags,
                evidence: ev,
                staticScores: second,
                transitions: moves2
            )
            Self.trimLowercaseEnds(d, &out)
            return out
        }
        var tags = Self.decode(stages[0], d, stage1: nil, evidence: nil, staticScores: first)
        if stages.count > 1 {
            let ev = Self.evidence(d, tags, window: window ?? self.window)
            tags = Self.decode(stages[1], d, stage1: tags, evidence: ev, staticScores: second)
        }
        Self.trimLowercaseEnds(d, &tags)
        return tags
    }

    /// Drops lowercase words from the end of multi-word names (`Red Crescent vehicles` →
    /// `Red Crescent`): a first-order model cannot see that a lowercase word inside a name
    /// (`Bank of England`) needs a capitalised word after it. Only 33 of CoNLL's 23,499
    /// training names end in a lowercase word.
    static func trimLowercaseEnds(_ d: TaggingDocument, _ tags: inout [Int]) {
        for r in d.sentences {
            var i = r.upperBound - 1
            while i > r.lowerBound {
                if TagSet.isInside(tags[i]) && (i + 1 == r.upperBound || !TagSet.isInside(tags[i + 1]))
                    && d.infos[i].flags & TokenInfo.allLower != 0
                {
                    tags[i] = 0
                }
                i -= 1
            }
        }
    }

    /// Per token, the scores of its static features under stage 1 and stage 2 (computed once).
    func staticScores(_ d: TaggingDocument) -> ([SIMD16<Float>], [SIMD16<Float>]) {
        var first = Array(repeating: SIMD16<Float>.zero, count: d.infos.count)
        var second = stageCount > 1 ? first : []
        var buffer: [UInt64] = []
        buffer.reserveCapacity(96)
        for (s, r) in d.sentences.enumerated() {
            for i in r {
                buffer.removeAll(keepingCapacity: true)
                NERFeatures.appendStatic(d, sentence: s, token: i, to: &buffer)
                if let paired {
                    (first[i], second[i]) = paired.score(buffer)
                } else {
                    first[i] = stages[0].score(buffer[...])
                    if stages.count > 1 { second[i] = stages[1].score(buffer[...]) }
                }
            }
        }
        return (first, second)
    }

    /// Tags the sentences of `d` (all, or those in `only`) with one stage by Viterbi decoding:
    /// static (or precomputed `staticScores`) and non-local features score each tag, transition
    /// features score it after each previous tag.
    static func decode(
        _ m: some WeightScoring,
        _ d: TaggingDocument,
        stage1: [Int]?,
        evidence: [SIMD8<Int32>]?,
        only: Range<Int>? = nil,
        into existing: [Int]? = nil,
        staticScores: [SIMD16<Float>]? = nil,
        transitions: TransitionScores? = nil
    ) -> [Int] {
        var tags = existing ?? Array(repeating: 0, count: d.infos.count)
        var buffer: [UInt64] = []
        buffer.reserveCapacity(96)
        let moves = transitions ?? TransitionScores.of(d, m)
        var base: [SIMD16<Float>] = []
        for s in only ?? d.sentences.indices {
            let r = d.sentences[s]
            base.removeAll(keepingCapacity: true)
            for i in r {
                buffer.removeAll(keepingCapacity: true)
                var scores = SIMD16<Float>.zero
                if let staticScores {
                    scores = staticScores[i]
                } else {
                    NERFeatures.appendStatic(d, sentence: s, token: i, to: &buffer)
                }
                if let stage1, let evidence {
                    appendNonLocal(d, sentence: s, token: i, stage1: stage1, evidence: evidence, to: &buffer)
                }
                base.append(scores + m.score(buffer[...]))
            }
            let path = Viterbi.decode(
                r.count,
                emission: { base[$0] },
                transition: { k, p in moves.score(r.lowerBound + k, after: p) }
            )
            for (k, t) in path.enumerated() { tags[r.lowerBound + k] = t }
        }
        return tags
    }

    // MARK: - Document evidence

    /// Evidence slot of one token: 1...4 entity type; else 0 lowercase, 5 capitalised, 6 capitalised sentence-initial.
    @inline(__always)
    private static func slot(_ d: TaggingDocument, _ i: Int, _ tags: [Int], initial: Bool) -> Int {
        if tags[i] != 0 { return TagSet.type(tags[i]) }
        if d.infos[i].flags & (TokenInfo.initCap | TokenInfo.allCaps) == 0 { return 0 }
        return initial ? 6 : 5
    }

    /// Per token: how often its lowercase form got each slot elsewhere in its window.
    static func evidence(_ d: TaggingDocument, _ tags: [Int], window: Int) -> [SIMD8<Int32>] {
        var counts: [UInt64: SIMD8<Int32>] = [:]
        var out = Array(repeating: SIMD8<Int32>.zero, count: d.infos.count)
        func apply(_ s: Int, _ sign: Int32) {
            let r = d.sentences[s]
            for i in r {
                var v = SIMD8<Int32>.zero
                v[slot(d, i, tags, initial: i == r.lowerBound)] = sign
                counts[d.infos[i].lower, default: .zero] &+= v
            }
        }
        let n = d.sentences.count
        var lo = 0
        var hi = -1
        for s in 0..<n {
            while hi < min(n - 1, s + window) {
                hi += 1
                apply(hi, 1)
            }
            while lo < s - window {
                apply(lo, -1)
                lo += 1
            }
            let r = d.sentences[s]
            for i in r {
                var own = SIMD8<Int32>.zero
                own[slot(d, i, tags, initial: i == r.lowerBound)] = 1
                out[i] = counts[d.infos[i].lower, default: .zero] &- own
            }
        }
        return out
    }

    static func appendNonLocal(
        _ d: TaggingDocument,
        sentence s: Int,
        token i: Int,
        stage1: [Int],
        evidence: [SIMD8<Int32>],
        to f: inout [UInt64]
    ) {
        let r = d.sentences[s]
        let c = evidence[i]
        var best = -1
        var bestCount: Int32 = 0
        for k in 0..<7 where c[k] > 0 {
            f.append(FeatureHash.feature(50, UInt64(k)))
            if c[k] > bestCount {
                best = k
                bestCount = c[k]
            }
        }
        if best >= 0 {
            f.append(FeatureHash.feature(51, UInt64(best)))
            f.append(FeatureHash.feature(52, UInt64(best), d.infos[i].shape))
            f.append(FeatureHash.feature(57, UInt64(best), UInt64(stage1[i])))
        }
        let t = UInt64(stage1[i])
        let p = r.contains(i - 1) ? UInt64(stage1[i - 1]) : 99
        let n = r.contains(i + 1) ? UInt64(stage1[i + 1]) : 99
        f.append(FeatureHash.feature(53, t))
        f.append(FeatureHash.feature(54, p, t))
        f.append(FeatureHash.feature(55, t, n))
        f.append(FeatureHash.feature(56, t, d.infos[i].lower))
        let before = r.contains(i - 1) ? majority(evidence[i - 1]) : 98
        let after = r.contains(i + 1) ? majority(evidence[i + 1]) : 98
        f.append(FeatureHash.feature(58, before, t))
        f.append(FeatureHash.feature(59, t, after))
    }

    @inline(__always)
    private static func majority(_ c: SIMD8<Int32>) -> UInt64 {
        var best: UInt64 = 99
        var bestCount: Int32 = 0
        for k in 0..<7 where c[k] > bestCount {
            best = UInt64(k)
            bestCount = c[k]
        }
        return best
    }
}
