/// An error from the NewsNLP library.
public struct NLPError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is.
    public struct Code: Hashable, Sendable {
        private enum Base: Hashable, Sendable { case resourceMissing, badModel, badInput }
        private let base: Base
        /// A bundled resource could not be found.
        public static let resourceMissing = Code(base: .resourceMissing)
        /// A model file is malformed or of an unknown version.
        public static let badModel = Code(base: .badModel)
        /// Input data (a training or evaluation file) is malformed.
        public static let badInput = Code(base: .badInput)
    }

    /// The kind of failure.
    public var code: Code
    /// A human-readable explanation.
    public var reason: String
    /// Where the error was raised.
    public var location: String

    /// Creates an error.
    public init(_ code: Code, _ reason: String, file: String = #fileID, line: Int = #line) {
        self.code = code
        self.reason = reason
        self.location = "\(file):\(line)"
    }

    /// The reason, for printing.
    public var description: String { reason }
}
