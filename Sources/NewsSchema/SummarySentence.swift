/// One sentence of an extractive summary, with its span in ``Article/body``.
///
/// Offsets count Unicode scalars from the start of the body; ``end`` is exclusive.
public struct SummarySentence: Codable, Sendable, Hashable {
    /// The sentence text.
    public var text: String
    /// The offset of the sentence's first scalar.
    public var start: Int
    /// The offset just past the sentence's last scalar.
    public var end: Int

    /// Creates a summary sentence.
    ///
    /// - Parameters:
    ///   - text: The sentence text.
    ///   - start: The Unicode scalar offset of its start in the body.
    ///   - end: The exclusive Unicode scalar offset of its end.
    public init(text: String, start: Int, end: Int) {
        self.text = text
        self.start = start
        self.end = end
    }
}
