/// A stretch of ``Article/body`` with its text: an entity's mention or a summary's sentence.
///
/// Offsets count Unicode scalars from the start of the body; ``end`` is exclusive, so the body's
/// scalars `start..<end` are ``text``.
public struct BodySpan: Codable, Sendable, Hashable {
    /// The text as it appears in the body.
    public var text: String
    /// The offset of the first scalar.
    public var start: Int
    /// The offset just past the last scalar.
    public var end: Int

    /// Creates a span.
    ///
    /// - Parameters:
    ///   - text: The text.
    ///   - start: The Unicode scalar offset of its start in the body.
    ///   - end: The exclusive Unicode scalar offset of its end.
    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}

/// One occurrence of an entity in the body.
public typealias Mention = BodySpan

/// One sentence of an extractive summary, where it stands in the body.
public typealias SummarySentence = BodySpan
