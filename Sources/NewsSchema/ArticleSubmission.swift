public import Foundation

/// What `newsline push` sends to `articles.submitted`: raw article text plus optional metadata.
///
/// When ``title`` is `nil`, ingest reads ``text`` as plain text in the sample article's shape
/// (title line first, optional caption, paragraphs, subheadings, trailing byline). When ``title``
/// is given, ``text`` is taken as the body (a caption or byline that is obviously present is
/// still removed).
///
/// Compatibility rule: add optional fields only; bump ``NewsSchemaVersion/current`` otherwise.
public struct ArticleSubmission: Codable, Sendable, Hashable, VersionedMessage {
    /// The schema version this message was written with.
    public var schemaVersion: Int
    /// The raw article text (plain text in the sample's shape, or just the body).
    public var text: String
    /// The article's title, when known; `nil` means "the first line of ``text``".
    public var title: String?
    /// The canonical URL of the article, when known.
    public var url: String?
    /// The publisher (for example "BBC News").
    public var source: String?
    /// The author line, when known; otherwise ingest looks for a trailing byline in ``text``.
    public var byline: String?
    /// When the publisher published the article.
    public var publishedAt: Date?
    /// When the submission was pushed into the pipeline.
    public var submittedAt: Date
    /// Where the submission came from, for example the file name it was pushed from.
    public var origin: String?

    /// Creates a submission.
    ///
    /// - Parameters:
    ///   - schemaVersion: The schema version; defaults to ``NewsSchemaVersion/current``.
    ///   - text: The raw article text.
    ///   - title: The title, or `nil` to take the first line of `text`.
    ///   - url: The article's URL.
    ///   - source: The publisher.
    ///   - byline: The author line.
    ///   - publishedAt: The publication time.
    ///   - submittedAt: The time of the push.
    ///   - origin: Where the submission came from (a file name).
    public init(
        schemaVersion: Int = NewsSchemaVersion.current,
        text: String,
        title: String? = nil,
        url: String? = nil,
        source: String? = nil,
        byline: String? = nil,
        publishedAt: Date? = nil,
        submittedAt: Date,
        origin: String? = nil
    ) {
        self.schemaVersion = schemaVersion
        self.text = text
        self.title = title
        self.url = url
        self.source = source
        self.byline = byline
        self.publishedAt = publishedAt
        self.submittedAt = submittedAt
        self.origin = origin
    }

    /// Rejects a submission whose ``text`` is empty or only whitespace.
    ///
    /// - Throws: ``SchemaError`` with reason ``DeadLetterReason/emptyBody``.
    public func validate() throws(SchemaError) {
        if isBlank(text) {
            throw SchemaError(reason: .emptyBody, message: "submission text is empty")
        }
    }
}
