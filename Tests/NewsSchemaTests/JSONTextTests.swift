import Testing

@testable import NewsSchema

/// The scan that finds where a string's plain run ends, at every position around its 16- and 8-byte steps.
@Suite struct JSONTextTests {
    @Test(arguments: [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x00, 0x0A, 0x1F])
    func findsASpecialByteWhereverItIs(_ special: UInt8) {
        for length in 1...48 {
            for position in 0..<length {
                for start in 0...position {
                    var bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
                    bytes[position] = special
                    let found = bytes.withUnsafeBufferPointer { JSONText.firstSpecial(in: $0, from: start) }
                    #expect(found == position, "length \(length), special at \(position), from \(start)")
                }
            }
        }
    }

    @Test func passesOverEveryOtherByte() {
        // Space, DEL and every byte of non-ASCII UTF-8 are written as they are.
        let plain = [UInt8](0x20...0xFF).filter { $0 != UInt8(ascii: "\"") && $0 != UInt8(ascii: "\\") }
        for shift in 0..<16 {
            let bytes = Array(plain[shift...] + plain[..<shift])
            #expect(bytes.withUnsafeBufferPointer { JSONText.firstSpecial(in: $0, from: 0) } == bytes.count)
        }
    }
}
