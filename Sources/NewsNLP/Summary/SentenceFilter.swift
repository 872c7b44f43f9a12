/// Recognises sentences that must never be in a summary (captions, bylines, subheadings,
/// boilerplate) and a dateline at the start of a sentence.
enum SentenceFilter {
    private static let captionStarts = [
        "(l-r)", "(r-l)", "(l to r)", "(left to right)", "(from left)", "(from l)", "photo:", "image:", "picture:",
        "caption:", "credit:", "file photo", "file picture", "pictured:", "above:", "top:", "video:", "watch:",
        "listen:", "related:", "read more", "read also", "see also", "also read", "more:",
    ]
    private static let boilerplate = [
        "read more", "follow us", "follow me", "click here", "sign up", "subscribe", "newsletter",
        "all rights reserved",
        "copyright", "share this", "share on", "advertisement", "contributed to this report", "reporting by",
        "editing by", "writing by", "terms of use", "privacy policy", "cookie", "download the app", "getty images",
        "image copyright", "image caption", "pic.twitter.com", "( photo", "photo by", "photograph :", "/ afp",
        "/ reuters",
        "ap photo", "please enable", "javascript", "this story has been", "last updated", "updated on", "published on",
        "http :", "https :", "you can also", "don't miss", "don\u{2019}t miss", "email us", "send us",
        "like us on", "join us", "for more information", "sponsored", "affiliate", "terms and conditions",
    ]

    /// Phrases as sequences of lowercase token hashes, indexed by their first token.
    private struct PhraseTable {
        var byFirst: [UInt64: [[UInt64]]] = [:]
        var firsts = KeyTable(capacity: 0)

        init(_ phrases: [String]) {
            let tokenizer = Tokenizer()
            for p in phrases {
                let s = Array(p.unicodeScalars)
                let keys = tokenizer.ranges(in: s).map { SentenceFilter.key(s, $0) }
                if let first = keys.first { byFirst[first, default: []].append(keys) }
            }
            firsts = KeyTable(byFirst.keys)
        }

        /// Whether a phrase starts at token `i` of `t`.
        func matches(at i: Int, _ s: [Unicode.Scalar], _ t: [Range<Int>], end: Int) -> Bool {
            let first = SentenceFilter.key(s, t[i])
            guard firsts.contains(first), let candidates = byFirst[first] else { return false }
            for phrase in candidates where i + phrase.count <= end {
                var ok = true
                for k in 1..<phrase.count where SentenceFilter.key(s, t[i + k]) != phrase[k] {
                    ok = false
                    break
                }
                if ok { return true }
            }
            return false
        }
    }

    private static let captionTable = PhraseTable(captionStarts)
    private static let boilerplateTable = PhraseTable(boilerplate)

    /// Hash of a token's lowercase scalars.
    @inline(__always)
    static func key(_ s: [Unicode.Scalar], _ r: Range<Int>) -> UInt64 {
        var h = FeatureHash.basis
        for i in r { h = FeatureHash.add(h, ScalarClass.lower(s[i]).value) }
        return h
    }

    /// Why a sentence (tokens `tokens` of `t`, scalar span `r`) is excluded, or nil when it may be used.
    static func rejection(
        _ s: [Unicode.Scalar],
        _ t: [Range<Int>],
        tokens: Range<Int>,
        range r: Range<Int>,
        wholeLine: Bool,
        words: Int
    ) -> String? {
        guard !tokens.isEmpty else { return "empty" }
        if captionTable.matches(at: tokens.lowerBound, s, t, end: tokens.upperBound) { return "caption" }
        for i in tokens where boilerplateTable.matches(at: i, s, t, end: tokens.upperBound) { return "boilerplate" }
        for i in r where s[i] == "\u{00A9}" || s[i] == "@" { return "boilerplate" }
        for i in r where s[i] == "w" && i + 3 < r.upperBound && s[i + 1] == "w" && s[i + 2] == "w" && s[i + 3] == "." {
            return "boilerplate"
        }
        let last = s[r.upperBound - 1]
        let terminal = ".!?\"\u{201D}\u{2019}')\u{2026}".unicodeScalars.contains(last)
        let first = t[tokens.lowerBound]
        if first.count == 2 && (s[first.lowerBound] == "B" || s[first.lowerBound] == "b")
            && s[first.lowerBound + 1] == "y"
            && words <= 12 && !terminal
        {
            return "byline"
        }
        if wholeLine && !terminal && words <= 20 { return words <= 12 ? "subheading" : "caption" }
        if words < 5 { return "fragment" }
        // Text without sentence punctuation (a transcript, a scrape that lost it) splits into one "sentence" of
        // hundreds of words, which would make the whole summary. News sentences run to 20-30 words; 120 is far past.
        if words > 120 { return "run-on" }
        if last == ":" { return "list-intro" }
        return nil
    }

    /// The number of leading scalars of a dateline ("WASHINGTON (Reuters) — ", "LONDON, Nov 3 (AP) - ").
    static func datelineLength(_ s: [Unicode.Scalar], _ r: Range<Int>) -> Int {
        var i = r.lowerBound
        var capsLetters = 0
        // Upper-case place name words (with spaces, periods, commas, hyphens).
        while i < r.upperBound {
            let c = s[i]
            if ScalarClass.isUpper(c) {
                capsLetters += 1
            } else if ScalarClass.isLower(c) {
                break
            } else if !(c == " " || c == "." || c == "," || c == "-" || c == "'") {
                break
            }
            i += 1
        }
        guard capsLetters >= 2 else { return 0 }
        // Optional ", Nov 3" date and "(Agency)".
        var j = i
        while j < r.upperBound && j - i < 40 && s[j] != "\u{2014}" && s[j] != "\u{2013}" && s[j] != "-" && s[j] != "\n"
        {
            j += 1
        }
        guard j < r.upperBound, j - i < 40 else { return 0 }
        let between = Tokenizer.string(s, i..<j)
        if !between.trimmingSpaces.isEmpty && !between.contains("(") && !between.contains(",") { return 0 }
        var k = j
        while k < r.upperBound && (s[k] == "\u{2014}" || s[k] == "\u{2013}" || s[k] == "-") { k += 1 }
        guard k < r.upperBound, s[k] == " " else { return 0 }
        while k < r.upperBound && s[k] == " " { k += 1 }
        return k - r.lowerBound
    }
}

extension String {
    /// The string without leading and trailing spaces.
    var trimmingSpaces: Substring {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !ScalarClass.isSpace($0) }),
            let last = scalars.lastIndex(where: { !ScalarClass.isSpace($0) })
        else { return "" }
        return Substring(scalars[first...last])
    }
}
