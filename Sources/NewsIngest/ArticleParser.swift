public import Foundation
public import NewsSchema

/// Turns an ``NewsSchema/ArticleSubmission`` into a normalised, identified
/// ``NewsSchema/Article``: the ingest stage's transform.
///
/// All text goes through ``TextNormalizer`` first. Then, by line shape:
/// - **Title**: when the submission has no title (or a blank one), the first non-empty line.
///   When it has one, ``NewsSchema/ArticleSubmission/text`` is the body, and a first line equal to
///   the title is dropped.
/// - **Paragraphs** are separated by blank lines; the lines of one paragraph are joined with a
///   space (hard-wrapped text). Text with no blank line at all has one paragraph per line.
/// - **Caption**: a line at the start of a paragraph that starts with "(L-R)", "(R-L)",
///   "(From left)", "(Left to right)", "Photo:", "Image:", "Picture:", "Pictured:" or
///   "Caption:" (any case), ends with "(Photo: …)"/"(Credit: …)", or ends with a slash credit of
///   one to four capitalised words ("… / Reuters"). Several captions are joined by a newline.
/// - **Subheading**: a line of one to eight words, at most 60 characters, starting with an
///   uppercase letter and not ending in punctuation, that is directly followed by a paragraph,
///   either on the next line (as "Political agreement" in the sample) or after a blank line.
/// - **Byline**: a last paragraph of two to four capitalised words without punctuation
///   (optionally "By …"). It is removed from the body even when the submission names its own
///   byline, which then wins.
/// - **Body**: the remaining paragraphs joined by `"\n\n"`.
///
/// The parser is a pure value: the same submission and `now` give the same article.
public struct ArticleParser: Sendable {
    /// Creates a parser.
    public init() {}

    /// Parses and normalises a submission.
    ///
    /// - Parameters:
    ///   - submission: The submitted text and metadata.
    ///   - now: The ingestion time, recorded as ``NewsSchema/Article/ingestedAt``.
    /// - Returns: The article, with id, content hash and word count.
    /// - Throws: ``NewsSchema/SchemaError`` with ``NewsSchema/DeadLetterReason/emptyBody`` when no
    ///   title or no body paragraph remains.
    public func parse(_ submission: ArticleSubmission, now: Date) throws(SchemaError) -> Article {
        let knownTitle = submission.title.map(TextNormalizer.line).flatMap { $0.isEmpty ? nil : $0 }
        let layout = PlainTextLayout(lines: TextNormalizer.lines(submission.text), knownTitle: knownTitle)
        guard let title = knownTitle ?? layout.title, !title.isEmpty else {
            throw SchemaError(reason: .emptyBody, message: "submission has no title")
        }
        guard !layout.paragraphs.isEmpty else {
            // Without a title given, a one-line text (a JSON submission's plain sentence, or a plain-text record) is all title.
            let why = knownTitle == nil ? " (with no \"title\" given, the text's first line is the title)" : ""
            throw SchemaError(reason: .emptyBody, message: "submission \"\(title)\" has no body paragraphs\(why)")
        }
        let body = layout.paragraphs.joined(separator: "\n\n")
        let url = submission.url.flatMap(ArticleIdentity.canonicalURL)
        let contentHash = ArticleIdentity.contentHash(title: title, body: body)
        return Article(
            id: ArticleIdentity.id(url: url, contentHash: contentHash),
            url: url,
            source: nonEmptyLine(submission.source),
            title: title,
            byline: nonEmptyLine(submission.byline) ?? layout.byline,
            caption: layout.captions.isEmpty ? nil : layout.captions.joined(separator: "\n"),
            subheadings: layout.subheadings,
            body: body,
            wordCount: WordCounter.count(body),
            contentHash: contentHash,
            language: "en",
            publishedAt: submission.publishedAt,
            submittedAt: submission.submittedAt,
            ingestedAt: now
        )
    }

    private func nonEmptyLine(_ text: String?) -> String? {
        guard let text else { return nil }
        let line = TextNormalizer.line(text)
        return line.isEmpty ? nil : line
    }
}
