/// Durations as people write them on a command line or in a manifest: `45s`, `1h30m`, `500ms`, `2d`, `1.5h`, or
/// ISO 8601's `PT1H30M`, `P1DT12H`, `P2W`. Letters may be either case.
public enum DurationText {
    /// The seconds `text` stands for, zero included; `nil` when it is not a duration: a number without its unit, a
    /// sign, an empty text, and ISO 8601 months and years, which have no fixed length.
    public static func seconds(_ text: String) -> Double? {
        let text = Array(text.uppercased())
        let total: Double?
        if text.first == "P" {
            let parts = text.dropFirst().split(separator: "T", maxSplits: 1, omittingEmptySubsequences: false)
            // `P`, `PT` and `P1DT` name no time.
            if parts.allSatisfy(\.isEmpty) || (parts.count == 2 && parts[1].isEmpty) { return nil }
            let date = sum(parts[0], units: ["W": 604_800, "D": 86_400])
            let time = parts.count == 2 ? sum(parts[1], units: ["H": 3_600, "M": 60, "S": 1]) : 0
            total = date.flatMap { date in time.map { date + $0 } }
        } else {
            total = text.isEmpty ? nil : sum(text[...], units: ["D": 86_400, "H": 3_600, "M": 60, "S": 1, "MS": 0.001])
        }
        guard let total, total.isFinite else { return nil }
        return total
    }

    /// Numbers each followed by one of `units` (one or two letters, the longer taken first), in seconds.
    private static func sum(_ text: ArraySlice<Character>, units: [String: Double]) -> Double? {
        var total = 0.0
        var index = text.startIndex
        while index < text.endIndex {
            let digits = index
            while index < text.endIndex, text[index].isASCII, text[index].isNumber || text[index] == "." { index += 1 }
            guard let value = Double(String(text[digits..<index])) else { return nil }
            let two = index + 1 < text.endIndex ? String(text[index...index + 1]) : nil
            if let two, let unit = units[two] {
                total += value * unit
                index += 2
            } else if index < text.endIndex, let unit = units[String(text[index])] {
                total += value * unit
                index += 1
            } else {
                return nil
            }
        }
        return total
    }
}
