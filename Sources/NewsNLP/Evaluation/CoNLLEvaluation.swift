import Foundation

/// Entity-level precision, recall and F1 with the semantics of the CoNLL `conlleval` script:
/// an entity counts as correct only when its span and type both match exactly; chunks are read
/// from IOB1/IOB2 tags as conlleval reads them (an `I-X` after `O` or after another type starts one).
public struct CoNLLEvaluation: Sendable {
    /// Counts for one entity type (or all of them).
    public struct Score: Sendable, Hashable {
        /// Entities predicted with the right span and type.
        public var correct = 0
        /// Entities predicted.
        public var predicted = 0
        /// Entities in the gold standard.
        public var gold = 0
        /// correct / predicted (0 when nothing was predicted).
        public var precision: Double { predicted == 0 ? 0 : Double(correct) / Double(predicted) }
        /// correct / gold (0 when there is no gold entity).
        public var recall: Double { gold == 0 ? 0 : Double(correct) / Double(gold) }
        /// The harmonic mean of precision and recall.
        public var f1: Double { precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall) }
    }

    /// Scores per entity type, keyed by the type name in the tags ("PER", "ORG", ...).
    public private(set) var byType: [String: Score] = [:]
    /// Micro-averaged score over all types.
    public private(set) var overall = Score()

    /// An empty evaluation.
    public init() {}

    /// The chunks of a tag sequence as (type, start, end) triples.
    public static func chunks(_ tags: [String]) -> [(type: String, range: Range<Int>)] {
        var out: [(type: String, range: Range<Int>)] = []
        var start = -1
        var type = ""
        for (i, tag) in tags.enumerated() {
            let prefix = tag.first
            let t = tag.count > 2 ? String(tag.dropFirst(2)) : ""
            let continues = prefix == "I" && start >= 0 && t == type
            if !continues {
                if start >= 0 { out.append((type, start..<i)) }
                if prefix == "B" || prefix == "I" {
                    start = i
                    type = t
                } else {
                    start = -1
                    type = ""
                }
            }
        }
        if start >= 0 { out.append((type, start..<tags.count)) }
        return out
    }

    /// Adds one sentence.
    /// - Parameters:
    ///   - gold: The gold tags.
    ///   - predicted: The predicted tags, as many as `gold`.
    public mutating func add(gold: [String], predicted: [String]) {
        let g = Self.chunks(gold)
        let p = Self.chunks(predicted)
        var goldSet: [Range<Int>: String] = [:]
        for c in g {
            goldSet[c.range] = c.type
            byType[c.type, default: Score()].gold += 1
            overall.gold += 1
        }
        for c in p {
            byType[c.type, default: Score()].predicted += 1
            overall.predicted += 1
            if goldSet[c.range] == c.type {
                byType[c.type, default: Score()].correct += 1
                overall.correct += 1
            }
        }
    }

    /// A conlleval-like table: one line per type (sorted by name) and the micro average.
    public func report() -> String {
        func line(_ name: String, _ s: Score) -> String {
            let cells = [s.precision, s.recall, s.f1].map { formatPercent($0) }
            return name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + "precision \(cells[0])  recall \(cells[1])  F1 \(cells[2])  (gold \(s.gold), predicted \(s.predicted), correct \(s.correct))"
        }
        var lines = byType.keys.sorted().map { line($0, byType[$0]!) }
        lines.append(line("micro", overall))
        return lines.joined(separator: "\n")
    }
}

/// Formats a 0...1 ratio as a percentage with two decimals ("93.41%").
func formatPercent(_ x: Double) -> String {
    let hundredths = Int((x * 10000).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)%".padding(
        toLength: 7,
        withPad: " ",
        startingAt: 0
    )
}
