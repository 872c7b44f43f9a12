/// One sentence chosen for a summary.
public struct SummarySentence: Sendable, Hashable {
    /// The sentence text (without a leading dateline).
    public var text: String
    /// Unicode scalar offsets of the sentence in the body text passed to the summarizer.
    public var range: Range<Int>

    /// Creates a summary sentence.
    public init(text: String, range: Range<Int>) {
        self.text = text
        self.range = range
    }
}
