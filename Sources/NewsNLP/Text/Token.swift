/// One token of an analysed text.
///
/// `range` is in Unicode scalar offsets into the exact string that was tokenized, so a consumer in
/// another language can slice the original text with it.
public struct Token: Sendable, Hashable {
    /// The token's text as it appears in the source.
    public var text: String
    /// Unicode scalar offsets of the token in the source text.
    public var range: Range<Int>

    /// Creates a token.
    /// - Parameters:
    ///   - text: The token's text.
    ///   - range: Its Unicode scalar offsets in the source.
    public init(text: String, range: Range<Int>) {
        self.text = text
        self.range = range
    }
}

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
