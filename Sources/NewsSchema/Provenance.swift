public import Foundation

/// A record of one stage having processed an envelope.
///
/// Compatibility rule: add optional fields only; bump ``NewsSchemaVersion/current`` otherwise.
public struct Provenance: Codable, Sendable, Hashable {
    /// The stage name, for example `"ingest"`.
    public var stage: String
    /// The version of the stage's software.
    public var version: String
    /// The host (or pod) that ran the stage.
    public var host: String
    /// When the stage started on this message.
    public var startedAt: Date
    /// When the stage finished with this message.
    public var finishedAt: Date

    /// Creates a provenance record.
    ///
    /// - Parameters:
    ///   - stage: The stage name.
    ///   - version: The stage's software version.
    ///   - host: The host that ran it.
    ///   - startedAt: When processing started.
    ///   - finishedAt: When processing finished.
    public init(stage: String, version: String, host: String, startedAt: Date, finishedAt: Date) {
        self.stage = stage
        self.version = version
        self.host = host
        self.startedAt = startedAt
        self.finishedAt = finishedAt
    }
}
