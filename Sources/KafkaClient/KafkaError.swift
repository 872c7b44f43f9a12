/// An error from the Kafka layer: a configuration problem, a broker or client error reported by librdkafka,
/// a transaction failure or the use of a closed client.
///
/// `isRetriable` tells whether the same call may succeed later; `isFatal` tells that the client cannot be
/// used any more (a fenced transactional producer, a failed authentication) and the process should stop.
public struct KafkaError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure. Extensible: match on the static members.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case configuration, broker, transaction, shutdown, timeout, queueFull, unknownTopic
        }
        private let base: Base

        /// An invalid property or combination of properties.
        public static let configuration = Code(base: .configuration)
        /// An error reported by librdkafka for a broker operation.
        public static let broker = Code(base: .broker)
        /// A transaction failed; see `requiresAbort`.
        public static let transaction = Code(base: .transaction)
        /// The client was already closed.
        public static let shutdown = Code(base: .shutdown)
        /// The operation did not finish in time.
        public static let timeout = Code(base: .timeout)
        /// The local producer queue is full.
        public static let queueFull = Code(base: .queueFull)
        /// The topic or partition does not exist.
        public static let unknownTopic = Code(base: .unknownTopic)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// The raw `rd_kafka_resp_err_t` value, when librdkafka reported one.
    public var rdKafkaCode: Int32?
    /// librdkafka's name of `rdKafkaCode` (`"_TIMED_OUT"`, `"UNKNOWN_TOPIC_OR_PART"`), when known.
    public var rdKafkaName: String?
    /// A human-readable explanation.
    public var reason: String
    /// The same operation may succeed if retried.
    public var isRetriable: Bool
    /// The client is unusable; the process should stop.
    public var isFatal: Bool
    /// For transactions: the current transaction must be aborted before the producer can be used again.
    public var requiresAbort: Bool
    /// Where the error was raised.
    public var file: String
    /// The line where the error was raised.
    public var line: Int

    /// Creates an error.
    public init(
        code: Code,
        reason: String,
        rdKafkaCode: Int32? = nil,
        rdKafkaName: String? = nil,
        isRetriable: Bool = false,
        isFatal: Bool = false,
        requiresAbort: Bool = false,
        file: String = #fileID,
        line: Int = #line
    ) {
        self.code = code
        self.reason = reason
        self.rdKafkaCode = rdKafkaCode
        self.rdKafkaName = rdKafkaName
        self.isRetriable = isRetriable
        self.isFatal = isFatal
        self.requiresAbort = requiresAbort
        self.file = file
        self.line = line
    }

    /// One line for people: `kafka configuration: property x=1: No such configuration property: "x"`.
    public var description: String {
        var text = "kafka \(code): \(reason)"
        if let rdKafkaName { text += " [\(rdKafkaName)]" }
        if isFatal { text += " (fatal)" }
        return text
    }
}
