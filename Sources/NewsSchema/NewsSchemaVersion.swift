/// The version of the Newsline wire schema that this build writes and accepts.
///
/// Every top-level wire type (``ArticleSubmission``, ``ArticleEnvelope``, ``DeadLetter``) carries
/// `schemaVersion`. Compatibility rule: add optional fields only; bump ``current`` otherwise.
/// Decoding a message whose version differs from ``current`` fails with
/// ``DeadLetterReason/unsupportedSchemaVersion`` (see ``EnvelopeDecoding``).
public enum NewsSchemaVersion {
    /// The schema version written by this build and the only one it accepts.
    public static let current = 1
}
