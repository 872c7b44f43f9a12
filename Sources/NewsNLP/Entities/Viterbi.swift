/// First-order Viterbi decoding over the tag set under the IOB2 constraint.
enum Viterbi {
    /// Previous-tag values: the tags, then ``TagSet/start``.
    static let histories = TagSet.count + 1

    /// Per previous tag: 0 for the tags allowed after it, −∞ for the others (and unused lanes).
    static let penalty: [SIMD16<Float>] = (0..<histories).map { p in
        var v = SIMD16<Float>(repeating: -.infinity)
        for t in 0..<TagSet.count where TagSet.allowed(t, after: p) { v[t] = 0 }
        return v
    }

    /// The best tag sequence for `n` tokens.
    /// - Parameters:
    ///   - n: Number of tokens.
    ///   - emission: Tag scores of token `i` that do not depend on the previous tag.
    ///   - transition: Tag scores of token `i` given previous tag `p` (`p` = ``TagSet/start`` for the first token).
    @inline(__always)
    static func decode(
        _ n: Int,
        emission: (Int) -> SIMD16<Float>,
        transition: (Int, Int) -> SIMD16<Float>
    ) -> [Int] {
        guard n > 0 else { return [] }
        var back = Array(repeating: SIMD16<Int32>.zero, count: n)
        var delta = emission(0) + transition(0, TagSet.start) + penalty[TagSet.start]
        for i in 1..<n {
            let e = emission(i)
            var next = SIMD16<Float>(repeating: -.infinity)
            var from = SIMD16<Int32>.zero
            for p in 0..<TagSet.count where delta[p] > -.infinity {
                let candidate = e + transition(i, p) + penalty[p] + SIMD16(repeating: delta[p])
                let better = candidate .> next
                next.replace(with: candidate, where: better)
                from.replace(with: Int32(p), where: better)
            }
            back[i] = from
            delta = next
        }
        var best = 0
        for t in 1..<TagSet.count where delta[t] > delta[best] { best = t }
        var path = Array(repeating: 0, count: n)
        path[n - 1] = best
        var i = n - 1
        while i > 0 {
            path[i - 1] = Int(back[i][path[i]])
            i -= 1
        }
        return path
    }
}
