public import ArgumentParser
public import Foundation
public import KafkaClient
public import Logging

/// The command-line options every worker shares. Each option falls back to an environment variable, then
/// to its default, so a container can be configured either way.
public struct WorkerOptions: ParsableArguments, Sendable {
    @Option(help: "Kafka bootstrap servers, host:port[,host:port]. Env: NEWSLINE_BROKERS.")
    public var brokers: String?

    @Option(help: "Prefix of every topic name, so pipelines can share a cluster: letters, digits, '.', '_', '-'. Env: NEWSLINE_TOPIC_PREFIX. Default: none.")
    public var topicPrefix: String?

    @Option(help: "Consumer group id. Env: NEWSLINE_GROUP. Default: newsline-<stage> after the topic prefix (staging.newsline-ingest).")
    public var group: String?

    @Option(
        name: .customLong("kafka-property"),
        help: "A librdkafka property key=value, passed through (repeatable), e.g. security.protocol=SASL_SSL."
    )
    public var kafkaProperties: [String] = []

    @Option(help: "A file of librdkafka properties, one key=value per line ('#' comments); its bootstrap.servers serves when no brokers are given. Env: NEWSLINE_KAFKA_CONFIG.")
    public var kafkaConfig: String?

    @Flag(help: "Exactly-once: outputs and input offsets commit in one transaction; reads are read_committed. Env: NEWSLINE_EXACTLY_ONCE=1.")
    public var exactlyOnce = false

    @Option(help: "transactional.id in exactly-once mode. Env: NEWSLINE_TRANSACTIONAL_ID. Default: <group>-<host name>.")
    public var transactionalId: String?

    @Option(help: "Messages processed at once, from any partitions (outputs still leave in each partition's order). Env: NEWSLINE_CONCURRENCY. Default: the number of cores.")
    public var concurrency: Int?

    @Option(
        help: "Time allowed for a graceful shutdown on SIGTERM/SIGINT: seconds, or a duration like 30s or 1m. Env: NEWSLINE_SHUTDOWN_TIMEOUT. Default: 10.",
        transform: { try OptionRule.seconds.argument($0) }
    )
    public var shutdownTimeout: Double?

    @Option(help: "Largest message read or written, in bytes: a larger input, or an input whose output would be larger, is dead-lettered. 1024 to 500000000; keep it within the brokers' message.max.bytes. Env: NEWSLINE_MAX_MESSAGE_BYTES. Default: 1048576.")
    public var maxMessageBytes: Int?

    @Option(
        help: "Time between summary log lines: seconds, or a duration like 30s or 5m; 0 turns them off. Env: NEWSLINE_SUMMARY_INTERVAL. Default: 10.",
        transform: { try OptionRule.secondsOrZero.argument($0) }
    )
    public var summaryInterval: Double?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical. Env: NEWSLINE_LOG_LEVEL. Default: info.")
    public var logLevel: String?

    @Option(help: "Log line format: text (for people) or json (one object per line, for log collectors). Env: NEWSLINE_LOG_FORMAT. Default: text.")
    public var logFormat: String?

    @Option(help: "Serve /metrics, /healthz and /readyz on this port. Env: NEWSLINE_HTTP_PORT. Default: no HTTP server.")
    public var httpPort: Int?

    @Option(help: "Address the HTTP server binds (0.0.0.0 in containers). Env: NEWSLINE_HTTP_HOST. Default: 127.0.0.1.")
    public var httpHost: String?

    @Option(help: "Stop, as on SIGTERM, once the process with this id is no longer this worker's parent: it ended (newsline demo starts its workers so). Env: NEWSLINE_PARENT_PID. Default: run on.")
    public var parentPid: Int?

    public init() {}

    public mutating func validate() throws {
        try OptionRule.concurrency.check(concurrency, "--concurrency")
        try OptionRule.maxMessageBytes.check(maxMessageBytes, "--max-message-bytes")
        for property in kafkaProperties where Self.keyAndValue(property) == nil {
            throw ValidationError("--kafka-property expects key=value, got '\(property)'")
        }
        try OptionRule.httpPort.check(httpPort, "--http-port")
        try OptionRule.processID.check(parentPid, "--parent-pid")
        try OptionRule.logLevel.check(logLevel, "--log-level")
        try OptionRule.logFormat.check(logFormat, "--log-format")
        try OptionRule.topicPrefix.check(topicPrefix, "--topic-prefix")
        // librdkafka takes an empty id for none: "Local: Unknown group" at subscribe, a missing transactional.id.
        for (value, option) in [(group, "--group"), (transactionalId, "--transactional-id")] {
            if let value, value.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("\(option) must not be empty") }
        }
    }

    /// The topic prefix: `flag`, else `NEWSLINE_TOPIC_PREFIX` (trimmed; empty counts as unset), else none.
    ///
    /// - Throws: `ValidationError` when the one used holds what no topic name may.
    public static func topicPrefix(flag: String?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> String {
        try OptionRule.topicPrefix.check(flag, "--topic-prefix")
        return try flag ?? OptionRule.topicPrefix.value(of: "NEWSLINE_TOPIC_PREFIX", in: EnvironmentFallback(environment)) ?? ""
    }

    /// The process whose end stops this one (see ``ParentProcess``): `flag`, else `NEWSLINE_PARENT_PID`, else none.
    /// `newsline broker` reads it so too.
    ///
    /// - Throws: `ValidationError` when the one used is not a process id.
    public static func parentPID(flag: Int?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int32? {
        try OptionRule.processID.check(flag, "--parent-pid")
        return try (flag ?? OptionRule.processID.value(of: "NEWSLINE_PARENT_PID", in: EnvironmentFallback(environment))).map { Int32($0) }
    }

    /// The largest message: `flag`, else `NEWSLINE_MAX_MESSAGE_BYTES`, else 1 MiB. `newsline push` reads it so too.
    ///
    /// - Throws: `ValidationError` when the one used is out of range.
    public static func maxMessageBytes(flag: Int?, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Int {
        try OptionRule.maxMessageBytes.check(flag, "--max-message-bytes")
        return try flag ?? OptionRule.maxMessageBytes.value(of: "NEWSLINE_MAX_MESSAGE_BYTES", in: EnvironmentFallback(environment))
            ?? ResolvedWorkerOptions.defaultMaxMessageBytes
    }
}

/// How a worker writes its log lines.
public enum LogFormat: String, CaseIterable, Sendable {
    /// swift-log's own lines: time, level, label, metadata, message.
    case text
    /// One JSON object per line: time, level, logger, message, then the metadata as members of their own.
    case json
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
    public var logFormat: LogFormat
    public var httpPort: Int?
    public var httpHost: String
    /// Stop once the parent process is no longer this one (see ``ParentProcess``); nil: run on.
    public var parentPID: Int32?

    /// How a stage's group shares partitions: a rebalance revokes only the partitions that move. Anything else
    /// that joins a stage's group (`newsline replay`) must offer the same, or the broker turns it away
    /// (INCONSISTENT_GROUP_PROTOCOL), and the embedded cluster aborts on it.
    public static let partitionAssignmentStrategy = "cooperative-sticky"

    /// The largest input message a stage accepts unless told otherwise (1 MiB).
    public static let defaultMaxMessageBytes = 1_048_576

    /// The consumer group of a stage's workers unless told otherwise: `newsline-<stage>` after the topic prefix.
    /// Pipelines that share a cluster by prefix so share no group: a shared one would tie their rebalances
    /// together, keep `newsline replay` from one while the other runs, and give both the same transactional ids.
    public static func defaultGroup(stage: String, topicPrefix: String) -> String {
        "\(topicPrefix)newsline-\(stage)"
    }
}

extension WorkerOptions {
    /// Applies environment fallbacks and defaults.
    ///
    /// An environment variable is held to its flag's rules: one that does not parse, or is out of range, is an
    /// error naming it, not a silent default. An empty one counts as unset.
    /// - Throws: `ValidationError` for a missing broker list, an unreadable property file or a bad variable.
    public func resolved(stage: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws
        -> ResolvedWorkerOptions
    {
        let kafka = try Self.kafkaConfiguration(
            brokers: brokers, kafkaConfig: kafkaConfig, kafkaProperties: kafkaProperties, environment: environment
        )
        let variables = EnvironmentFallback(environment)
        let topicPrefix = try Self.topicPrefix(flag: topicPrefix, environment: environment)
        let group = group ?? variables.text("NEWSLINE_GROUP")
            ?? ResolvedWorkerOptions.defaultGroup(stage: stage, topicPrefix: topicPrefix)
        // Flags were checked by `validate()`; a variable is read only where its flag is absent.
        let exactlyOnce = try exactlyOnce || OptionRule.yesOrNo.value(of: "NEWSLINE_EXACTLY_ONCE", in: variables) ?? false
        let concurrency = try concurrency ?? OptionRule.concurrency.value(of: "NEWSLINE_CONCURRENCY", in: variables)
        let shutdownTimeout = try shutdownTimeout ?? OptionRule.seconds.value(of: "NEWSLINE_SHUTDOWN_TIMEOUT", in: variables) ?? 10
        let interval = try summaryInterval ?? OptionRule.secondsOrZero.value(of: "NEWSLINE_SUMMARY_INTERVAL", in: variables) ?? 10
        let logLevel = try (logLevel ?? OptionRule.logLevel.value(of: "NEWSLINE_LOG_LEVEL", in: variables))
            .flatMap(Logger.Level.init(rawValue:))
        let logFormat = try (logFormat ?? OptionRule.logFormat.value(of: "NEWSLINE_LOG_FORMAT", in: variables))
            .flatMap(LogFormat.init(rawValue:))
        let httpPort = try httpPort ?? OptionRule.httpPort.value(of: "NEWSLINE_HTTP_PORT", in: variables)
        return ResolvedWorkerOptions(
            kafka: kafka,
            topicPrefix: topicPrefix,
            group: group,
            exactlyOnce: exactlyOnce,
            transactionalID: transactionalId ?? variables.text("NEWSLINE_TRANSACTIONAL_ID")
                ?? "\(group)-\(ProcessInfo.processInfo.hostName)",
            concurrency: concurrency ?? ProcessInfo.processInfo.activeProcessorCount,
            shutdownTimeout: .milliseconds(Int(shutdownTimeout * 1000)),
            maxMessageBytes: try Self.maxMessageBytes(flag: maxMessageBytes, environment: environment),
            summaryInterval: interval > 0 ? .milliseconds(Int(interval * 1000)) : nil,
            logLevel: logLevel ?? .info,
            logFormat: logFormat ?? .text,
            httpPort: httpPort,
            httpHost: httpHost ?? variables.text("NEWSLINE_HTTP_HOST") ?? "127.0.0.1",
            parentPID: try Self.parentPID(flag: parentPid, environment: environment)
        )
    }

    /// The brokers and pass-through properties from flags, then the environment (`NEWSLINE_BROKERS`,
    /// `NEWSLINE_KAFKA_CONFIG`): the property file first, `--kafka-property` flags over it. The brokers are
    /// `--brokers`, else `NEWSLINE_BROKERS`, else the properties' `bootstrap.servers`, as in a Kafka client
    /// properties file. The CLI resolves its Kafka options the same way.
    /// - Throws: `ValidationError` for a missing broker list or an unreadable property file.
    public static func kafkaConfiguration(
        brokers: String?,
        kafkaConfig: String?,
        kafkaProperties: [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws -> KafkaConfiguration {
        let variables = EnvironmentFallback(environment)
        var properties: [String: String] = [:]
        if let file = kafkaConfig ?? variables.text("NEWSLINE_KAFKA_CONFIG") {
            properties = try readProperties(file: file)
        }
        for property in kafkaProperties {
            guard let (key, value) = keyAndValue(property) else {
                throw ValidationError("--kafka-property expects key=value, got '\(property)'")
            }
            properties[key] = value
        }
        // Taken out of the pass-through properties, which would otherwise override the brokers chosen here.
        let fromProperties = properties.removeValue(forKey: "bootstrap.servers")
        let given = brokers ?? variables.text("NEWSLINE_BROKERS") ?? fromProperties ?? ""
        // Spaces after commas and empty entries are dropped, so `a:9092, b:9092,` means two brokers.
        let entries = given.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !entries.isEmpty else {
            throw ValidationError("no brokers: pass --brokers host:port, set NEWSLINE_BROKERS or give bootstrap.servers in --kafka-config")
        }
        if let bad = entries.first(where: { !isBrokerAddress($0) }) {
            throw ValidationError("not a broker address, host[:port] with a port of 1...65535: '\(bad)' in '\(given)'")
        }
        return KafkaConfiguration(bootstrapServers: entries.joined(separator: ","), additionalProperties: properties)
    }

    /// `host`, `host:port`, `[ipv6]:port`, optionally after `protocol://`, with no spaces and a port of 1...65535.
    static func isBrokerAddress(_ entry: String) -> Bool {
        var address = Substring(entry)
        if let scheme = address.range(of: "://") { address = address[scheme.upperBound...] }
        guard !address.isEmpty, !address.contains(where: \.isWhitespace) else { return false }
        let port: Substring?
        if address.hasPrefix("[") {
            guard let close = address.firstIndex(of: "]") else { return false }
            let rest = address[address.index(after: close)...]
            guard rest.isEmpty || rest.hasPrefix(":") else { return false }
            port = rest.isEmpty ? nil : rest.dropFirst()
        } else if address.filter({ $0 == ":" }).count == 1, let colon = address.firstIndex(of: ":") {
            guard colon != address.startIndex else { return false }
            port = address[address.index(after: colon)...]
        } else {
            // No colon: the default port. More than one: an IPv6 address without brackets, left to librdkafka.
            port = nil
        }
        guard let port else { return true }
        return Int(port).map { (1...65_535).contains($0) } ?? false
    }

    /// Reads `key=value` lines; blank lines and lines starting with `#` are skipped. Lines may end in CRLF (a
    /// file saved on Windows) and the file may start with a byte order mark.
    public static func readProperties(file: String) throws -> [String: String] {
        guard var text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw ValidationError("cannot read the Kafka property file \(file)")
        }
        if text.first == "\u{FEFF}" { text.removeFirst() }
        var properties: [String: String] = [:]
        // By Character, "\r\n" is one newline: split on "\n" alone, such a file was one long line.
        for (number, rawLine) in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let (key, value) = keyAndValue(line) else {
                throw ValidationError("\(file):\(number + 1): expected key=value")
            }
            properties[key] = value
        }
        return properties
    }

    /// A property's key and value, around its first `=`, trimmed; nil without `=` or with an empty key.
    public static func keyAndValue(_ text: some StringProtocol) -> (key: String, value: String)? {
        guard let equals = text.firstIndex(of: "=") else { return nil }
        let key = text[..<equals].trimmingCharacters(in: .whitespaces)
        guard !key.isEmpty else { return nil }
        return (key, text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces))
    }
}

/// Reads the environment variables options fall back to.
struct EnvironmentFallback {
    let environment: [String: String]

    init(_ environment: [String: String]) {
        self.environment = environment
    }

    /// The variable's text; nil when unset or empty.
    func text(_ name: String) -> String? {
        guard let text = environment[name]?.trimmingCharacters(in: .whitespaces), !text.isEmpty else { return nil }
        return text
    }

}
