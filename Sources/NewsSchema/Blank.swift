/// Whether `text` is empty or only whitespace, as `Character.isWhitespace` has it.
///
/// Every message is checked once, and a body almost always starts with a letter: the first ASCII byte that is
/// not whitespace settles it without segmenting the text into characters. An ASCII byte after ASCII whitespace
/// always starts a character of its own, so the answer is the same. At the first non-ASCII byte, Unicode decides.
func isBlank(_ text: String) -> Bool {
    for byte in text.utf8 {
        switch byte {
        case 0x09...0x0D, 0x20: continue
        case ..<0x80: return false
        default: return text.allSatisfy(\.isWhitespace)
        }
    }
    return true
}
