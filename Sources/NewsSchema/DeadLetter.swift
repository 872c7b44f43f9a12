public import Foundation

/// The message on `articles.dead-letter`: a message a stage could not process, with the error,
/// where it came from and (up to ``maxPayloadBytes``) its original bytes.
///
/// Compatibility rule: add optional fields only; bump ``NewsSchemaVersion/current`` otherwise.
public struct DeadLetter: Codable, Sendable, Hashable, VersionedMessage {
    /// The most payload bytes a dead letter carries (64 KiB). The full message stays at its
    /// source offset until retention removes it.
    public static let maxPayloadBytes = 64 * 1024

    /// The schema version this message was written with.
    public var schemaVersion: Int
    /// The stage that failed, for example `"ingest"`.
    public var stage: String
    /// The failure class.
    public var reason: DeadLetterReason
    /// A human-readable description of the error.
    public var message: String
    /// The topic the failed message was read from.
    public var sourceTopic: String
    /// The partition the failed message was read from.
    public var sourcePartition: Int32
    /// The offset of the failed message.
    public var sourceOffset: Int64
    /// The failed message's key, when it had one and it was UTF-8.
    public var key: String?
    /// The original bytes (base64 in JSON), at most ``maxPayloadBytes``.
    public var payload: Data
    /// Whether ``payload`` was cut at ``maxPayloadBytes``.
    public var payloadTruncated: Bool
    /// The failed message's headers.
    public var headers: [String: String]
    /// When the stage gave up on the message.
    public var failedAt: Date
    /// How many times the message has been redriven from the dead-letter topic before.
    public var redriveCount: Int

    /// Creates a dead letter, cutting `payload` to ``maxPayloadBytes`` and setting
    /// ``payloadTruncated`` accordingly.
    ///
    /// - Parameters:
    ///   - schemaVersion: The schema version; defaults to ``NewsSchemaVersion/current``.
    ///   - stage: The stage that failed.
    ///   - reason: The failure class.
    ///   - message: A human-readable description of the error.
    ///   - sourceTopic: The topic of the failed message.
    ///   - sourcePartition: Its partition.
    ///   - sourceOffset: Its offset.
    ///   - key: Its key.
    ///   - payload: Its full original bytes.
    ///   - headers: Its headers.
    ///   - failedAt: When the stage gave up.
    ///   - redriveCount: How many times it has been redriven before.
    public init(
        schemaVersion: Int = NewsSchemaVersion.current,
        stage: String,
        reason: DeadLetterReason,
        message: String,
        sourceTopic: String,
        sourcePartition: Int32,
        sourceOffset: Int64,
        key: String? = nil,
        payload: Data,
        headers: [String: String] = [:],
        failedAt: Date,
        redriveCount: Int = 0
    ) {
        self.schemaVersion = schemaVersion
        self.stage = stage
        self.reason = reason
        self.message = message
        self.sourceTopic = sourceTopic
        self.sourcePartition = sourcePartition
        self.sourceOffset = sourceOffset
        self.key = key
        self.payloadTruncated = payload.count > Self.maxPayloadBytes
        self.payload = payloadTruncated ? Data(payload.prefix(Self.maxPayloadBytes)) : payload
        self.headers = headers
        self.failedAt = failedAt
        self.redriveCount = redriveCount
    }
}
