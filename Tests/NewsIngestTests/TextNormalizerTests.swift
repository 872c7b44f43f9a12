import Foundation
import NewsIngest
import Testing

@Suite struct TextNormalizerTests {
    @Test(arguments: [
        ("a\r\nb\rc\u{2028}d", ["a", "b", "c", "d"]),
        ("  spaced \t out\u{00A0}\u{00A0}text  ", ["spaced out text"]),
        ("\u{FEFF}zero\u{200B}width\u{2060}joined\u{00AD}", ["zerowidthjoined"]),
        (
            "\u{2018}single\u{2019} \u{201C}double\u{201D} \u{201E}low\u{201F} 5\u{2032}11\u{2033}",
            ["'single' \"double\" \"low\" 5'11\""]
        ),
        ("en \u{2013} em \u{2014} kept", ["en \u{2013} em \u{2014} kept"]),
        ("line\n\n\nnext", ["line", "", "", "next"]),
        ("bell\u{07}char", ["bellchar"]),
    ])
    func normalisesLines(text: String, expected: [String]) {
        #expect(TextNormalizer.lines(text) == expected)
    }

    /// The joiners spell words and emoji: a Persian word without its non-joiner, or a family emoji without its
    /// joiners (three people side by side), is other text.
    @Test(arguments: [
        "\u{0645}\u{06CC}\u{200C}\u{062E}\u{0648}\u{0627}\u{0647}\u{0645}",
        "Families \u{1F469}\u{200D}\u{1F469}\u{200D}\u{1F467} waited",
    ])
    func keepsTheJoiners(text: String) {
        #expect(TextNormalizer.lines(text).map { Array($0.unicodeScalars) } == [Array(text.unicodeScalars)])
        #expect(TextNormalizer.line("\u{200B}" + text).unicodeScalars.elementsEqual(text.unicodeScalars))
    }

    /// A joiner next to a space or a line's end joins nothing.
    @Test(arguments: [
        ("\u{200D}lead and trail\u{200C}", ["lead and trail"]),
        ("a \u{200D} b\u{200C} c", ["a b c"]),
        ("\u{200D}\u{200C}\n\u{200D}", ["", ""]),
        ("x\u{200D}\u{200B}y", ["x\u{200D}y"]),
    ])
    func dropsJoinersThatJoinNothing(text: String, expected: [String]) {
        #expect(TextNormalizer.lines(text).map { Array($0.unicodeScalars) } == expected.map { Array($0.unicodeScalars) })
    }

    @Test func composesToNFC() {
        let decomposed = "Re\u{0301}sume\u{0301}"
        let line = TextNormalizer.line(decomposed)
        #expect(line.unicodeScalars.map(\.value) == "Résumé".precomposedScalars)
    }

    /// A line of scalars below U+0300 is taken as NFC without asking Foundation. Every visible scalar there, next
    /// to every other, comes out as Foundation's NFC has it.
    @Test func linesBelowTheCombiningMarksAreNFCAsTheyAre() {
        let scalars = (0x21..<0x300).filter { !(0x7F...0xA0).contains($0) && $0 != 0xAD }.compactMap(Unicode.Scalar.init)
        var text = String.UnicodeScalarView()
        for first in scalars {
            for second in scalars {
                text.append(first)
                text.append(second)
            }
            text.append(" ")
        }
        let line = TextNormalizer.line(String(text))
        #expect(Array(line.unicodeScalars) == Array(String(text).precomposedStringWithCanonicalMapping.unicodeScalars.dropLast()))
        #expect(line.unicodeScalars.count == scalars.count * scalars.count * 2 + scalars.count - 1)
    }

    @Test func singleLineJoinsLinesWithASpace() {
        #expect(TextNormalizer.line("  Jane\r\n\r\n Doe ") == "Jane Doe")
        #expect(TextNormalizer.line(" \n ").isEmpty)
    }
}

extension String {
    fileprivate var precomposedScalars: [UInt32] {
        ["R", "\u{E9}", "s", "u", "m", "\u{E9}"].map { Unicode.Scalar($0)!.value }
    }
}
