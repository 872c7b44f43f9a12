/// The Porter stemmer in the variant that Google's `rouge-score` uses (NLTK's default mode,
/// "NLTK_EXTENSIONS"), for lowercase ASCII words.
public struct PorterStemmer: Sendable {
    /// Creates a stemmer.
    public init() {}

    private static let irregular: [String: String] = [
        "sky": "sky", "skies": "sky", "dying": "die", "lying": "lie", "tying": "tie", "news": "news",
        "innings": "inning", "inning": "inning", "outings": "outing", "outing": "outing",
        "cannings": "canning", "canning": "canning", "howe": "howe", "proceed": "proceed",
        "exceed": "exceed", "succeed": "succeed",
    ]

    /// Stems one lowercase word.
    public func stem(_ word: String) -> String {
        if let s = Self.irregular[word] { return s }
        guard word.utf8.count > 2 else { return word }
        var w = Array(word.utf8)
        w = step1a(w)
        w = step1b(w)
        w = step1c(w)
        w = step2(w)
        w = step3(w)
        w = step4(w)
        w = step5a(w)
        w = step5b(w)
        return String(decoding: w, as: UTF8.self)
    }

    // MARK: - Conditions

    private static func isVowel(_ c: UInt8) -> Bool { c == 97 || c == 101 || c == 105 || c == 111 || c == 117 }

    private static func consonants(_ w: ArraySlice<UInt8>) -> [Bool] {
        var flags: [Bool] = []
        flags.reserveCapacity(w.count)
        for c in w {
            if isVowel(c) {
                flags.append(false)
            } else if c == 121 {  // y
                flags.append(flags.isEmpty ? true : !flags[flags.count - 1])
            } else {
                flags.append(true)
            }
        }
        return flags
    }

    private static func measure(_ w: ArraySlice<UInt8>) -> Int {
        let f = consonants(w)
        var m = 0
        for i in f.indices.dropFirst() where !f[i - 1] && f[i] { m += 1 }
        return m
    }

    private static func containsVowel(_ w: ArraySlice<UInt8>) -> Bool { consonants(w).contains(false) }

    private static func endsDoubleConsonant(_ w: ArraySlice<UInt8>) -> Bool {
        w.count >= 2 && w[w.endIndex - 1] == w[w.endIndex - 2] && consonants(w).last == true
    }

    private static func endsCVC(_ w: ArraySlice<UInt8>) -> Bool {
        let f = consonants(w)
        let n = f.count
        if n >= 3 && f[n - 3] && !f[n - 2] && f[n - 1] {
            let last = w[w.endIndex - 1]
            return last != 119 && last != 120 && last != 121  // w x y
        }
        return n == 2 && !f[0] && f[1]
    }

    private static func ends(_ w: [UInt8], _ suffix: String) -> Bool {
        let s = Array(suffix.utf8)
        return w.count >= s.count && Array(w[(w.count - s.count)...]) == s
    }

    /// Applies the first rule whose suffix matches (conditions see the stem without the suffix).
    private func apply(_ w: [UInt8], _ rules: [(String, String, (ArraySlice<UInt8>) -> Bool)]) -> [UInt8] {
        for (suffix, replacement, condition) in rules where Self.ends(w, suffix) {
            let stem = w[..<(w.count - suffix.utf8.count)]
            return condition(stem) ? Array(stem) + Array(replacement.utf8) : w
        }
        return w
    }

    private static let positive: @Sendable (ArraySlice<UInt8>) -> Bool = { measure($0) > 0 }
    private static let greaterThanOne: @Sendable (ArraySlice<UInt8>) -> Bool = { measure($0) > 1 }

    // MARK: - Steps

    private func step1a(_ w: [UInt8]) -> [UInt8] {
        if w.count == 4 && Self.ends(w, "ies") { return Array(w.dropLast()) }
        return apply(
            w,
            [
                ("sses", "ss", { _ in true }), ("ies", "i", { _ in true }), ("ss", "ss", { _ in true }),
                ("s", "", { _ in true }),
            ]
        )
    }

    private func step1b(_ w: [UInt8]) -> [UInt8] {
        if Self.ends(w, "ied") { return Array(w.dropLast(3)) + Array((w.count == 4 ? "ie" : "i").utf8) }
        if Self.ends(w, "eed") {
            let stem = w.dropLast(3)
            return Self.measure(stem) > 0 ? Array(stem) + [101, 101] : w
        }
        var stem: [UInt8]? = nil
        for suffix in ["ed", "ing"] where Self.ends(w, suffix) {
            let s = w.dropLast(suffix.utf8.count)
            if Self.containsVowel(s) {
                stem = Array(s)
                break
            }
        }
        guard let s = stem else { return w }
        if Self.ends(s, "at") || Self.ends(s, "bl") || Self.ends(s, "iz") { return s + [101] }
        if Self.endsDoubleConsonant(s[...]) {
            let last = s[s.count - 1]
            return last != 108 && last != 115 && last != 122 ? Array(s.dropLast()) : s  // l s z
        }
        return Self.measure(s[...]) == 1 && Self.endsCVC(s[...]) ? s + [101] : s
    }

    private func step1c(_ w: [UInt8]) -> [UInt8] {
        apply(w, [("y", "i", { $0.count > 1 && Self.consonants($0).last == true })])
    }

    private func step2(_ w: [UInt8]) -> [UInt8] {
        if Self.ends(w, "alli") && Self.measure(w.dropLast(4)) > 0 { return step2(Array(w.dropLast(2))) }
        let p = Self.positive
        let logi: (ArraySlice<UInt8>) -> Bool = { _ in Self.measure(w.dropLast(3)) > 0 }
        return apply(
            w,
            [
                ("ational", "ate", p), ("tional", "tion", p), ("enci", "ence", p), ("anci", "ance", p),
                ("izer", "ize", p), ("bli", "ble", p), ("alli", "al", p), ("entli", "ent", p), ("eli", "e", p),
                ("ousli", "ous", p), ("ization", "ize", p), ("ation", "ate", p), ("ator", "ate", p),
                ("alism", "al", p), ("iveness", "ive", p), ("fulness", "ful", p), ("ousness", "ous", p),
                ("aliti", "al", p), ("iviti", "ive", p), ("biliti", "ble", p), ("fulli", "ful", p),
                ("logi", "log", logi),
            ]
        )
    }

    private func step3(_ w: [UInt8]) -> [UInt8] {
        let p = Self.positive
        return apply(
            w,
            [
                ("icate", "ic", p), ("ative", "", p), ("alize", "al", p), ("iciti", "ic", p),
                ("ical", "ic", p), ("ful", "", p), ("ness", "", p),
            ]
        )
    }

    private func step4(_ w: [UInt8]) -> [UInt8] {
        let g = Self.greaterThanOne
        let ion: (ArraySlice<UInt8>) -> Bool = { Self.measure($0) > 1 && ($0.last == 115 || $0.last == 116) }
        return apply(
            w,
            [
                ("al", "", g), ("ance", "", g), ("ence", "", g), ("er", "", g), ("ic", "", g), ("able", "", g),
                ("ible", "", g), ("ant", "", g), ("ement", "", g), ("ment", "", g), ("ent", "", g), ("ion", "", ion),
                ("ou", "", g), ("ism", "", g), ("ate", "", g), ("iti", "", g), ("ous", "", g), ("ive", "", g),
                ("ize", "", g),
            ]
        )
    }

    private func step5a(_ w: [UInt8]) -> [UInt8] {
        guard w.last == 101 else { return w }
        let stem = w.dropLast()
        let m = Self.measure(stem)
        return m > 1 || (m == 1 && !Self.endsCVC(stem)) ? Array(stem) : w
    }

    private func step5b(_ w: [UInt8]) -> [UInt8] {
        Self.ends(w, "ll") && Self.measure(w.dropLast()) > 1 ? Array(w.dropLast()) : w
    }
}
