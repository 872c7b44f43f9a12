import Foundation

/// The structure of a plain-text article, found by line-shape rules (see ``ArticleParser``).
struct PlainTextLayout: Equatable {
    var title: String?
    var captions: [String] = []
    var subheadings: [String] = []
    var paragraphs: [String] = []
    var byline: String?

    /// Lays out normalised lines.
    ///
    /// - Parameters:
    ///   - lines: Output of ``TextNormalizer/lines(_:)``.
    ///   - knownTitle: The submission's title; when `nil` the first non-empty line is the title,
    ///     otherwise a first line equal to it is dropped.
    init(lines: [String], knownTitle: String?) {
        var blocks = Self.blocks(lines)
        if blocks.count == 1 {
            // No blank line anywhere: every line is its own paragraph.
            blocks = blocks[0].map { [$0] }
        }
        if let first = blocks.first?.first {
            if knownTitle == nil {
                title = first
                blocks[0].removeFirst()
            } else if let knownTitle, first.lowercased() == knownTitle.lowercased() {
                blocks[0].removeFirst()
            }
        }

        var units: [(text: String, isHeading: Bool)] = []
        for block in blocks {
            var lines = block[...]
            while let first = lines.first, Self.isCaption(first) {
                captions.append(first)
                lines.removeFirst()
            }
            guard let first = lines.first else { continue }
            if lines.count > 1, Self.isHeadingShaped(first) {
                // A subheading directly followed by its paragraph on the next line.
                units.append((first, true))
                lines.removeFirst()
            }
            units.append((lines.joined(separator: " "), false))
        }

        if let last = units.last, !last.isHeading, units.count > 1, let name = Self.bylineName(last.text) {
            byline = name
            units.removeLast()
        }

        for (position, unit) in units.enumerated() {
            let followedByParagraph =
                position + 1 < units.count && !units[position + 1].isHeading
                && !Self.isHeadingShaped(units[position + 1].text)
            if unit.isHeading || (Self.isHeadingShaped(unit.text) && followedByParagraph) {
                subheadings.append(unit.text)
            } else {
                paragraphs.append(unit.text)
            }
        }
    }

    private static func blocks(_ lines: [String]) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String] = []
        for line in lines {
            if line.isEmpty {
                if !current.isEmpty { blocks.append(current) }
                current = []
            } else {
                current.append(line)
            }
        }
        if !current.isEmpty { blocks.append(current) }
        return blocks
    }

    // MARK: - Line shapes

    private static let captionPrefixes = [
        "(l-r)", "(r-l)", "(l to r)", "(left to right)", "(from left)", "(from l-r)",
        "photo:", "image:", "picture:", "pictured:", "caption:",
    ]
    private static let creditMarkers = ["(photo:", "(image:", "(picture:", "(credit:"]
    private static let terminalPunctuation: Set<Character> = [".", "!", "?", ":", ";", ",", "…", "\"", "'", ")"]

    /// A photo caption: starts with a position or photo marker ("(L-R)", "Photo:", …), ends
    /// with a parenthesised photo credit ("(Photo: Reuters)"), or ends with a slash credit of
    /// one to four capitalised words ("… in Geneva / Getty Images").
    static func isCaption(_ line: String) -> Bool {
        let lowered = line.lowercased()
        if captionPrefixes.contains(where: lowered.hasPrefix) { return true }
        if lowered.hasSuffix(")"), let open = lowered.lastIndex(of: "("),
            creditMarkers.contains(where: lowered[open...].hasPrefix)
        {
            return true
        }
        // Foundation's search is slow, and finds " / " only where its bytes are: most lines are ruled out by those.
        if containsSpacedSlash(line), let slash = line.range(of: " / ", options: .backwards) {
            let credit = line[slash.upperBound...].split(separator: " ")
            return (1...4).contains(credit.count)
                && credit.allSatisfy { $0.first?.isUppercase == true && $0.allSatisfy { $0.isLetter || $0 == "-" } }
        }
        return false
    }

    /// Whether the bytes of " / " are in `line`.
    private static func containsSpacedSlash(_ line: String) -> Bool {
        var (secondLast, last): (UInt8, UInt8) = (0, 0)
        for byte in line.utf8 {
            if byte == UInt8(ascii: " "), secondLast == UInt8(ascii: " "), last == UInt8(ascii: "/") { return true }
            (secondLast, last) = (last, byte)
        }
        return false
    }

    /// A subheading candidate: one to eight words, at most 60 characters, starting with an
    /// uppercase letter, not ending in punctuation (so a hard-wrapped paragraph line, usually
    /// 65–80 characters, does not qualify).
    static func isHeadingShaped(_ line: String) -> Bool {
        guard let first = line.first, first.isUppercase, let last = line.last,
            !terminalPunctuation.contains(last), line.count <= 60
        else { return false }
        return line.split(separator: " ").count <= 8 && !isCaption(line)
    }

    /// The name in a byline line: two to four capitalised words of letters (hyphens and
    /// apostrophes inside), optionally after "By ".
    static func bylineName(_ line: String) -> String? {
        var words = line.split(separator: " ")
        if words.first == "By" || words.first == "by" { words.removeFirst() }
        guard (2...4).contains(words.count) else { return nil }
        let isName = words.allSatisfy { word in
            word.first?.isUppercase == true && word.last?.isLetter == true
                && word.allSatisfy { $0.isLetter || $0 == "-" || $0 == "'" }
        }
        return isName ? words.joined(separator: " ") : nil
    }
}
