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

    /// Tags every token of `d`, returning IOB2 tag ids.
    func tag(_ d: TaggingDocument, window: Int? = nil) -> [Int] {
        let (first, second) = staticScores(d)
        if let paired {
            let tags = Self.decode(paired.stage(0), d, stage1: nil, evidence: nil, staticScores: first)
            let ev = Self.evidence(d, tags, window: window ?? self.window)
            return Self.decode(paired.stage(1), d, stage1: tags, evidence: ev, staticScores: second)
        }
        var tags = Self.decode(stages[0], d, stage1: nil, evidence: nil, staticScores: first)
        if stages.count > 1 {
            let ev = Self.evidence(d, tags, window: window ?? self.window)
            tags = Self.decode(stages[1], d, stage1: tags, evidence: ev, staticScores: second)
        }
        return tags
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

    static func decode(
        _ m: some WeightScoring,
        _ d: TaggingDocument,
        stage1: [Int]?,
        evidence: [SIMD8<Int32>]?,
        only: Range<Int>? = nil,
        into existing: [Int]? = nil,
        staticScores: [SIMD16<Float>]? = nil
    ) -> [Int] {
        var tags = existing ?? Array(repeating: 0, count: d.infos.count)
        var buffer: [UInt64] = []
        buffer.reserveCapacity(96)
        for s in only ?? d.sentences.indices {
            let r = d.sentences[s]
            var prev1 = TagSet.start
            var prev2 = TagSet.start
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
                NERFeatures.appendDynamic(d.infos[i], prev1: prev1, prev2: prev2, to: &buffer)
                scores += m.score(buffer[...])
                let t = TagModel.best(scores, after: prev1)
                tags[i] = t
                prev2 = prev1
                prev1 = t
            }
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
