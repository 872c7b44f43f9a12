/// Content words of a text span as hashes of their first six lowercase letters (a cheap stem),
/// without stop words.
enum ContentWords {
    private static let stopWords = KeyTable(
        ("the a an and or but of to in on at for with by from as is are was were be been being has have had "
            + "it its this that these those he she they we you i his her their our your my him them us not no "
            + "will would can could should may might must do does did said says say also about after before "
            + "into over than then there here what which who whom when where why how all any some more most "
            + "such only other new one two just like up out if so very year years mr mrs ms").split(separator: " ")
            .map { key(Array(String($0).unicodeScalars), 0..<$0.unicodeScalars.count) }
    )

    @inline(__always)
    static func key(_ s: [Unicode.Scalar], _ r: Range<Int>) -> UInt64 {
        var h = FeatureHash.basis
        for i in r.prefix(6) { h = FeatureHash.add(h, ScalarClass.lower(s[i]).value) }
        return h
    }

    /// Content word keys of the tokens in `tokens` (ranges into `s`).
    static func of(_ s: [Unicode.Scalar], _ tokens: ArraySlice<Range<Int>>) -> [UInt64] {
        var out: [UInt64] = []
        out.reserveCapacity(tokens.count)
        for r in tokens where r.count >= 3 && ScalarClass.isLetter(s[r.lowerBound]) {
            let k = key(s, r)
            if !stopWords.contains(k) { out.append(k) }
        }
        return out
    }

    /// Content word keys of a string.
    static func of(_ text: String) -> [UInt64] {
        let s = Array(text.unicodeScalars)
        return of(s, Tokenizer().ranges(in: s)[...])
    }
}
