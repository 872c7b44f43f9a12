/// A top-level wire message: it carries a schema version and can check itself after decoding.
///
/// ``EnvelopeDecoding`` reads `schemaVersion` before decoding the rest of the message and calls
/// ``validate()`` after decoding.
public protocol VersionedMessage: Sendable {
    /// The schema version the message was written with (``NewsSchemaVersion/current`` when new).
    var schemaVersion: Int { get }

    /// Checks constraints the type system cannot express (for example a non-empty body).
    ///
    /// - Throws: ``SchemaError`` describing the first violated constraint.
    func validate() throws(SchemaError)
}

extension VersionedMessage {
    /// Accepts every decoded message; types with constraints provide their own implementation.
    public func validate() throws(SchemaError) {}
}
