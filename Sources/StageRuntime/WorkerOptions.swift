public import ArgumentParser
public import Foundation
public import KafkaClient
public import Logging

/// The command-line options every worker shares. Each option falls back to an environment variable, then
/// to its default, so a container can be configured either way.
public struct WorkerOptions: ParsableArguments, Sendable {
    @Option(help: "Kafka bootstrap servers, host:port[,host:port]. Env: NEWSLINE_BROKERS.")
    public var brokers: String?

    @Option(help: "Prefix of every topic name, so pipelines can share a cluster. Env: NEWSLINE_TOPIC_PREFIX. Default: none.")
    public var topicPrefix: String?

    @Option(help: "Consumer group id. Env: NEWSLINE_GROUP. Default: newsline-<stage>.")
    public var group: String?

    @Option(
        name: .customLong("kafka-property"),
        help: "A librdkafka property key=value, passed through (repeatable), e.g. security.protocol=SASL_SSL."
    )
    public var kafkaProperties: [String] = []

    @Option(help: "A file of librdkafka properties, one key=value per line ('#' comments). Env: NEWSLINE_KAFKA_CONFIG.")
    public var kafkaConfig: String?

    @Flag(help: "Exactly-once: outputs and input offsets commit in one transaction; reads are read_committed. Env: NEWSLINE_EXACTLY_ONCE=1.")
    public var exactlyOnce = false

    @Option(help: "transactional.id in exactly-once mode. Env: NEWSLINE_TRANSACTIONAL_ID. Default: <group>-<host name>.")
    public var transactionalId: String?

    @Option(help: "Partitions processed at once. Env: NEWSLINE_CONCURRENCY. Default: the number of cores.")
    public var concurrency: Int?

    @Option(help: "Seconds allowed for a graceful shutdown on SIGTERM/SIGINT. Env: NEWSLINE_SHUTDOWN_TIMEOUT. Default: 10.")
    public var shutdownTimeout: Double?

    @Option(help: "Largest input message accepted, in bytes; larger ones are dead-lettered. Env: NEWSLINE_MAX_MESSAGE_BYTES. Default: 1048576.")
    public var maxMessageBytes: Int?

    @Option(help: "Seconds between summary log lines (0 turns them off). Env: NEWSLINE_SUMMARY_INTERVAL. Default: 10.")
    public var summaryInterval: Double?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. Env: NEWSLINE_LOG_LEVEL. Default: info.")
    public var logLevel: String?

    @Option(help: "Serve /metrics, /healthz and /readyz on this port. Env: NEWSLINE_HTTP_PORT. Default: no HTTP server.")
    public var httpPort: Int?

    @Option(help: "Address the HTTP server binds (0.0.0.0 in containers). Env: NEWSLINE_HTTP_HOST. Default: 127.0.0.1.")
    public var httpHost: String?

    public init() {}

    public mutating func validate() throws {
        if let concurrency, concurrency < 1 { throw ValidationError("--concurrency must be at least 1") }
        if let shutdownTimeout, shutdownTimeout <= 0 { throw ValidationError("--shutdown-timeout must be positive") }
        if let maxMessageBytes, maxMessageBytes < 1024 { throw ValidationError("--max-message-bytes must be at least 1024") }
        for property in kafkaProperties where !property.contains("=") {
            throw ValidationError("--kafka-property expects key=value, got '\(property)'")
        }
        if let httpPort, !(1...65535).contains(httpPort) { throw ValidationError("--http-port must be 1...65535") }
        if let logLevel, Logger.Level(rawValue: logLevel) == nil {
            throw ValidationError("--log-level must be one of \(Logger.Level.allCases.map(\.rawValue).joined(separator: ", "))")
        }
    }
}

/// `WorkerOptions` with every fallback applied. Each field may be changed before the worker starts.
public struct ResolvedWorkerOptions: Sendable {
    public var kafka: KafkaConfiguration
    public var topicPrefix: String
    public var group: String
    public var exactlyOnce: Bool
    public var transactionalID: String
    public var concurrency: Int
    public var shutdownTimeout: Duration
    public var maxMessageBytes: Int
    public var summaryInterval: Duration?
    public var logLevel: Logger.Level
    public var httpPort: Int?
    public var httpHost: String

    /// How a stage's group shares partitions: a rebalance revokes only the partitions that move. Anything else
    /// that joins a stage's group (`newsline replay`) must offer the same, or the broker turns it away
    /// (INCONSISTENT_GROUP_PROTOCOL), and the embedded cluster aborts on it.
    public static let partitionAssignmentStrategy = "cooperative-sticky"
}

extension WorkerOptions {
    /// Applies environment fallbacks and defaults.
    /// - Throws: `ValidationError` for a missing broker list or an unreadable property file.
    public func resolved(stage: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ResolvedWorkerOptions
    {
        let kafka = try Self.kafkaConfiguration(
            brokers: brokers, kafkaConfig: kafkaConfig, kafkaProperties: kafkaProperties, environment: environment
        )
        let group = group ?? environment["NEWSLINE_GROUP"] ?? "newsline-\(stage)"
        let exactlyOnce = exactlyOnce || ["1", "true", "yes"].contains(environment["NEWSLINE_EXACTLY_ONCE"]?.lowercased() ?? "")
        let interval = summaryInterval ?? environment["NEWSLINE_SUMMARY_INTERVAL"].flatMap(Double.init) ?? 10
        return ResolvedWorkerOptions(
            kafka: kafka,
            topicPrefix: topicPrefix ?? environment["NEWSLINE_TOPIC_PREFIX"] ?? "",
            group: group,
            exactlyOnce: exactlyOnce,
            transactionalID: transactionalId ?? environment["NEWSLINE_TRANSACTIONAL_ID"]
                ?? "\(group)-\(ProcessInfo.processInfo.hostName)",
            concurrency: concurrency ?? environment["NEWSLINE_CONCURRENCY"].flatMap(Int.init)
                ?? ProcessInfo.processInfo.activeProcessorCount,
            shutdownTimeout: .milliseconds(
                Int((shutdownTimeout ?? environment["NEWSLINE_SHUTDOWN_TIMEOUT"].flatMap(Double.init) ?? 10) * 1000)
            ),
            maxMessageBytes: maxMessageBytes ?? environment["NEWSLINE_MAX_MESSAGE_BYTES"].flatMap(Int.init) ?? 1_048_576,
            summaryInterval: interval > 0 ? .milliseconds(Int(interval * 1000)) : nil,
            logLevel: (logLevel ?? environment["NEWSLINE_LOG_LEVEL"]).flatMap(Logger.Level.init(rawValue:)) ?? .info,
            httpPort: httpPort ?? environment["NEWSLINE_HTTP_PORT"].flatMap(Int.init),
            httpHost: httpHost ?? environment["NEWSLINE_HTTP_HOST"] ?? "127.0.0.1"
        )
    }

    /// The brokers and pass-through properties from flags, then the environment (`NEWSLINE_BROKERS`,
    /// `NEWSLINE_KAFKA_CONFIG`): the property file first, `--kafka-property` flags over it. The CLI
    /// resolves its Kafka options the same way.
    /// - Throws: `ValidationError` for a missing broker list or an unreadable property file.
    public static func kafkaConfiguration(
        brokers: String?,
        kafkaConfig: String?,
        kafkaProperties: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> KafkaConfiguration {
        guard let brokers = brokers ?? environment["NEWSLINE_BROKERS"], !brokers.isEmpty else {
            throw ValidationError("no brokers: pass --brokers host:port or set NEWSLINE_BROKERS")
        }
        var properties: [String: String] = [:]
        if let file = kafkaConfig ?? environment["NEWSLINE_KAFKA_CONFIG"] {
            properties = try readProperties(file: file)
        }
        for property in kafkaProperties {
            let parts = property.split(separator: "=", maxSplits: 1).map(String.init)
            properties[parts[0]] = parts.count > 1 ? parts[1] : ""
        }
        return KafkaConfiguration(bootstrapServers: brokers, additionalProperties: properties)
    }

    /// Reads `key=value` lines; blank lines and lines starting with `#` are skipped.
    public static func readProperties(file: String) throws -> [String: String] {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ValidationError("cannot read the Kafka property file \(file)")
        }
        var properties: [String: String] = [:]
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ValidationError("\(file):\(number + 1): expected key=value")
            }
            properties[line[..<equals].trimmingCharacters(in: .whitespaces)] =
                line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return properties
    }
}
