/// A sentence found by ``SentenceSplitter``: a run of tokens and its span in the source.
public struct Sentence: Sendable, Hashable {
    /// Index range into the token array the sentence was split from.
    public var tokens: Range<Int>
    /// Unicode scalar offsets of the sentence in the source text (first token start to last token end).
    public var range: Range<Int>

    /// Creates a sentence.
    public init(tokens: Range<Int>, range: Range<Int>) {
        self.tokens = tokens
        self.range = range
    }
}
