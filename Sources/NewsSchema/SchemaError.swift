/// A message that cannot be accepted, classified for the dead-letter topic.
public struct SchemaError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The failure class, recorded as ``DeadLetter/reason``.
    public var reason: DeadLetterReason
    /// A human-readable description, recorded as ``DeadLetter/message``.
    public var message: String

    /// Creates a schema error.
    ///
    /// - Parameters:
    ///   - reason: The failure class.
    ///   - message: A human-readable description.
    public init(reason: DeadLetterReason, message: String) {
        self.reason = reason
        self.message = message
    }

    /// `"<reason>: <message>"`.
    public var description: String { "\(reason.rawValue): \(message)" }
}
