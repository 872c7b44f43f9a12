/// The IOB2 tag set: 0 = O, then B/I pairs for PER, ORG, LOC, MISC.
enum TagSet {
    static let count = 9
    static let names = ["O", "B-PER", "I-PER", "B-ORG", "I-ORG", "B-LOC", "I-LOC", "B-MISC", "I-MISC"]
    static let typeNames = ["PER", "ORG", "LOC", "MISC"]
    /// The history value before a sentence's first token.
    static let start = 9

    /// 0 for O, else 1...4 for PER, ORG, LOC, MISC.
    @inline(__always) static func type(_ tag: Int) -> Int { (tag + 1) / 2 }
    @inline(__always) static func isInside(_ tag: Int) -> Bool { tag > 0 && tag % 2 == 0 }
    @inline(__always) static func begin(_ type: Int) -> Int { type * 2 - 1 }

    /// Parses "B-PER" etc.; unknown tags read as O.
    static func tag(_ name: Substring) -> Int { names.firstIndex(of: String(name)) ?? 0 }

    /// Whether `tag` may follow `previous` in IOB2 (an I-X only after B-X or I-X).
    @inline(__always) static func allowed(_ tag: Int, after previous: Int) -> Bool {
        !isInside(tag) || (previous != start && previous != 0 && type(previous) == type(tag))
    }

    /// Entity spans (type 1...4, token range) from a tag sequence, conlleval-style.
    static func spans(_ tags: ArraySlice<Int>) -> [(type: Int, range: Range<Int>)] {
        var out: [(type: Int, range: Range<Int>)] = []
        var start = -1
        var current = 0
        for i in tags.indices {
            let t = tags[i]
            let continues = isInside(t) && current == type(t) && start >= 0
            if !continues {
                if start >= 0 { out.append((current, start..<i)) }
                start = t == 0 ? -1 : i
                current = type(t)
            }
        }
        if start >= 0 { out.append((current, start..<tags.endIndex)) }
        return out
    }
}
