/// Document-level consistency over tagged spans: exact repeats of found names are added, each
/// name gets the kind most of its mentions got, short forms and acronyms join the longest name
/// that contains them, and salience is computed per entity.
struct EntityLinker {
    let scalars: [Unicode.Scalar]
    let tokens: [Range<Int>]
    let sentences: [Range<Int>]
    let infos: [TokenInfo]

    private struct Mention {
        var type: Int
        var range: Range<Int>
        var surface: String
    }

    private static let connectors: Set<String> = ["of", "the", "and", "for", "de", "&"]

    private func surface(_ r: Range<Int>) -> String {
        var view = String.UnicodeScalarView()
        for i in r {
            if i > r.lowerBound { view.append(" ") }
            view.append(contentsOf: scalars[tokens[i]])
        }
        return String(view)
    }

    private static let titles: Set<String> = [
        "Mr", "Mrs", "Ms", "Dr", "Mr.", "Mrs.", "Ms.", "Dr.", "Sir", "Lord", "Lady", "Dame", "President", "Prime",
        "Minister", "Secretary", "Gen.", "General", "Senator", "Sen.", "Gov.", "Governor", "Rev.", "Prof.", "Professor",
        "King", "Queen", "Prince", "Princess", "Pope", "Chancellor", "Judge", "Justice", "Rep.", "Representative",
        "Sheikh", "Ayatollah", "Mayor", "Captain", "Capt.", "Col.", "Lt.", "Sgt.", "Maj.", "Adm.",
    ]
    /// Words of a role that a country or nationality qualifies ("US Secretary of State", "Russian Foreign Minister").
    private static let roles: Set<String> = [
        "Secretary", "of", "State", "Foreign", "Minister", "Prime", "President", "Defence", "Defense", "Interior",
        "Ambassador", "Envoy", "Vice", "Deputy", "Chancellor", "Premier", "Attorney", "General", "Senator", "Governor",
        "Finance", "Trade", "Home", "Justice", "Health", "Energy", "Special", "Representative", "Leader",
    ]
    private static let particles: Set<String> = [
        "al", "el", "bin", "ibn", "van", "von", "de", "da", "di", "du", "der", "den", "le", "la", "dos", "das", "ben",
        "abu",
    ]

    private func token(_ i: Int) -> String { Tokenizer.string(scalars, tokens[i]) }

    /// Drops titles from person mentions and joins name particles ("Bashar" + "al-Assad").
    private func cleanPersons(_ spans: [(type: Int, range: Range<Int>)]) -> [(type: Int, range: Range<Int>)] {
        var out: [(type: Int, range: Range<Int>)] = []
        var k = 0
        while k < spans.count {
            var (type, r) = spans[k]
            k += 1
            guard type == 1 else {
                out.append((type, r))
                continue
            }
            while r.count > 1 && Self.titles.contains(token(r.lowerBound)) { r = (r.lowerBound + 1)..<r.upperBound }
            while r.upperBound < tokens.count, sentenceEnd(of: r.lowerBound) > r.upperBound {
                let next = token(r.upperBound)
                let head = next.split(separator: "-", maxSplits: 1).first.map(String.init) ?? next
                guard let first = next.unicodeScalars.first, ScalarClass.isLower(first),
                    Self.particles.contains(head.lowercased())
                else { break }
                var end = r.upperBound + 1
                if !next.contains("-"), end < sentenceEnd(of: r.lowerBound), infos[end].isCapitalized { end += 1 }
                if next.contains("-") && !next.unicodeScalars.contains(where: ScalarClass.isUpper) { break }
                r = r.lowerBound..<end
                while k < spans.count && spans[k].range.lowerBound < r.upperBound {
                    r = r.lowerBound..<max(r.upperBound, spans[k].range.upperBound)
                    k += 1
                }
            }
            out.append((type, r))
        }
        return out
    }

    /// "US Secretary of State" is a place qualifying a role, not an organization: keeps the place
    /// (a location, or a nationality as misc) and drops the role words.
    private func splitRole(_ span: (type: Int, range: Range<Int>)) -> (type: Int, range: Range<Int>)? {
        guard span.type != 1, span.range.count >= 2,
            span.range.dropFirst().allSatisfy({ Self.roles.contains(token($0)) })
        else { return span }
        let first = span.range.lowerBound
        let place: UInt32 = 0b11_1111  // city, country or region match
        let language: UInt32 = 0b11 << 6
        if infos[first].gazetteer & place != 0 { return (3, first..<(first + 1)) }
        if infos[first].gazetteer & language != 0 { return (4, first..<(first + 1)) }
        return span
    }

    /// The end of the sentence holding token `i`, found by bisection (sentences are in order and do not overlap).
    private func sentenceEnd(of i: Int) -> Int {
        var low = 0
        var high = sentences.count
        while low < high {
            let middle = (low + high) / 2
            if sentences[middle].upperBound <= i { low = middle + 1 } else { high = middle }
        }
        return low < sentences.count && sentences[low].contains(i) ? sentences[low].upperBound : tokens.count
    }

    mutating func entities(from rawSpans: [(type: Int, range: Range<Int>)]) -> [ExtractedEntity] {
        let spans = cleanPersons(rawSpans).compactMap(splitRole)
        var mentions = spans.map { Mention(type: $0.type, range: $0.range, surface: surface($0.range)) }
        addRepeats(&mentions)
        // One kind per name: the majority kind of its mentions, ties to the earliest.
        var votes: [String: [Int]] = [:]
        var firstType: [String: Int] = [:]
        for m in mentions {
            votes[m.surface, default: [0, 0, 0, 0, 0]][m.type] += 1
            if firstType[m.surface] == nil { firstType[m.surface] = m.type }
        }
        var kind: [String: Int] = [:]
        for (surface, v) in votes {
            var best = firstType[surface]!
            for t in 1...4 where v[t] > v[best] { best = t }
            kind[surface] = best
        }
        for k in mentions.indices { mentions[k].type = kind[mentions[k].surface]! }
        // Short forms and acronyms join the most mentioned longer name containing them.
        let surfaces = uniqueSurfaces(mentions)
        let split = surfaces.map { $0.split(separator: " ") }
        let lengths = surfaces.map { $0.unicodeScalars.count }
        // A longer name can take a short one only if it holds the short one's first word, or its initials
        // spell it: only those are compared, so a long document's thousands of names are not compared in pairs.
        var holding: [Substring: [Int]] = [:]
        var spelling: [String: [Int]] = [:]
        for (b, words) in split.enumerated() {
            for word in Set(words) { holding[word, default: []].append(b) }
            spelling[Self.initials(words), default: []].append(b)
        }
        var head: [String: String] = [:]
        for (a, s) in surfaces.enumerated() {
            let words = split[a]
            guard let firstWord = words.first else { continue }
            var candidates = holding[firstWord] ?? []
            if let spelled = spelling[s] { candidates = Array(Set(candidates + spelled)).sorted() }
            var best: (String, Int)? = nil
            for b in candidates where lengths[b] > lengths[a] {
                let l = surfaces[b]
                let long = split[b]
                let joins: Bool
                if kind[l] == 1 {
                    joins = words.count == 1 && (long.first == words[0] || long.last == words[0])
                } else {
                    joins = (kind[l] == kind[s] && Self.contains(long, words)) || Self.isAcronym(s, of: long)
                }
                guard joins else { continue }
                let n = votes[l]!.reduce(0, +)
                if best == nil || n > best!.1 { best = (l, n) }
            }
            if let best { head[s] = best.0 }
        }
        func root(_ s: String) -> String {
            var r = s
            var steps = 0
            while let h = head[r], steps < 8 {
                r = h
                steps += 1
            }
            return r
        }
        var groups: [String: [Mention]] = [:]
        var order: [String] = []
        for var m in mentions {
            let r = root(m.surface)
            if r != m.surface, let t = kind[r] { m.type = t }
            if groups[r] == nil { order.append(r) }
            groups[r, default: []].append(m)
        }
        return rank(order.map { ($0, groups[$0]!) })
    }

    private func uniqueSurfaces(_ mentions: [Mention]) -> [String] {
        var seen = Set<String>()
        return mentions.compactMap { seen.insert($0.surface).inserted ? $0.surface : nil }
    }

    private static func contains(_ long: [Substring], _ short: [Substring]) -> Bool {
        guard short.count < long.count, let first = short.first, first.first?.isUppercase == true else { return false }
        for start in 0...(long.count - short.count) where Array(long[start..<(start + short.count)]) == short {
            return true
        }
        return false
    }

    private static func isAcronym(_ s: String, of long: [Substring]) -> Bool {
        guard s.count >= 2, s.count <= 6, s.allSatisfy({ $0.isUppercase && $0.isLetter }) else { return false }
        let initials = initials(long)
        return initials.count >= 2 && initials == s
    }

    /// The first letters of a name's words, connectors ("of", "the") left out.
    private static func initials(_ words: [Substring]) -> String {
        String(words.filter { !connectors.contains(String($0).lowercased()) }.compactMap(\.first))
    }

    /// Adds mentions for exact repeats of a found name that the tagger left untagged.
    private func addRepeats(_ mentions: inout [Mention]) {
        var firstWords = Set<UInt64>()
        var known: [String: Int] = [:]
        var longest = 0
        for m in mentions where infos[m.range.lowerBound].isCapitalized {
            known[m.surface] = known[m.surface] ?? m.type
            firstWords.insert(infos[m.range.lowerBound].word)
            longest = max(longest, m.range.count)
        }
        guard longest > 0 else { return }
        var covered = Array(repeating: false, count: tokens.count)
        for m in mentions { for i in m.range { covered[i] = true } }
        var added: [Mention] = []
        for r in sentences {
            var i = r.lowerBound
            while i < r.upperBound {
                var matched = 0
                if !covered[i] && infos[i].isCapitalized && firstWords.contains(infos[i].word) {
                    for n in stride(from: min(longest, r.upperBound - i), through: 1, by: -1) {
                        guard !covered[i..<(i + n)].contains(true) else { continue }
                        let s = surface(i..<(i + n))
                        if let t = known[s] {
                            added.append(Mention(type: t, range: i..<(i + n), surface: s))
                            matched = n
                            break
                        }
                    }
                }
                i += max(1, matched)
            }
        }
        mentions = (mentions + added).sorted { $0.range.lowerBound < $1.range.lowerBound }
    }

    private func rank(_ groups: [(String, [Mention])]) -> [ExtractedEntity] {
        let sentenceOf: [Int] = {
            var out = Array(repeating: 0, count: tokens.count)
            for (k, r) in sentences.enumerated() { for i in r { out[i] = k } }
            return out
        }()
        let total = Double(max(1, sentences.count))
        var scored: [(ExtractedEntity, Double, Int)] = []
        for (canonical, ms) in groups {
            let sorted = ms.sorted { $0.range.lowerBound < $1.range.lowerBound }
            let first = sentenceOf[sorted[0].range.lowerBound]
            let raw = Double(sorted.count) + 2 * (1 - Double(first) / total)
            var aliases = Set(sorted.map(\.surface))
            aliases.remove(canonical)
            let mentions = sorted.map {
                EntityMention(
                    text: Tokenizer.string(
                        scalars,
                        tokens[$0.range.lowerBound].lowerBound..<tokens[$0.range.upperBound - 1].upperBound
                    ),
                    range: tokens[$0.range.lowerBound].lowerBound..<tokens[$0.range.upperBound - 1].upperBound
                )
            }
            let entity = ExtractedEntity(
                kind: .from(type: sorted[0].type),
                canonicalName: canonical,
                aliases: aliases.sorted(),
                mentions: mentions,
                salience: 0
            )
            scored.append((entity, raw, mentions[0].range.lowerBound))
        }
        let top = scored.map(\.1).max() ?? 1
        return scored.map { e, raw, start in
            var e = e
            e.salience = raw / top
            return (e, start)
        }
        .sorted { $0.0.salience != $1.0.salience ? $0.0.salience > $1.0.salience : $0.1 < $1.1 }
        .map(\.0)
    }
}
