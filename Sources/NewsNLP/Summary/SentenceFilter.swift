/// Recognises sentences that must never be in a summary (captions, bylines, subheadings,
/// boilerplate) and a dateline at the start of a sentence.
enum SentenceFilter {
    private static let captionStarts = [
        "(l-r)", "(r-l)", "(l to r)", "(left to right)", "(from left)", "(from l)", "photo:", "image:", "picture:",
        "caption:", "credit:", "file photo", "file picture", "pictured:", "above:", "top:", "video:", "watch:",
        "listen:", "related:", "read more", "read also", "see also", "also read", "more:",
    ]
    private static let boilerplate = [
        "read more", "follow us", "follow me", "click here", "sign up", "subscribe", "newsletter", "all rights reserved",
        "copyright", "\u{00A9}", "share this", "share on", "advertisement", "contributed to this report", "reporting by",
        "editing by", "writing by", "terms of use", "privacy policy", "cookie", "download the app", "getty images",
        "image copyright", "image caption", "pic.twitter.com", "(photo", "photo by", "photograph:", "/afp", "/reuters",
        "ap photo", "please enable", "javascript", "this story has been", "last updated", "updated on", "published on",
        "http://", "https://", "www.", "you can also", "don't miss", "don\u{2019}t miss", "email us", "send us",
        "like us on", "join us", "for more information", "sponsored", "affiliate", "terms and conditions",
    ]

    /// Why a sentence is excluded, or nil when it may be used.
    static func rejection(_ text: String, wholeLine: Bool, words: Int) -> String? {
        let lower = text.lowercased()
        if captionStarts.contains(where: { lower.hasPrefix($0) }) { return "caption" }
        if boilerplate.contains(where: { lower.contains($0) }) { return "boilerplate" }
        let last = text.unicodeScalars.last.map(Character.init) ?? " "
        let terminal = ".!?\"\u{201D}\u{2019}')\u{2026}".contains(last)
        if lower.hasPrefix("by ") && words <= 12 && !terminal { return "byline" }
        if wholeLine && !terminal {
            if words <= 14 { return "subheading" }
            return "caption"
        }
        if words < 5 { return "fragment" }
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
        while j < r.upperBound && j - i < 40 && s[j] != "\u{2014}" && s[j] != "\u{2013}" && s[j] != "-" && s[j] != "\n" {
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
