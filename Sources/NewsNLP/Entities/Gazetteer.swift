import Foundation

/// Name lists matched against token sequences (case-insensitively, starting at a capitalised token).
///
/// Built by `scripts/make-gazetteer.py` from openly licensed sources (see docs/nlp.md).
public struct Gazetteer: Sendable {
    /// The list kinds, in bit order.
    static let kinds = [
        "CITY", "COUNTRY", "REGION", "LANG", "FIRST", "LAST", "PER", "ORG", "LOC", "MISC", "COMMON", "ORGNAME",
    ]
    /// Index in ``kinds`` of the first entity-lexicon kind (names seen in training, by CoNLL type).
    static let lexiconBase = 6
    /// Index in ``kinds`` of words seen in lowercase in training (common words when capitalised).
    static let common = 10

    private var phrases: [UInt64: UInt32] = [:]
    private(set) var maxLength = 1

    /// An empty gazetteer.
    public init() {}

    /// Parses `KIND<TAB>phrase` lines.
    /// - Parameter tsv: The file contents.
    public init(tsv: String) {
        let tokenizer = Tokenizer()
        for line in tsv.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t"),
                let kind = Self.kinds.firstIndex(of: String(line[..<tab]))
            else { continue }
            let scalars = Array(line[line.index(after: tab)...].unicodeScalars)
            let ranges = tokenizer.ranges(in: scalars)
            guard !ranges.isEmpty else { continue }
            var h = FeatureHash.basis
            for r in ranges { h = Self.step(h, TokenInfo(scalars, r).lower) }
            phrases[h, default: 0] |= 1 << UInt32(kind)
            maxLength = max(maxLength, ranges.count)
        }
    }

    /// This gazetteer with more phrases (phrase hash → kind bits, see ``phraseHash(_:_:)``).
    func adding(_ more: [UInt64: UInt32], maxLength more_: Int) -> Gazetteer {
        var copy = self
        for (h, bits) in more { copy.phrases[h, default: 0] |= bits }
        copy.maxLength = max(maxLength, more_)
        return copy
    }

    /// The hash under which a token sequence is looked up.
    static func phraseHash(_ infos: [TokenInfo], _ r: Range<Int>) -> UInt64 {
        var h = FeatureHash.basis
        for i in r { h = step(h, infos[i].lower) }
        return h
    }

    /// The gazetteer shipped with the library.
    /// - Throws: ``NLPError`` when the resource is missing.
    public static func bundled() throws -> Gazetteer {
        guard let url = Bundle.module.url(forResource: "gazetteer", withExtension: "tsv", subdirectory: "Resources")
        else { throw NLPError(.resourceMissing, "gazetteer.tsv is not in the NewsNLP bundle") }
        return Gazetteer(tsv: try String(contentsOf: url, encoding: .utf8) + builtIn)
    }

    /// Common short country names that the ISO lists lack (written for this project).
    static let builtIn =
        ["US", "U.S.", "USA", "U.S.A.", "UK", "U.K.", "UAE", "DRC", "Britain", "America"]
        .map { "\nCOUNTRY\t\($0)" }.joined() + "\n"

    @inline(__always)
    private static func step(_ h: UInt64, _ lower: UInt64) -> UInt64 { FeatureHash.mix(h ^ lower) }

    /// Marks the tokens of one sentence: bit 2k for the first token of a kind-k match, 2k+1 inside.
    func mark(_ infos: inout [TokenInfo], _ range: Range<Int>) {
        guard !phrases.isEmpty else { return }
        for i in range { infos[i].gazetteer = 0 }
        for i in range where infos[i].flags & (TokenInfo.initCap | TokenInfo.allCaps) != 0 {
            var h = FeatureHash.basis
            var end = i
            while end < range.upperBound && end - i < maxLength {
                h = Self.step(h, infos[end].lower)
                end += 1
                guard let kinds = phrases[h] else { continue }
                for k in 0..<UInt32(Self.kinds.count) where kinds & (1 << k) != 0 {
                    infos[i].gazetteer |= 1 << (2 * k)
                    for j in (i + 1)..<end { infos[j].gazetteer |= 1 << (2 * k + 1) }
                }
            }
        }
    }
}
