/// Context aggregation (Ratinov & Roth 2009): for each capitalised token, the lowercase words at
/// −2, −1, +1 and +2 of the other capitalised occurrences of the same word in its window of
/// sentences, as deduplicated feature hashes. `Petofi 's board` and `general manager of Petofi`
/// elsewhere in a story tell the tagger what a lone `Petofi` is.
struct ContextAggregate {
    /// Other occurrences looked at per token, nearest first.
    static let limit = 16

    private var start: [Int32]
    private var end: [Int32]
    private var keys: [UInt64] = []

    /// The feature hashes of token `i` (empty for a lowercase token or a word seen once).
    @inline(__always)
    func features(_ i: Int) -> ArraySlice<UInt64> { keys[Int(start[i])..<Int(end[i])] }

    /// Aggregates the contexts of `d`'s capitalised words over `window` sentences on each side.
    init(_ d: TaggingDocument, window: Int) {
        let caps = TokenInfo.initCap | TokenInfo.allCaps
        start = Array(repeating: 0, count: d.infos.count)
        end = start
        var sentenceOf = start
        var occurrences: [UInt64: [Int32]] = [:]
        for (s, r) in d.sentences.enumerated() {
            for i in r {
                sentenceOf[i] = Int32(s)
                if d.infos[i].flags & caps != 0 { occurrences[d.infos[i].lower, default: []].append(Int32(i)) }
            }
        }
        let last = d.sentences.count - 1
        var local: [UInt64] = []
        for (s, r) in d.sentences.enumerated() {
            let first = d.sentences[max(0, s - window)].lowerBound
            let after = d.sentences[min(last, s + window)].upperBound
            for i in r where d.infos[i].flags & caps != 0 {
                guard let occ = occurrences[d.infos[i].lower], occ.count > 1 else { continue }
                // occ is sorted and holds i; walk outwards from it, nearest occurrence first.
                var lo = 0
                var hi = occ.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if Int(occ[mid]) < i { lo = mid + 1 } else { hi = mid }
                }
                var left = lo - 1
                var right = lo + 1
                local.removeAll(keepingCapacity: true)
                for _ in 0..<Self.limit {
                    let l = left >= 0 && Int(occ[left]) >= first ? Int(occ[left]) : -1
                    let r = right < occ.count && Int(occ[right]) < after ? Int(occ[right]) : -1
                    if l < 0 && r < 0 { break }
                    let o: Int
                    if r < 0 || (l >= 0 && i - l <= r - i) {
                        o = l
                        left -= 1
                    } else {
                        o = r
                        right += 1
                    }
                    let sentence = d.sentences[Int(sentenceOf[o])]
                    @inline(__always) func word(_ k: Int) -> UInt64 {
                        sentence.contains(k) ? d.infos[k].lower : 0xB0B
                    }
                    local.append(FeatureHash.feature(90, word(o - 1)))
                    local.append(FeatureHash.feature(91, word(o + 1)))
                    local.append(FeatureHash.feature(92, word(o - 2)))
                    local.append(FeatureHash.feature(93, word(o + 2)))
                }
                local.sort()
                start[i] = Int32(keys.count)
                var previous: UInt64?
                for k in local where k != previous {
                    keys.append(k)
                    previous = k
                }
                end[i] = Int32(keys.count)
            }
        }
    }
}
