/// Counts words the way ``NewsSchema/Article/wordCount`` is defined.
///
/// A word is a maximal run of letters, digits and combining marks; an apostrophe (`'` or `’`)
/// between two such characters stays inside the word ("Kerry's" is one word), and a zero-width
/// joiner or non-joiner never ends one (Persian writes many words with a non-joiner inside, as
/// Unicode's word boundaries have it). Everything else separates words, so "full-blown" is two
/// words and "10" is one.
public enum WordCounter {
    /// The number of words in `text`.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The word count.
    public static func count(_ text: String) -> Int {
        var count = 0
        var inWord = false
        var pendingApostrophe = false
        for scalar in text.unicodeScalars {
            if isWordScalar(scalar) {
                if !inWord { count += 1 }
                inWord = true
                pendingApostrophe = false
            } else if scalar == "\u{200C}" || scalar == "\u{200D}" {
                continue
            } else if inWord, !pendingApostrophe, scalar == "'" || scalar == "\u{2019}" {
                pendingApostrophe = true
            } else {
                inWord = false
                pendingApostrophe = false
            }
        }
        return count
    }

    private static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        if scalar.isASCII {
            // The same answer as the properties below, without looking them up: in ASCII only letters are
            // alphabetic, only digits numeric, and nothing is a mark.
            let value = scalar.value
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        let properties = scalar.properties
        if properties.isAlphabetic || properties.numericType != nil { return true }
        switch properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: return true
        default: return false
        }
    }
}
