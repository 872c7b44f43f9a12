/// Byte-level JSON text: where strings need escaping, how to write them quoted, and how to read them back.
///
/// Strings are scanned eight bytes at a time: a run without a quote, a backslash or a control character is
/// copied in one piece, so a long article body costs a few word operations per eight bytes and a memory copy.
enum JSONText {
    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highs: UInt64 = 0x8080_8080_8080_8080

    /// A mask whose lowest set bit marks the first byte of `word` (little-endian) that is `"`, `\` or below 0x20.
    ///
    /// Bits above the first marked byte can be false positives (a borrow runs on), so only the lowest counts.
    @inline(__always)
    static func specialBytes(in word: UInt64) -> UInt64 {
        let quotes = word ^ (ones &* 0x22)
        let backslashes = word ^ (ones &* 0x5C)
        let quoteZero = (quotes &- ones) & ~quotes
        let backslashZero = (backslashes &- ones) & ~backslashes
        let control = (word &- ones &* 0x20) & ~word
        return (quoteZero | backslashZero | control) & highs
    }

    /// The index of the first byte at or after `start` that is `"`, `\` or a control character; `bytes.count` if none.
    @inline(__always)
    static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var seen: UInt64 = 0
        return firstSpecial(in: bytes, from: start, seen: &seen)
    }

    /// ``firstSpecial(in:from:)``, also OR-ing into `seen` every byte it passes over, and some after the one it
    /// returns: the high bit of each byte of `seen` is then set if any of them is not ASCII.
    @inline(__always)
    static func firstSpecial(in bytes: UnsafeBufferPointer<UInt8>, from start: Int, seen: inout UInt64) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            // Sixteen bytes at a time while none is special (a long article body is mostly such runs), then the
            // word below finds which one is.
            let quote = SIMD16<UInt8>(repeating: UInt8(ascii: "\""))
            let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
            let space = SIMD16<UInt8>(repeating: 0x20)
            var chunks = SIMD16<UInt8>()
            while index + 16 <= bytes.count {
                let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                if any((chunk .== quote) .| (chunk .== backslash) .| (chunk .< space)) { break }
                chunks |= chunk
                index += 16
            }
            let halves = unsafeBitCast(chunks, to: SIMD2<UInt64>.self)
            seen |= halves[0] | halves[1]
            while index + 8 <= bytes.count {
                let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
                seen |= word
                let mask = specialBytes(in: word)
                if mask != 0 { return index + mask.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < bytes.count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { return index }
            seen |= UInt64(byte)
            index += 1
        }
        return index
    }

    /// Whether `seen`, bytes OR-ed together eight to a word, holds a byte that is not ASCII.
    @inline(__always)
    static func hasNonASCII(_ seen: UInt64) -> Bool {
        seen & highs != 0
    }

    /// Why a document cannot be read as text: its bytes are not valid UTF-8.
    struct InvalidUTF8: Error {}

    /// Whether `bytes` are valid UTF-8: ASCII is checked sixteen bytes at a time, anything else by the standard
    /// library's validation.
    static func isValidUTF8(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isASCII(bytes) || String(validating: bytes, as: UTF8.self) != nil
    }

    static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var index = 0
        var seen: UInt64 = 0
        if let base = bytes.baseAddress {
            var chunks = SIMD16<UInt8>()
            while index + 16 <= bytes.count {
                chunks |= UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                index += 16
            }
            let halves = unsafeBitCast(chunks, to: SIMD2<UInt64>.self)
            seen = halves[0] | halves[1]
            while index + 8 <= bytes.count {
                seen |= UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self)
                index += 8
            }
        }
        while index < bytes.count {
            seen |= UInt64(bytes[index])
            index += 1
        }
        return seen & highs == 0
    }

    /// Appends `text` as a quoted JSON string. Slashes and non-ASCII characters are written as they are.
    static func appendQuoted(_ text: String, to output: inout [UInt8]) {
        var text = text
        text.withUTF8 { appendQuoted(utf8: $0, to: &output) }
    }

    /// Appends UTF-8 bytes as a quoted JSON string.
    static func appendQuoted(utf8 bytes: UnsafeBufferPointer<UInt8>, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        var start = 0
        while start < bytes.count {
            let special = firstSpecial(in: bytes, from: start)
            if special > start { output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<special])) }
            guard special < bytes.count else { break }
            appendEscaped(bytes[special], to: &output)
            start = special + 1
        }
        output.append(UInt8(ascii: "\""))
    }

    /// Appends an integer's decimal digits.
    static func appendInteger<I: FixedWidthInteger>(_ value: I, to output: inout [UInt8]) {
        if value == 0 {
            output.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { output.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any 64-bit integer
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            while magnitude > 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            output.append(contentsOf: buffer[position...])
        }
    }

    /// Appends a floating-point number as Swift describes it, a whole one without its `.0`.
    ///
    /// - Throws: `EncodingError.invalidValue` for infinity and NaN, which JSON cannot hold.
    static func appendNumber<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F, to output: inout [UInt8]) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(codingPath: [], debugDescription: "\(value) cannot be written as a JSON number")
            )
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        output.append(contentsOf: text.utf8)
    }

    private static func appendEscaped(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""): output.append(UInt8(ascii: "\""))
        case UInt8(ascii: "\\"): output.append(UInt8(ascii: "\\"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        default:
            let hex = Array("0123456789abcdef".utf8)
            output.append(contentsOf: [UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"), hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    /// Why a string's escapes cannot be read.
    struct EscapeError: Error {
        var offset: Int
        var message: String
    }

    /// Decodes the escapes of a string's content (the bytes between its quotes, already scanned by the parser).
    ///
    /// - Throws: ``EscapeError`` for an unknown escape, a bad `\u` sequence or an unpaired surrogate.
    static func unescaped(_ bytes: UnsafeBufferPointer<UInt8>, offset: Int) throws(EscapeError) -> [UInt8] {
        var failure: EscapeError?
        // Each escape is longer than the UTF-8 it stands for, so the output fits in the input's length.
        let output = [UInt8](unsafeUninitializedCapacity: bytes.count) { buffer, count in
            do throws(EscapeError) {
                count = try unescape(bytes, into: buffer, offset: offset)
            } catch {
                failure = error
                count = 0
            }
        }
        if let failure { throw failure }
        return output
    }

    /// ``unescaped(_:offset:)`` into `output`, which has room for `bytes.count`: the number of bytes written.
    private static func unescape(
        _ bytes: UnsafeBufferPointer<UInt8>,
        into output: UnsafeMutableBufferPointer<UInt8>,
        offset: Int
    ) throws(EscapeError) -> Int {
        var written = 0
        var index = 0
        while index < bytes.count {
            let next = firstBackslash(in: bytes, from: index)
            if next > index {
                // Both are non-empty here, so both have a base address.
                (output.baseAddress! + written).update(from: bytes.baseAddress! + index, count: next - index)
                written += next - index
            }
            guard next < bytes.count else { break }
            guard next + 1 < bytes.count else { throw EscapeError(offset: offset + next, message: "unfinished escape") }
            index = next + 2
            let byte: UInt8
            switch bytes[next + 1] {
            case UInt8(ascii: "\""): byte = UInt8(ascii: "\"")
            case UInt8(ascii: "\\"): byte = UInt8(ascii: "\\")
            case UInt8(ascii: "/"): byte = UInt8(ascii: "/")
            case UInt8(ascii: "b"): byte = 0x08
            case UInt8(ascii: "f"): byte = 0x0C
            case UInt8(ascii: "n"): byte = 0x0A
            case UInt8(ascii: "r"): byte = 0x0D
            case UInt8(ascii: "t"): byte = 0x09
            case UInt8(ascii: "u"):
                var scalar = try hexQuad(bytes, at: index, offset: offset)
                index += 4
                if (0xD800..<0xDC00).contains(scalar) {
                    guard index + 6 <= bytes.count, bytes[index] == UInt8(ascii: "\\"), bytes[index + 1] == UInt8(ascii: "u")
                    else { throw EscapeError(offset: offset + next, message: "unpaired surrogate \\u\(String(scalar, radix: 16))") }
                    let low = try hexQuad(bytes, at: index + 2, offset: offset)
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw EscapeError(offset: offset + next, message: "unpaired surrogate \\u\(String(scalar, radix: 16))")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                    index += 6
                } else if (0xDC00..<0xE000).contains(scalar) {
                    throw EscapeError(offset: offset + next, message: "unpaired surrogate \\u\(String(scalar, radix: 16))")
                }
                for unit in UTF8.encode(Unicode.Scalar(scalar)!)! {
                    output[written] = unit
                    written += 1
                }
                continue
            default:
                throw EscapeError(offset: offset + next, message: "unknown escape \\\(Unicode.Scalar(bytes[next + 1]))")
            }
            output[written] = byte
            written += 1
        }
        return written
    }

    /// The index of the first `\` at or after `start`; `bytes.count` if none. Sixteen bytes at a time: an article's
    /// body has an escape every paragraph or quotation, and the runs between are copied whole.
    @inline(__always)
    private static func firstBackslash(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        if let base = bytes.baseAddress {
            let backslash = SIMD16<UInt8>(repeating: UInt8(ascii: "\\"))
            while index + 16 <= bytes.count {
                let chunk = UnsafeRawPointer(base + index).loadUnaligned(as: SIMD16<UInt8>.self)
                if any(chunk .== backslash) { break }
                index += 16
            }
        }
        while index < bytes.count, bytes[index] != UInt8(ascii: "\\") { index += 1 }
        return index
    }

    private static func hexQuad(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int, offset: Int) throws(EscapeError) -> UInt32 {
        guard index + 4 <= bytes.count else { throw EscapeError(offset: offset + index, message: "\\u needs four hex digits") }
        var value: UInt32 = 0
        for byte in bytes[index..<index + 4] {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: throw EscapeError(offset: offset + index, message: "\\u needs four hex digits")
            }
            value = value << 4 | UInt32(digit)
        }
        return value
    }
}
