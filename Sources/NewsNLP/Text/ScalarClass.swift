/// Fast character classes over Unicode scalars, with an ASCII fast path.
enum ScalarClass {
    private static let letterBit: UInt8 = 1
    private static let digitBit: UInt8 = 2
    private static let upperBit: UInt8 = 4
    private static let lowerBit: UInt8 = 8
    private static let spaceBit: UInt8 = 16
    private static let markBit: UInt8 = 32

    /// Class bits of every Basic Multilingual Plane scalar, computed once from Unicode properties.
    private static let table: [UInt8] = (0..<0x10000).map { v in
        guard let s = Unicode.Scalar(UInt32(v)) else { return 0 }
        return bits(s)
    }

    private static func bits(_ s: Unicode.Scalar) -> UInt8 {
        let p = s.properties
        var b: UInt8 = 0
        if p.isAlphabetic { b |= letterBit }
        if p.numericType == .decimal { b |= digitBit }
        if p.isUppercase { b |= upperBit }
        if p.isLowercase { b |= lowerBit }
        if p.isWhitespace { b |= spaceBit }
        if p.generalCategory == .nonspacingMark { b |= markBit }
        return b
    }

    @inline(__always)
    private static func has(_ s: Unicode.Scalar, _ bit: UInt8) -> Bool {
        s.value < 0x10000 ? table[Int(s.value)] & bit != 0 : bits(s) & bit != 0
    }

    /// Whether a scalar is a combining (nonspacing) mark.
    @inline(__always)
    static func isMark(_ s: Unicode.Scalar) -> Bool { s.value >= 0x300 && has(s, markBit) }

    @inline(__always)
    static func isLetter(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        return has(s, letterBit)
    }

    @inline(__always)
    static func isDigit(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x30 && v <= 0x39 }
        return has(s, digitBit)
    }

    @inline(__always)
    static func isAlnum(_ s: Unicode.Scalar) -> Bool { isLetter(s) || isDigit(s) }

    @inline(__always)
    static func isUpper(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x41 && v <= 0x5A }
        return has(s, upperBit)
    }

    @inline(__always)
    static func isLower(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v >= 0x61 && v <= 0x7A }
        return has(s, lowerBit)
    }

    @inline(__always)
    static func isSpace(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x80 { return v == 0x20 || (v >= 0x09 && v <= 0x0D) }
        return has(s, spaceBit)
    }

    @inline(__always)
    static func isNewline(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        return v == 0x0A || v == 0x0D || v == 0x2028 || v == 0x2029 || v == 0x85
    }

    /// Apostrophes that may join letters ("O'Neill", "don’t").
    @inline(__always)
    static func isApostrophe(_ s: Unicode.Scalar) -> Bool { s == "'" || s == "\u{2019}" }

    /// Opening quotes and brackets that may start a sentence.
    @inline(__always)
    static func isOpener(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "\"", "'", "(", "[", "\u{201C}", "\u{2018}", "\u{00AB}", "\u{201E}": return true
        default: return false
        }
    }

    /// Closing quotes and brackets that stay with the sentence they end.
    @inline(__always)
    static func isCloser(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "\"", "'", ")", "]", "\u{201D}", "\u{2019}", "\u{00BB}": return true
        default: return false
        }
    }

    /// Lowercases one scalar (ASCII fast path; otherwise the first scalar of its lowercase mapping).
    @inline(__always)
    static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        if v < 0x80 { return (v >= 0x41 && v <= 0x5A) ? Unicode.Scalar(UInt8(v + 32)) : s }
        if !has(s, upperBit) { return s }
        return s.properties.lowercaseMapping.unicodeScalars.first ?? s
    }
}
