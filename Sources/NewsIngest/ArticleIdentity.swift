import Foundation
public import NewsSchema

/// Stable article ids and content hashes.
///
/// Hashing is SHA-256 (implemented in this module, since the package uses Foundation only).
/// An id is `a-` followed by the first 16 hex digits (64 bits) of either the SHA-256 of the
/// canonical URL, when the article has one, or its content hash. So one URL is one article
/// whatever its text (a corrected article replaces the old one), and an article without a URL
/// is identified by what it says.
public enum ArticleIdentity {
    /// The article id.
    ///
    /// - Parameters:
    ///   - url: The article's URL, raw or canonical; `nil` or blank to identify by content.
    ///   - title: The normalised title.
    ///   - body: The normalised body.
    /// - Returns: `a-` followed by 16 lowercase hex digits.
    public static func id(url: String?, title: String, body: String) -> String {
        id(url: url, contentHash: contentHash(title: title, body: body))
    }

    /// The article id, from its ``contentHash(title:body:)`` when it has no URL.
    static func id(url: String?, contentHash: String) -> String {
        if let url, let canonical = canonicalURL(url) {
            return urlID(canonical)
        }
        return "a-" + contentHash.prefix(16)
    }

    /// Lowercase hex SHA-256 of the UTF-8 bytes of `title + "\n\n" + body`.
    ///
    /// - Parameters:
    ///   - title: The normalised title (as ``ArticleParser`` produces it).
    ///   - body: The normalised body.
    /// - Returns: 64 lowercase hex digits.
    public static func contentHash(title: String, body: String) -> String {
        SHA256.hex(title + "\n\n" + body)
    }

    /// The id ingest will give the article of `submission`, for keying the message on
    /// `articles.submitted` so an article stays on one partition from the first topic on.
    ///
    /// Runs the same parsing and normalisation as ingest. A submission ingest would reject
    /// (no body) is keyed by its URL, or else by the hash of its normalised text; ingest sends it
    /// to the dead-letter topic either way.
    ///
    /// - Parameter submission: The submission about to be pushed.
    /// - Returns: The article id.
    public static func key(for submission: ArticleSubmission) -> String {
        if let article = try? ArticleParser().parse(submission, now: submission.submittedAt) {
            return article.id
        }
        if let url = submission.url, let canonical = canonicalURL(url) {
            return urlID(canonical)
        }
        return "a-" + SHA256.hex(TextNormalizer.lines(submission.text).joined(separator: "\n")).prefix(16)
    }

    private static func urlID(_ canonicalURL: String) -> String {
        "a-" + SHA256.hex("url\n" + canonicalURL).prefix(16)
    }

    /// The canonical form of a URL: scheme and host lowercased, default port, fragment and
    /// `utm_*` query parameters removed, no trailing slash. Other query parameters keep their
    /// order. A URL without a scheme is read as `https://`.
    ///
    /// - Parameter url: A URL as submitted.
    /// - Returns: The canonical URL, or `nil` when `url` is blank. Text that does not parse as a
    ///   URL is returned trimmed.
    public static func canonicalURL(_ url: String) -> String? {
        let trimmed = url.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty else { return nil }
        let withScheme = trimmed.contains("://") ? trimmed : "https://" + trimmed
        guard var components = URLComponents(string: withScheme), let host = components.host, !host.isEmpty else {
            return trimmed
        }
        let scheme = components.scheme?.lowercased()
        components.scheme = scheme
        components.host = host.lowercased()
        components.fragment = nil
        if (scheme == "http" && components.port == 80) || (scheme == "https" && components.port == 443) {
            components.port = nil
        }
        while components.percentEncodedPath.hasSuffix("/") {
            components.percentEncodedPath.removeLast()
        }
        let query = components.percentEncodedQueryItems?.filter { !$0.name.lowercased().hasPrefix("utm_") }
        components.percentEncodedQueryItems = query?.isEmpty == false ? query : nil
        return components.string ?? trimmed
    }
}
