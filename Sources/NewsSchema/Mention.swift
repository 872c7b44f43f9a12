/// One occurrence of an entity in ``Article/body``.
///
/// Offsets count Unicode scalars from the start of the body; ``end`` is exclusive.
public struct Mention: Codable, Sendable, Hashable {
    /// The text of the mention as it appears in the body.
    public var text: String
    /// The offset of the first scalar of the mention.
    public var start: Int
    /// The offset just past the last scalar of the mention.
    public var end: Int

    /// Creates a mention.
    ///
    /// - Parameters:
    ///   - text: The mention's text.
    ///   - start: The Unicode scalar offset of its start in the body.
    ///   - end: The exclusive Unicode scalar offset of its end.
    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}
