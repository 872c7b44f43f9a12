/// Trains one tagging stage: a greedy left-to-right averaged perceptron over hashed features,
/// decoding with its own predicted history during training, shuffled with a fixed seed.
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
    ///   - infos: Per-token values (for the dynamic features).
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
        var dynamic: [Int32] = []
        for epoch in 1...max(1, epochs) {
            order.shuffle(using: &rng)
            var correct = 0
            for s in order {
                var prev1 = TagSet.start
                var prev2 = TagSet.start
                for k in 0..<sentences[s].tokens.count {
                    let p = starts[s] + k
                    let i = tokenOrder[p]
                    buffer.removeAll(keepingCapacity: true)
                    NERFeatures.appendDynamic(infos[i], prev1: prev1, prev2: prev2, to: &buffer)
                    dynamic.removeAll(keepingCapacity: true)
                    for h in buffer { dynamic.append(intern(h)) }
                    var scores = SIMD16<Float>.zero
                    for j in offsets[p]..<offsets[p + 1] { scores += w[Int(staticRows[j])] }
                    for r in dynamic { scores += w[Int(r)] }
                    let guess = TagModel.best(scores, after: prev1)
                    let truth = gold[i]
                    if guess == truth {
                        correct += 1
                    } else {
                        for j in offsets[p]..<offsets[p + 1] { update(Int(staticRows[j]), truth, guess) }
                        for r in dynamic { update(Int(r), truth, guess) }
                    }
                    clock += 1
                    prev2 = prev1
                    prev1 = guess
                }
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
