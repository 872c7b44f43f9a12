/// An article as a stage received it, with the JSON text it was read from.
///
/// Entities and summarize add to an envelope and leave its article as it came. Given this,
/// ``NewsJSONEncoder/encodeBytes(_:reusing:reservingCapacity:)`` copies that text into the output instead of
/// encoding the article again, as long as the article to encode is still equal to the one received. The text is
/// the sender's, already checked by the decoder: its spacing, its escapes and any member this build does not know
/// pass on as they came.
public struct ReceivedArticle: Sendable {
    /// The article decoded from ``json``.
    let article: Article
    /// The article's JSON object, as it was in the message.
    let json: ArraySlice<UInt8>
}
