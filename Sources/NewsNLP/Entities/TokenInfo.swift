/// Per-token values the entity features are built from, computed once per token.
struct TokenInfo {
    var word: UInt64 = 0
    var lower: UInt64 = 0
    var shape: UInt64 = 0
    var shapeLong: UInt64 = 0
    var prefix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var suffix: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    var flags: UInt32 = 0
    var gazetteer: UInt32 = 0

    static let initCap: UInt32 = 1 << 0
    static let allCaps: UInt32 = 1 << 1
    static let allLower: UInt32 = 1 << 2
    static let mixedCaps: UInt32 = 1 << 3
    static let hasDigit: UInt32 = 1 << 4
    static let allDigit: UInt32 = 1 << 5
    static let hasHyphen: UInt32 = 1 << 6
    static let hasPeriod: UInt32 = 1 << 7
    static let punctuation: UInt32 = 1 << 8
    static let initial: UInt32 = 1 << 9
    static let hasApostrophe: UInt32 = 1 << 10
    static let lengthShift: UInt32 = 12

    var isCapitalized: Bool { flags & Self.initCap != 0 }

    /// Computes a token's values from its scalars.
    init(_ s: [Unicode.Scalar], _ r: Range<Int>) {
        var w = FeatureHash.basis
        var l = FeatureHash.basis
        var sh = FeatureHash.basis
        var shl = FeatureHash.basis
        var lastShape: UInt32 = 0
        var upper = 0
        var lowerCount = 0
        var digits = 0
        var letters = 0
        var f: UInt32 = 0
        var k = 0
        for idx in r {
            let c = s[idx]
            let lc = ScalarClass.lower(c)
            w = FeatureHash.add(w, c.value)
            l = FeatureHash.add(l, lc.value)
            let code: UInt32
            if ScalarClass.isUpper(c) {
                code = 88
                upper += 1
                letters += 1
            } else if ScalarClass.isLower(c) {
                code = 120
                lowerCount += 1
                letters += 1
            } else if ScalarClass.isDigit(c) {
                code = 100
                digits += 1
            } else if ScalarClass.isLetter(c) {
                code = 97
                letters += 1
            } else {
                code = c.value
                if c == "-" { f |= Self.hasHyphen }
                if c == "." { f |= Self.hasPeriod }
                if ScalarClass.isApostrophe(c) { f |= Self.hasApostrophe }
            }
            if code != lastShape { sh = FeatureHash.add(sh, code) }
            lastShape = code
            if k < 8 { shl = FeatureHash.add(shl, code) }
            if k < 4 {
                switch k {
                case 0: prefix.0 = l
                case 1: prefix.1 = l
                case 2: prefix.2 = l
                default: prefix.3 = l
                }
            }
            k += 1
        }
        var h = FeatureHash.basis
        var n = 0
        for idx in r.reversed() {
            h = FeatureHash.add(h, ScalarClass.lower(s[idx]).value)
            n += 1
            switch n {
            case 1: suffix.0 = h
            case 2: suffix.1 = h
            case 3: suffix.2 = h
            case 4: suffix.3 = h
            default: break
            }
            if n == 4 { break }
        }
        if letters > 0 && ScalarClass.isUpper(s[r.lowerBound]) { f |= Self.initCap }
        if letters > 0 && upper == letters { f |= Self.allCaps }
        if letters > 0 && lowerCount == letters { f |= Self.allLower }
        if upper > 0 && lowerCount > 0 && !ScalarClass.isUpper(s[r.lowerBound]) { f |= Self.mixedCaps }
        if upper > 1 && lowerCount > 0 { f |= Self.mixedCaps }
        if digits > 0 { f |= Self.hasDigit }
        if digits == r.count { f |= Self.allDigit }
        if letters == 0 && digits == 0 { f |= Self.punctuation }
        if r.count == 2 && upper == 1 && s[r.lowerBound + 1] == "." { f |= Self.initial }
        let lengthBucket: UInt32 = r.count <= 4 ? UInt32(r.count) : (r.count <= 7 ? 5 : 6)
        f |= lengthBucket << Self.lengthShift
        word = w
        lower = l
        shape = sh
        shapeLong = shl
        flags = f
    }
}
