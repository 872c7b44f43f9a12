import Foundation

/// A parsed JSON document as a flat list of entries in document order, pointing into the original bytes.
///
/// An object's entry is followed by its members, each a key entry then the value's entries; an array's entry by
/// its elements. Containers record where they end, so a reader skips a whole value in one step. Strings and
/// numbers are byte ranges, read only when a decoder asks for them.
struct JSONTape {
    enum Kind: UInt8 {
        case object, array, string, number, `true`, `false`, null
    }

    struct Entry {
        var kind: Kind
        /// For strings: the content holds at least one backslash escape.
        var escaped = false
        /// Strings and numbers: the first byte (after the opening quote). Containers: the number of members.
        var start: Int32
        /// Strings and numbers: one past the last byte (before the closing quote). Containers: the index of the
        /// entry after the container's last entry.
        var end: Int32
        /// Containers: the byte range of the whole value, brackets included.
        var textStart: Int32 = 0
        var textEnd: Int32 = 0
    }

    /// Why the bytes are not a JSON document.
    struct SyntaxError: Error {
        var offset: Int
        var message: String
    }

    /// The deepest nesting accepted; deeper documents are rejected rather than risking the stack.
    static let maximumDepth = 512

    var entries: [Entry]
    /// Whether the whole document is ASCII (and so UTF-8).
    let isASCII: Bool

    /// Parses a whole document: one value, with optional whitespace around it.
    init(parsing bytes: UnsafeBufferPointer<UInt8>) throws(SyntaxError) {
        guard bytes.count < Int(Int32.max) else { throw SyntaxError(offset: 0, message: "document larger than 2 GB") }
        var parser = Parser(bytes: bytes)
        // An envelope before entities has about 30 entries. 48 of 20 bytes keep the array within the 1 KB that
        // glibc serves from its per-thread cache.
        parser.entries.reserveCapacity(48)
        parser.skipWhitespace()
        try parser.value(depth: 0)
        parser.skipWhitespace()
        guard parser.index == bytes.count else { throw parser.error("unexpected text after the JSON value") }
        entries = parser.entries
        isASCII = !JSONText.hasNonASCII(parser.seen)
    }

    /// Parses a whole document that must also be UTF-8, as JSON text is (RFC 8259).
    ///
    /// The parser accepts only ASCII outside strings, and notes whether the strings' bytes are all ASCII as it
    /// scans them, so a document of ASCII (the wire's usual case) is not read a second time to check it. Only one
    /// with other bytes in its strings is then checked as a whole. The check comes first in effect: a document
    /// that is not UTF-8 is reported so, whether or not it is also not JSON.
    static func parsingUTF8(_ bytes: UnsafeBufferPointer<UInt8>) throws(UTF8OrSyntaxError) -> JSONTape {
        let tape: JSONTape
        do {
            tape = try JSONTape(parsing: bytes)
        } catch {
            throw JSONText.isValidUTF8(bytes) ? .syntax(error) : .invalidUTF8
        }
        guard tape.isASCII || String(validating: bytes, as: UTF8.self) != nil else { throw .invalidUTF8 }
        return tape
    }

    /// Why ``parsingUTF8(_:)`` refused a document.
    enum UTF8OrSyntaxError: Error {
        case invalidUTF8
        case syntax(SyntaxError)
    }

    private struct Parser {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0
        var entries: [Entry] = []
        /// Every byte of the strings' contents OR-ed together, eight to a word (and some bytes outside them).
        var seen: UInt64 = 0

        func error(_ message: String) -> SyntaxError {
            SyntaxError(offset: index, message: index < bytes.count ? message : "\(message): unexpected end of data")
        }

        @inline(__always)
        mutating func skipWhitespace() {
            while index < bytes.count {
                switch bytes[index] {
                case 0x20, 0x0A, 0x0D, 0x09: index += 1
                default: return
                }
            }
        }

        mutating func value(depth: Int) throws(SyntaxError) {
            guard index < bytes.count else { throw error("expected a value") }
            switch bytes[index] {
            case UInt8(ascii: "{"): try container(.object, depth: depth + 1)
            case UInt8(ascii: "["): try container(.array, depth: depth + 1)
            case UInt8(ascii: "\""): try string()
            case UInt8(ascii: "t"): try literal("true", .true)
            case UInt8(ascii: "f"): try literal("false", .false)
            case UInt8(ascii: "n"): try literal("null", .null)
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): try number()
            default: throw error("unexpected character '\(Unicode.Scalar(bytes[index]))'")
            }
        }

        /// An object or an array, with its members or elements.
        mutating func container(_ kind: Kind, depth: Int) throws(SyntaxError) {
            guard depth <= JSONTape.maximumDepth else { throw error("nested deeper than \(JSONTape.maximumDepth) levels") }
            let closer = kind == .object ? UInt8(ascii: "}") : UInt8(ascii: "]")
            let slot = entries.count
            entries.append(Entry(kind: kind, start: 0, end: 0, textStart: Int32(index)))
            index += 1
            skipWhitespace()
            var count: Int32 = 0
            if index < bytes.count, bytes[index] == closer {
                index += 1
            } else {
                while true {
                    if kind == .object { try memberName() }
                    try value(depth: depth)
                    count += 1
                    skipWhitespace()
                    guard index < bytes.count else { throw error(kind == .object ? "unfinished object" : "unfinished array") }
                    if bytes[index] == UInt8(ascii: ",") {
                        index += 1
                        skipWhitespace()
                    } else if bytes[index] == closer {
                        index += 1
                        break
                    } else {
                        throw error("expected ',' or '\(Unicode.Scalar(closer))'")
                    }
                }
            }
            entries[slot].start = count
            entries[slot].end = Int32(entries.count)
            entries[slot].textEnd = Int32(index)
        }

        /// A member's name and its colon.
        mutating func memberName() throws(SyntaxError) {
            guard index < bytes.count, bytes[index] == UInt8(ascii: "\"") else { throw error("expected a member name") }
            try string()
            skipWhitespace()
            guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { throw error("expected ':'") }
            index += 1
            skipWhitespace()
        }

        /// A string: control characters must be escaped; escapes are checked for shape here, decoded on read.
        mutating func string() throws(SyntaxError) {
            index += 1
            let start = index
            var escaped = false
            while true {
                index = JSONText.firstSpecial(in: bytes, from: index, seen: &seen)
                guard index < bytes.count else { throw error("unfinished string") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") { break }
                guard byte == UInt8(ascii: "\\") else { throw error("control character in a string") }
                escaped = true
                // The escaped byte is the string's too, and it may not be ASCII.
                if index + 1 < bytes.count { seen |= UInt64(bytes[index + 1]) }
                index += 2
            }
            entries.append(Entry(kind: .string, escaped: escaped, start: Int32(start), end: Int32(index)))
            index += 1
        }

        mutating func literal(_ word: StaticString, _ kind: Kind) throws(SyntaxError) {
            let length = word.utf8CodeUnitCount
            guard index + length <= bytes.count,
                UnsafeBufferPointer(start: word.utf8Start, count: length).elementsEqual(bytes[index..<index + length])
            else { throw error("unexpected character '\(Unicode.Scalar(bytes[index]))'") }
            entries.append(Entry(kind: kind, start: Int32(index), end: Int32(index + length)))
            index += length
        }

        /// A number as RFC 8259 spells it: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() throws(SyntaxError) {
            let start = index
            if bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit") }
            if bytes[index] == UInt8(ascii: "0") {
                index += 1
                if index < bytes.count, isDigit(bytes[index]) { throw error("leading zero in a number") }
            } else {
                skipDigits()
            }
            if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
                index += 1
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit after '.'") }
                skipDigits()
            }
            if index < bytes.count, bytes[index] | 0x20 == UInt8(ascii: "e") {
                index += 1
                if index < bytes.count, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
                guard index < bytes.count, isDigit(bytes[index]) else { throw error("expected a digit in the exponent") }
                skipDigits()
            }
            entries.append(Entry(kind: .number, start: Int32(start), end: Int32(index)))
        }

        @inline(__always)
        func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

        mutating func skipDigits() {
            while index < bytes.count, isDigit(bytes[index]) { index += 1 }
        }
    }
}

// MARK: - Reading values

extension JSONTape.Entry {
    /// The index of the entry after this one's value and everything inside it, this entry being at `index`.
    @inline(__always)
    func next(after index: Int) -> Int {
        switch kind {
        case .object, .array: Int(end)
        default: index + 1
        }
    }

    /// A string's or number's bytes in `text`: between the quotes for a string, escapes still in.
    @inline(__always)
    func bytes(in text: UnsafeBufferPointer<UInt8>) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(rebasing: text[Int(start)..<Int(end)])
    }

    /// A string entry's value. The document was checked to be UTF-8 as a whole, and decoded escapes are whole
    /// scalars, so the bytes are taken as they are.
    func string(in text: UnsafeBufferPointer<UInt8>) throws(JSONText.EscapeError) -> String {
        let bytes = bytes(in: text)
        guard escaped else { return String(decoding: bytes, as: UTF8.self) }
        return String(decoding: try JSONText.unescaped(bytes, offset: Int(start)), as: UTF8.self)
    }

    /// A number entry as a whole number of type `I`; one written with a fraction or an exponent counts when it is
    /// a whole number that fits. `nil` when it is not whole or does not fit.
    func integer<I: FixedWidthInteger>(_ type: I.Type, in text: UnsafeBufferPointer<UInt8>) -> I? {
        let digits = bytes(in: text)
        var position = 0
        let negative = digits[0] == UInt8(ascii: "-")
        if negative { position = 1 }
        var value: I = 0
        while position < digits.count {
            let digit = digits[position] &- UInt8(ascii: "0")
            guard digit < 10 else {
                return Double(String(decoding: digits, as: UTF8.self)).flatMap { I(exactly: $0) }
            }
            let (times10, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (next, overflow2) =
                negative ? times10.subtractingReportingOverflow(I(digit)) : times10.addingReportingOverflow(I(digit))
            guard !overflow1, !overflow2 else { return nil }
            value = next
            position += 1
        }
        return value
    }

    /// A number entry as a finite `F`; `nil` when out of its range.
    func floatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(_ type: F.Type, in text: UnsafeBufferPointer<UInt8>)
        -> F?
    {
        guard let value = F(String(decoding: bytes(in: text), as: UTF8.self)), value.isFinite else { return nil }
        return value
    }

    /// A string entry holding a date as the wire writes it (ISO 8601, UTC, milliseconds, no escapes); `nil` for
    /// any other form.
    func wireDate(in text: UnsafeBufferPointer<UInt8>) -> Date? {
        guard kind == .string, !escaped else { return nil }
        return ISO8601Milliseconds.parse(bytes: bytes(in: text))
    }
}
