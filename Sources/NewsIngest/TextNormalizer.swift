import Foundation

/// The text normalisation every ingested article goes through.
///
/// - Line breaks: CRLF, lone CR, U+2028 and U+2029 become `"\n"`.
/// - Invisible characters that only steer line breaking or hyphenation are removed: BOM (U+FEFF),
///   zero-width space (U+200B), word joiner (U+2060), soft hyphen (U+00AD), and C0 controls except
///   the line feed. The zero-width non-joiner and joiner (U+200C, U+200D) are kept between two
///   visible characters: they are part of how Persian, Urdu and Indic words and emoji sequences
///   (👩‍👩‍👧) are spelled, and without them the text reads differently. Next to a space or a line's
///   end they join nothing and are removed, so a line of only joiners is blank.
/// - Every other space-like character (tab, no-break space, U+2000–U+200A, U+202F, U+205F,
///   U+3000) becomes a space; runs of spaces collapse to one; lines are trimmed.
/// - Quotes: curly single quotes and primes (‘ ’ ‚ ‛ ′ ‵) become `'`; curly double quotes and
///   double primes (“ ” „ ‟ ″ ‶) become `"`. The entity model was trained on ASCII-quoted news,
///   and one spelling of "Kerry's" keeps counts and spans consistent. Dashes are kept as written.
/// - The result is Unicode NFC (`precomposedStringWithCanonicalMapping`).
public enum TextNormalizer {
    /// Normalises text and returns its lines (trimmed; blank lines are empty strings).
    ///
    /// - Parameter text: Raw text.
    /// - Returns: The normalised lines, in order.
    public static func lines(_ text: String) -> [String] {
        var lines: [String] = []
        // The line so far as UTF-8, and whether it holds a scalar that NFC may change. NFC changes no scalar below
        // U+0300, alone or next to another (each is a starter that composes with none of them), so a line of only
        // those, as most lines of English news are, is NFC already and skips Foundation's slow normaliser.
        var line: [UInt8] = []
        var mayChangeInNFC = false
        var pendingSpace = false
        // Joiners after a visible character, kept once a visible character follows them.
        var pendingJoiners: [Unicode.Scalar] = []
        var previousWasCR = false
        func endLine() {
            let text = String(decoding: line, as: UTF8.self)
            lines.append(mayChangeInNFC ? text.precomposedStringWithCanonicalMapping : text)
            line.removeAll(keepingCapacity: true)
            mayChangeInNFC = false
            pendingSpace = false
            pendingJoiners.removeAll(keepingCapacity: true)
        }
        func append(_ scalar: Unicode.Scalar) {
            if scalar.isASCII {
                line.append(UInt8(truncatingIfNeeded: scalar.value))
            } else {
                line.append(contentsOf: scalar.utf8)
                if scalar.value >= 0x300 { mayChangeInNFC = true }
            }
        }
        func appendScalar(_ scalar: Unicode.Scalar) {
            if pendingSpace {
                line.append(UInt8(ascii: " "))
                pendingSpace = false
            }
            if !pendingJoiners.isEmpty {
                for joiner in pendingJoiners { append(joiner) }
                pendingJoiners.removeAll(keepingCapacity: true)
            }
            append(scalar)
        }
        for scalar in text.unicodeScalars {
            if previousWasCR {
                previousWasCR = false
                if scalar == "\n" { continue }
            }
            switch classify(scalar) {
            case .lineBreak:
                previousWasCR = scalar == "\r"
                endLine()
            case .space:
                pendingSpace = !line.isEmpty
                pendingJoiners.removeAll(keepingCapacity: true)
            case .joiner:
                if !line.isEmpty, !pendingSpace { pendingJoiners.append(scalar) }
            case .removed:
                continue
            case .replaced(let replacement):
                appendScalar(replacement)
            case .kept:
                appendScalar(scalar)
            }
        }
        endLine()
        return lines
    }

    /// Normalises text into a single line: as ``lines(_:)``, with line breaks turned into spaces.
    ///
    /// - Parameter text: Raw text, for example a title or a byline.
    /// - Returns: The normalised text, trimmed, without line breaks.
    public static func line(_ text: String) -> String {
        lines(text).filter { !$0.isEmpty }.joined(separator: " ")
    }

    private enum Treatment {
        case lineBreak, space, joiner, removed, kept
        case replaced(Unicode.Scalar)
    }

    private static func classify(_ scalar: Unicode.Scalar) -> Treatment {
        switch scalar.value {
        case 0x0A, 0x0D, 0x2028, 0x2029: .lineBreak
        case 0x09, 0x20, 0xA0, 0x2000...0x200A, 0x202F, 0x205F, 0x3000: .space
        case 0x200C, 0x200D: .joiner
        case 0xFEFF, 0x200B, 0x2060, 0xAD, 0x00...0x1F, 0x7F: .removed
        case 0x2018, 0x2019, 0x201A, 0x201B, 0x2032, 0x2035: .replaced("'")
        case 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036: .replaced("\"")
        default: .kept
        }
    }
}
