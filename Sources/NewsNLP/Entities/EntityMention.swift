/// One occurrence of an entity in the analysed text.
public struct EntityMention: Sendable, Hashable {
    /// The mention's text as it appears in the source.
    public var text: String
    /// Unicode scalar offsets of the mention in the analysed text.
    public var range: Range<Int>

    /// Creates a mention.
    public init(text: String, range: Range<Int>) {
        self.text = text
        self.range = range
    }
}
