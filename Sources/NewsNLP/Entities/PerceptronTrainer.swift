/// Trains one tagging stage: an averaged structured perceptron (Collins 2002) over hashed
/// features with first-order tag transitions, Viterbi-decoding each sentence with the current
/// weights and updating towards the gold sequence; sentences shuffled with a fixed seed.
struct PerceptronTrainer {
    private var index: [UInt64: Int32] = [:]
    private var keys: [UInt64] = []
    private var w: [SIMD16<Float>] = []
    private var u: [SIMD16<Float>] = []
    private var clock: Float = 1

    private mutating func intern(_ h: UInt64) -> Int32 {
        if let r = index[h] { return r }
        let r = Int32(keys.count)
        index[h] = r
        keys.append(h)
        w.append(.zero)
        u.append(.zero)
        return r
    }

    /// Trains on the tokens of `sentences` (token ranges), whose static features are produced by `features`.
    /// - Parameters:
    ///   - sentences: Token ranges to train on.
    ///   - infos: Per-token values (for the transition features).
    ///   - gold: Gold tag per token.
    ///   - epochs: Passes over the data.
    ///   - seed: Shuffling seed.
    ///   - features: Appends the static features of a (sentence, token) pair.
    ///   - progress: Called after each epoch with its number and training token accuracy.
    mutating func train(
        sentences: [(sentence: Int, tokens: Range<Int>)],
        infos: [TokenInfo],
        gold: [Int],
        epochs: Int,
        seed: UInt64,
        features: (Int, Int, inout [UInt64]) -> Void,
        progress: (Int, Double) -> Void
    ) {
        var offsets: [Int] = [0]
        var staticRows: [Int32] = []
        var buffer: [UInt64] = []
        var tokenOrder: [Int] = []
        for (s, r) in sentences {
            for i in r {
                buffer.removeAll(keepingCapacity: true)
                features(s, i, &buffer)
                for h in buffer { staticRows.append(intern(h)) }
                offsets.append(staticRows.count)
                tokenOrder.append(i)
            }
        }
        var starts: [Int] = []
        var position = 0
        for (_, r) in sentences {
            starts.append(position)
            position += r.count
        }
        var rng = SplitMix64(seed: seed)
        var order = Array(sentences.indices)
        let h = Viterbi.histories
        // Per token position and previous tag, the rows of its NERFeatures.transitionCount transition features.
        let per = NERFeatures.transitionCount
        var transitionRows: [Int32] = []
        transitionRows.reserveCapacity(tokenOrder.count * h * per)
        for (_, r) in sentences {
            for i in r {
                for p in 0..<h {
                    buffer.removeAll(keepingCapacity: true)
                    NERFeatures.appendTransition(infos[i], previous: p, to: &buffer)
                    for f in buffer { transitionRows.append(intern(f)) }
                    for _ in buffer.count..<per { transitionRows.append(-1) }  // padding
                }
            }
        }
        for epoch in 1...max(1, epochs) {
            order.shuffle(using: &rng)
            var correct = 0
            for s in order {
                let n = sentences[s].tokens.count
                let start = starts[s]
                let path = w.withUnsafeBufferPointer { w in
                    Viterbi.decode(
                        n,
                        emission: { k in
                            var total = SIMD16<Float>.zero
                            for j in offsets[start + k]..<offsets[start + k + 1] { total += w[Int(staticRows[j])] }
                            return total
                        },
                        transition: { k, p in
                            let base = ((start + k) * h + p) * per
                            var total = SIMD16<Float>.zero
                            for x in base..<(base + per) where transitionRows[x] >= 0 {
                                total += w[Int(transitionRows[x])]
                            }
                            return total
                        }
                    )
                }
                for k in 0..<n {
                    let pos = start + k
                    let truth = gold[tokenOrder[pos]]
                    let guess = path[k]
                    let truthPrev = k == 0 ? TagSet.start : gold[tokenOrder[pos - 1]]
                    let guessPrev = k == 0 ? TagSet.start : path[k - 1]
                    if truth == guess {
                        correct += 1
                    } else {
                        for j in offsets[pos]..<offsets[pos + 1] { update(Int(staticRows[j]), truth, guess) }
                    }
                    if truth != guess || truthPrev != guessPrev {
                        for x in 0..<per {
                            let t = transitionRows[(pos * h + truthPrev) * per + x]
                            let g = transitionRows[(pos * h + guessPrev) * per + x]
                            if t >= 0 { add(Int(t), truth, 1) }
                            if g >= 0 { add(Int(g), guess, -1) }
                        }
                    }
                }
                clock += 1
            }
            progress(epoch, Double(correct) / Double(max(1, tokenOrder.count)))
        }
    }

    @inline(__always)
    private mutating func update(_ r: Int, _ truth: Int, _ guess: Int) {
        w[r][truth] += 1
        w[r][guess] -= 1
        u[r][truth] += clock
        u[r][guess] -= clock
    }

    @inline(__always)
    private mutating func add(_ r: Int, _ tag: Int, _ delta: Float) {
        w[r][tag] += delta
        u[r][tag] += delta * clock
    }

    /// The averaged weights, dropping features whose largest absolute weight is below `threshold`.
    func averaged(threshold: Float) -> TagModel { TagModel(features: averagedRows(threshold: threshold)) }

    /// The averaged weight rows kept by ``averaged(threshold:)``.
    func averagedRows(threshold: Float) -> [(key: UInt64, weights: SIMD16<Float>)] {
        var kept: [(key: UInt64, weights: SIMD16<Float>)] = []
        for r in keys.indices {
            let avg = w[r] - u[r] / clock
            var largest: Float = 0
            for t in 0..<TagSet.count { largest = max(largest, abs(avg[t])) }
            if largest >= threshold && largest > 0 { kept.append((keys[r], avg)) }
        }
        return kept
    }

    var featureCount: Int { keys.count }
}
