public import Foundation

/// An ingested article: parsed, normalised and identified. The payload of every envelope.
///
/// Character offsets elsewhere in the schema (``BodySpan``: mentions and summary sentences) are Unicode scalar
/// offsets into ``body``.
///
/// Compatibility rule: add optional fields only; bump ``NewsSchemaVersion/current`` otherwise.
public struct Article: Codable, Sendable, Hashable {
    /// The stable article id (`a-` followed by 16 hex digits); also the Kafka message key.
    public var id: String
    /// The normalised URL, when known.
    public var url: String?
    /// The publisher.
    public var source: String?
    /// The title.
    public var title: String
    /// The author line.
    public var byline: String?
    /// The photo caption, removed from the body.
    public var caption: String?
    /// The subheadings in document order, removed from the body.
    public var subheadings: [String]
    /// The paragraphs joined by `"\n\n"`, NFC-normalised, without caption, subheadings or byline.
    public var body: String
    /// The number of words in ``body``.
    public var wordCount: Int
    /// Lowercase hex SHA-256 of the normalised title, `"\n\n"` and ``body``.
    public var contentHash: String
    /// The BCP 47 language code of the text (`"en"`).
    public var language: String
    /// When the publisher published the article.
    public var publishedAt: Date?
    /// When the article was pushed into the pipeline.
    public var submittedAt: Date
    /// When the ingest stage produced this article.
    public var ingestedAt: Date

    /// Creates an article.
    ///
    /// - Parameters:
    ///   - id: The stable article id.
    ///   - url: The normalised URL.
    ///   - source: The publisher.
    ///   - title: The title.
    ///   - byline: The author line.
    ///   - caption: The photo caption.
    ///   - subheadings: The subheadings in document order.
    ///   - body: The paragraphs joined by `"\n\n"`.
    ///   - wordCount: The number of words in `body`.
    ///   - contentHash: Hex SHA-256 of title and body.
    ///   - language: The language code; defaults to `"en"`.
    ///   - publishedAt: The publication time.
    ///   - submittedAt: The time of the push.
    ///   - ingestedAt: The time of ingestion.
    public init(
        id: String,
        url: String? = nil,
        source: String? = nil,
        title: String,
        byline: String? = nil,
        caption: String? = nil,
        subheadings: [String] = [],
        body: String,
        wordCount: Int,
        contentHash: String,
        language: String = "en",
        publishedAt: Date? = nil,
        submittedAt: Date,
        ingestedAt: Date
    ) {
        self.id = id
        self.url = url
        self.source = source
        self.title = title
        self.byline = byline
        self.caption = caption
        self.subheadings = subheadings
        self.body = body
        self.wordCount = wordCount
        self.contentHash = contentHash
        self.language = language
        self.publishedAt = publishedAt
        self.submittedAt = submittedAt
        self.ingestedAt = ingestedAt
    }
}
