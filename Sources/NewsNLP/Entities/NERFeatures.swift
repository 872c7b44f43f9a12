/// Feature templates of the entity tagger: lexical, shape, context and gazetteer features of a
/// token (static), the previous tag (transition), and document-level evidence (non-local).
enum NERFeatures {
    private static let none: UInt64 = 0x5EED
    private static let boundary: UInt64 = 0xB0B

    /// Appends the features of token `i` that do not depend on predicted tags.
    static func appendStatic(_ d: TaggingDocument, sentence s: Int, token i: Int, to f: inout [UInt64]) {
        let r = d.sentences[s]
        let t = d.infos[i]
        @inline(__always) func lower(_ k: Int) -> UInt64 { r.contains(k) ? d.infos[k].lower : boundary }
        @inline(__always) func shape(_ k: Int) -> UInt64 { r.contains(k) ? d.infos[k].shape : boundary }
        let p1 = lower(i - 1)
        let n1 = lower(i + 1)
        f.append(FeatureHash.feature(1, 0))
        f.append(FeatureHash.feature(2, t.word))
        f.append(FeatureHash.feature(3, t.lower))
        f.append(FeatureHash.feature(4, t.shape))
        f.append(FeatureHash.feature(5, t.shapeLong))
        f.append(FeatureHash.feature(6, t.prefix.0))
        f.append(FeatureHash.feature(7, t.prefix.1))
        f.append(FeatureHash.feature(8, t.prefix.2))
        f.append(FeatureHash.feature(9, t.prefix.3))
        f.append(FeatureHash.feature(10, t.suffix.0))
        f.append(FeatureHash.feature(11, t.suffix.1))
        f.append(FeatureHash.feature(12, t.suffix.2))
        f.append(FeatureHash.feature(13, t.suffix.3))
        var bits = t.flags
        while bits != 0 {
            let b = UInt64(bits.trailingZeroBitCount)
            bits &= bits - 1
            f.append(FeatureHash.feature(14, b))
        }
        f.append(
            FeatureHash.feature(
                15,
                UInt64(t.flags >> TokenInfo.lengthShift),
                t.flags & 0x3FF == 0 ? 0 : UInt64(t.flags & 0x3FF)
            )
        )
        f.append(FeatureHash.feature(16, p1))
        f.append(FeatureHash.feature(17, n1))
        f.append(FeatureHash.feature(18, lower(i - 2)))
        f.append(FeatureHash.feature(19, lower(i + 2)))
        f.append(FeatureHash.feature(20, p1, t.lower))
        f.append(FeatureHash.feature(21, t.lower, n1))
        let sp = shape(i - 1)
        let sn = shape(i + 1)
        f.append(FeatureHash.feature(22, sp, t.shape))
        f.append(FeatureHash.feature(23, t.shape, sn))
        f.append(FeatureHash.feature(24, sp, t.shape, sn))
        f.append(FeatureHash.feature(25, p1, t.shape))
        f.append(FeatureHash.feature(26, t.shape, n1))
        f.append(FeatureHash.feature(27, r.contains(i - 1) ? d.infos[i - 1].word : boundary))
        f.append(FeatureHash.feature(28, r.contains(i + 1) ? d.infos[i + 1].word : boundary))
        appendGazetteer(t.gazetteer, 30, to: &f)
        if r.contains(i - 1) { appendGazetteer(d.infos[i - 1].gazetteer, 31, to: &f) }
        if r.contains(i + 1) { appendGazetteer(d.infos[i + 1].gazetteer, 32, to: &f) }
        if i == r.lowerBound { f.append(FeatureHash.feature(33, t.lower)) }
        if d.headline[s] {
            f.append(FeatureHash.feature(34, t.lower))
            f.append(FeatureHash.feature(35, t.shape))
        }
        f.append(FeatureHash.feature(36, p1, lower(i - 2)))
        f.append(FeatureHash.feature(37, n1, lower(i + 2)))
        f.append(FeatureHash.feature(38, r.count <= 3 ? UInt64(r.count) : 4, t.shape))
        if r.contains(i - 1) { f.append(FeatureHash.feature(60, d.infos[i - 1].suffix.2)) }
        if r.contains(i + 1) { f.append(FeatureHash.feature(61, d.infos[i + 1].suffix.2)) }
        f.append(FeatureHash.feature(62, t.prefix.2, t.suffix.2))
        if r.contains(i - 1) {
            f.append(FeatureHash.feature(63, d.infos[i - 1].prefix.2))
            f.append(FeatureHash.feature(64, d.infos[i - 1].word, t.word))
        }
        if r.contains(i + 1) { f.append(FeatureHash.feature(65, d.infos[i + 1].prefix.2)) }
        f.append(FeatureHash.feature(66, shape(i - 2), shape(i + 2)))
        f.append(FeatureHash.feature(67, p1, n1))
        if r.contains(i + 1) { f.append(FeatureHash.feature(68, t.word, d.infos[i + 1].word)) }
        if r.contains(i - 2) { f.append(FeatureHash.feature(69, d.infos[i - 2].suffix.2)) }
        if r.contains(i + 2) { f.append(FeatureHash.feature(70, d.infos[i + 2].suffix.2)) }
        if t.gazetteer != 0 { f.append(FeatureHash.feature(71, UInt64(t.gazetteer), t.shape)) }
        if let contexts = d.contexts { f.append(contentsOf: contexts.features(i)) }
    }

    private static func appendGazetteer(_ g: UInt32, _ template: UInt64, to f: inout [UInt64]) {
        var bits = g
        while bits != 0 {
            let b = UInt64(bits.trailingZeroBitCount)
            bits &= bits - 1
            f.append(FeatureHash.feature(template, b))
        }
        if g != 0 { f.append(FeatureHash.feature(template + 100, UInt64(g))) }
    }

    /// The most features ``appendTransition(_:previous:to:)`` appends.
    static let transitionCount = 3

    /// Appends the features of a token that depend on the previous tag (`TagSet.start` at a
    /// sentence's first token): the tag alone and with the token's shape, and, after a name's
    /// token, the token's lowercase word. (The previous tag with the word, for every previous tag,
    /// scored no better on valid and took a third of the tagging speed.)
    @inline(__always)
    static func appendTransition(_ t: TokenInfo, previous: Int, to f: inout [UInt64]) {
        appendTransition(previous, shape: t.shape, to: &f)
        if wordClass(previous) != 0 { f.append(wordTransition(t.lower)) }
    }

    /// Classes of previous tags for ``wordTransition(_:)``: 0 (no feature) after O or at a
    /// sentence's start, 1 after a name's token.
    static let wordClasses = 2

    @inline(__always)
    static func wordClass(_ previous: Int) -> Int { previous != 0 && previous != TagSet.start ? 1 : 0 }

    /// The transition feature of a lowercase word after a name's token.
    @inline(__always)
    static func wordTransition(_ lower: UInt64) -> UInt64 { FeatureHash.feature(42, 1, lower) }

    /// Appends the transition features of a previous tag and a token's shape.
    @inline(__always)
    static func appendTransition(_ previous: Int, shape: UInt64, to f: inout [UInt64]) {
        f.append(FeatureHash.feature(40, UInt64(previous)))
        f.append(FeatureHash.feature(43, UInt64(previous), shape))
    }
}
