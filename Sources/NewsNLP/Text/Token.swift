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
