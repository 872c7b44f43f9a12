/// Splits tokenized news text into sentences.
///
/// A sentence ends at a blank line; at a line break unless the next line continues in lowercase
/// (headlines, subheadings, list items and table rows are their own sentences); and after `.`, `!`,
/// `?` or an ellipsis (with any closing quotes or brackets) when the next token can start a sentence.
/// Abbreviations and initials keep their period inside the token and so do not end a sentence,
/// except a final abbreviation ("Inc.", "U.S.") followed by a common sentence opener ("The").
public struct SentenceSplitter: Sendable {
    private let tokenizer = Tokenizer()

    /// Creates a splitter.
    public init() {}

    /// Splits a text into sentences.
    /// - Parameter text: The text.
    /// - Returns: The tokens of the text and its sentences (token index ranges and scalar offsets).
    public func split(_ text: String) -> (tokens: [Token], sentences: [Sentence]) {
        let scalars = Array(text.unicodeScalars)
        let ranges = tokenizer.ranges(in: scalars)
        let tokens = ranges.map { Token(text: Tokenizer.string(scalars, $0), range: $0) }
        return (tokens, sentences(scalars, ranges))
    }

    /// Sentence boundaries over token ranges of a scalar array.
    func sentences(_ s: [Unicode.Scalar], _ t: [Range<Int>]) -> [Sentence] {
        var out: [Sentence] = []
        var start = 0
        var k = 0
        while k < t.count {
            let end = boundary(after: k, s, t)
            if let end {
                out.append(Sentence(tokens: start..<(end + 1), range: t[start].lowerBound..<t[end].upperBound))
                start = end + 1
                k = end + 1
            } else {
                k += 1
            }
        }
        if start < t.count {
            out.append(Sentence(tokens: start..<t.count, range: t[start].lowerBound..<t[t.count - 1].upperBound))
        }
        return out
    }

    /// If a sentence ends at token `k` (or at closers attached right after it), the index of its last token.
    private func boundary(after k: Int, _ s: [Unicode.Scalar], _ t: [Range<Int>]) -> Int? {
        guard k + 1 < t.count else { return k }
        let next = t[k + 1]
        let newlines = s[t[k].upperBound..<next.lowerBound].reduce(0) { $0 + (ScalarClass.isNewline($1) ? 1 : 0) }
        let first = s[t[k].lowerBound]
        let last = s[t[k].upperBound - 1]
        let terminal = t[k].count >= 1 && (first == "." || first == "!" || first == "?" || first == "\u{2026}")
        if newlines >= 2 { return k }
        if newlines == 1 {
            return ScalarClass.isLower(s[next.lowerBound]) && !terminal ? nil : k
        }
        if terminal {
            var m = k
            while m + 1 < t.count && t[m + 1].lowerBound == t[m].upperBound && t[m + 1].count == 1
                && ScalarClass.isCloser(s[t[m + 1].lowerBound])
            {
                m += 1
            }
            guard m + 1 < t.count else { return m }
            if m > k, s[t[m].upperBound..<t[m + 1].lowerBound].contains(where: ScalarClass.isNewline) { return m }
            let c = s[t[m + 1].lowerBound]
            let ellipsis = t[k].count > 1 && first == "." || first == "\u{2026}"
            if ScalarClass.isUpper(c) || ScalarClass.isOpener(c) || (!ellipsis && ScalarClass.isDigit(c)) {
                return m
            }
            return nil
        }
        if last == ".", t[k].count > 1 {
            let word = Tokenizer.string(s, t[k].lowerBound..<(t[k].upperBound - 1))
            let final = Abbreviations.finals.contains(word) || (word.contains(".") && word.count > 2)
            if final && Abbreviations.sentenceStarters.contains(Tokenizer.string(s, next)) { return k }
        }
        return nil
    }
}
