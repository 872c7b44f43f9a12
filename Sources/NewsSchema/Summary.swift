/// An extractive summary: sentences of the body in document order.
///
/// Compatibility rule: add optional fields only; bump ``NewsSchemaVersion/current`` otherwise.
public struct Summary: Codable, Sendable, Hashable {
    /// The selected sentences, in document order.
    public var sentences: [SummarySentence]
    /// The method that selected them (for example `"textrank"`).
    public var method: String

    /// Creates a summary.
    ///
    /// - Parameters:
    ///   - sentences: The sentences in document order.
    ///   - method: The name of the selection method.
    public init(sentences: [SummarySentence], method: String) {
        self.sentences = sentences
        self.method = method
    }

    /// The summary as one string: the sentences joined by a space. Not encoded.
    public var text: String {
        sentences.map(\.text).joined(separator: " ")
    }
}
