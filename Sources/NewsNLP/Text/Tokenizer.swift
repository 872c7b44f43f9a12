/// A rule-based tokenizer for news text.
///
/// Handles abbreviations and initials ("Mr.", "U.S.", "Jan.", "J."), straight and curly quotes,
/// dashes, numbers with separators ("1,000.50", "1996-08-22", "10:30"), ellipses, possessives and
/// contractions ("Kerry's" → "Kerry" "'s"), hyphenated words, and keeps Unicode scalar offsets
/// into the source text.
public struct Tokenizer: Sendable {
    /// Creates a tokenizer.
    public init() {}

    /// Tokenizes a text.
    /// - Parameter text: The text to tokenize.
    /// - Returns: The tokens in order, with Unicode scalar offsets into `text`.
    public func tokenize(_ text: String) -> [Token] {
        let scalars = Array(text.unicodeScalars)
        return ranges(in: scalars).map { Token(text: Self.string(scalars, $0), range: $0) }
    }

    static func string(_ scalars: [Unicode.Scalar], _ range: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars[range])
        return String(view)
    }

    /// Token ranges over a scalar array (the allocation-light core used by the extractor).
    func ranges(in s: [Unicode.Scalar]) -> [Range<Int>] {
        var out: [Range<Int>] = []
        out.reserveCapacity(s.count / 5)
        let n = s.count
        var i = 0
        while i < n {
            let c = s[i]
            if ScalarClass.isSpace(c) {
                i += 1
                continue
            }
            if ScalarClass.isAlnum(c) {
                let end = wordEnd(s, from: i)
                appendWord(s, i..<end, to: &out)
                i = out.last!.upperBound
                continue
            }
            var j = i + 1
            if c == "." || c == "-" {
                while j < n && s[j] == c { j += 1 }
            } else if c == "?" || c == "!" {
                while j < n && (s[j] == "?" || s[j] == "!") { j += 1 }
            }
            out.append(i..<j)
            i = j
        }
        return out
    }

    /// The end of a word run starting at `start`, with joiners kept inside and a period attached
    /// to abbreviations and initials.
    private func wordEnd(_ s: [Unicode.Scalar], from start: Int) -> Int {
        let n = s.count
        var j = start
        var hasDot = false
        while j < n {
            let c = s[j]
            if ScalarClass.isAlnum(c) || ScalarClass.isMark(c) {
                j += 1
                continue
            }
            guard j + 1 < n, j > start else { break }
            let prev = s[j - 1]
            let next = s[j + 1]
            let joins: Bool
            switch c {
            case "-", "\u{2010}", "\u{2011}": joins = ScalarClass.isAlnum(prev) && ScalarClass.isAlnum(next)
            case ".": joins = ScalarClass.isAlnum(prev) && ScalarClass.isAlnum(next)
            case ",", "/", ":": joins = ScalarClass.isDigit(prev) && ScalarClass.isDigit(next)
            case "&": joins = ScalarClass.isUpper(prev) && ScalarClass.isUpper(next)
            case "'", "\u{2019}": joins = ScalarClass.isLetter(prev) && ScalarClass.isLetter(next)
            default: joins = false
            }
            guard joins else { break }
            if c == "." { hasDot = true }
            j += 1
        }
        if j < n && s[j] == "." && !(j + 1 < n && s[j + 1] == ".") && attachesPeriod(s, start..<j, hasDot: hasDot) {
            j += 1
        }
        return j
    }

    private func attachesPeriod(_ s: [Unicode.Scalar], _ r: Range<Int>, hasDot: Bool) -> Bool {
        if hasDot {
            // "U.S", "e.g", "Ph.D": every dot-separated piece is short and alphabetic.
            var piece = 0
            for k in r {
                if s[k] == "." {
                    piece = 0
                } else {
                    guard ScalarClass.isLetter(s[k]) else { return false }
                    piece += 1
                    if piece > 2 { return false }
                }
            }
            return true
        }
        if r.count == 1 { return ScalarClass.isUpper(s[r.lowerBound]) }
        if r.count > 6 { return false }
        return Abbreviations.isKnown(Self.string(s, r))
    }

    /// Appends a word, splitting possessives and contractions ("Kerry's", "don't", "they're").
    private func appendWord(_ s: [Unicode.Scalar], _ r: Range<Int>, to out: inout [Range<Int>]) {
        let lo = r.lowerBound
        let hi = r.upperBound
        if hi - lo > 3 && (s[hi - 1] == "t" || s[hi - 1] == "T") && ScalarClass.isApostrophe(s[hi - 2])
            && (s[hi - 3] == "n" || s[hi - 3] == "N")
        {
            out.append(lo..<(hi - 3))
            out.append((hi - 3)..<hi)
            return
        }
        for suffixLength in 1...2 where hi - lo > suffixLength + 1 {
            let a = hi - suffixLength - 1
            guard ScalarClass.isApostrophe(s[a]) else { continue }
            let tail = Self.string(s, (a + 1)..<hi).lowercased()
            if ["s", "d", "m", "re", "ve", "ll"].contains(tail) {
                out.append(lo..<a)
                out.append(a..<hi)
                return
            }
        }
        out.append(r)
    }
}
