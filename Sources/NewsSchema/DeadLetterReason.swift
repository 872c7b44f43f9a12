/// Why a stage could not process a message and sent it to the dead-letter topic.
public enum DeadLetterReason: String, Codable, Sendable, CaseIterable {
    /// The bytes are not JSON, not a JSON object, or do not decode as the expected type.
    case undecodable
    /// The message's `schemaVersion` differs from ``NewsSchemaVersion/current``.
    case unsupportedSchemaVersion
    /// The message is empty, only whitespace, or carries an empty article text or body.
    case emptyBody
    /// The message is larger than the stage's limit.
    case oversized
    /// The bytes are not valid UTF-8.
    case invalidUTF8
    /// The stage's transform threw for a well-formed message.
    case transformFailed
}
