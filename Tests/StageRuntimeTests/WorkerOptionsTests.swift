import ArgumentParser
import Foundation
import KafkaClient
import Logging
import Testing

@testable import StageRuntime

@Suite struct WorkerOptionsTests {
    /// A property file with `text`, in the temporary directory.
    private func propertyFile(_ text: String) throws -> URL {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-props-\(UUID().uuidString).properties")
        try text.write(to: file, atomically: true, encoding: .utf8)
        return file
    }

    @Test func flagsWinOverTheEnvironmentWhichWinsOverDefaults() throws {
        let environment = ["NEWSLINE_BROKERS": "env:9092", "NEWSLINE_TOPIC_PREFIX": "staging.", "NEWSLINE_CONCURRENCY": "3"]
        let fromEnvironment = try WorkerOptions.parse([]).resolved(stage: "ingest", environment: environment)
        #expect(fromEnvironment.kafka.bootstrapServers == "env:9092")
        #expect(fromEnvironment.topicPrefix == "staging.")
        #expect(fromEnvironment.concurrency == 3)
        #expect(fromEnvironment.group == "staging.newsline-ingest")
        #expect(fromEnvironment.shutdownTimeout == .seconds(10))
        #expect(!fromEnvironment.exactlyOnce)
        #expect(fromEnvironment.logFormat == .text)

        let fromFlags = try WorkerOptions.parse(
            ["--brokers", "flag:9092", "--group", "g", "--exactly-once", "--concurrency", "1", "--log-format", "json"]
        ).resolved(stage: "ingest", environment: environment.merging(["NEWSLINE_LOG_FORMAT": "text"]) { $1 })
        #expect(fromFlags.kafka.bootstrapServers == "flag:9092")
        #expect(fromFlags.group == "g")
        #expect(fromFlags.exactlyOnce)
        #expect(fromFlags.concurrency == 1)
        #expect(fromFlags.logFormat == .json)
        #expect(fromFlags.transactionalID.hasPrefix("g-"))
    }

    /// Two pipelines on one cluster, told apart by their topic prefix, must not share consumer groups (nor, through
    /// the groups, transactional ids); a group that is given is taken as it is.
    @Test func theDefaultGroupCarriesTheTopicPrefix() throws {
        let plain = try WorkerOptions.parse(["--brokers", "b:1"]).resolved(stage: "entities", environment: [:])
        #expect(plain.group == "newsline-entities")
        let staging = try WorkerOptions.parse(["--brokers", "b:1", "--topic-prefix", "staging.", "--exactly-once"])
            .resolved(stage: "entities", environment: [:])
        #expect(staging.group == "staging.newsline-entities")
        #expect(staging.transactionalID.hasPrefix("staging.newsline-entities-"))
        #expect(staging.transactionalID != plain.transactionalID)
        let fromEnvironment = try WorkerOptions.parse([]).resolved(
            stage: "summarize", environment: ["NEWSLINE_BROKERS": "b:1", "NEWSLINE_TOPIC_PREFIX": "dev-"]
        )
        #expect(fromEnvironment.group == "dev-newsline-summarize")
        let given = try WorkerOptions.parse([]).resolved(
            stage: "summarize", environment: ["NEWSLINE_BROKERS": "b:1", "NEWSLINE_TOPIC_PREFIX": "dev-", "NEWSLINE_GROUP": "summaries"]
        )
        #expect(given.group == "summaries")
    }

    @Test func theParentToStopWithComesFromTheFlagOrTheEnvironment() throws {
        #expect(try WorkerOptions.parse(["--brokers", "b:1"]).resolved(stage: "ingest", environment: [:]).parentPID == nil)
        let fromFlag = try WorkerOptions.parse(["--brokers", "b:1", "--parent-pid", "4242"])
            .resolved(stage: "ingest", environment: ["NEWSLINE_PARENT_PID": "17"])
        #expect(fromFlag.parentPID == 4242)
        let fromEnvironment = try WorkerOptions.parse(["--brokers", "b:1"]).resolved(stage: "ingest", environment: ["NEWSLINE_PARENT_PID": " 17 "])
        #expect(fromEnvironment.parentPID == 17)
        #expect(throws: ValidationError.self) {
            try WorkerOptions.parse(["--brokers", "b:1"]).resolved(stage: "ingest", environment: ["NEWSLINE_PARENT_PID": "0"])
        }
        #expect(throws: (any Error).self) { try WorkerOptions.parse(["--brokers", "b:1", "--parent-pid", "2147483648"]) }
    }

    @Test func kafkaPropertiesComeFromAFileAndFlagsOverrideIt() throws {
        let file = try propertyFile("# SASL\nsecurity.protocol = SASL_SSL\nsasl.mechanisms=PLAIN\n\n")
        let resolved = try WorkerOptions.parse(
            ["--brokers", "b:1", "--kafka-config", file.path, "--kafka-property", "sasl.mechanisms=SCRAM-SHA-512"]
        ).resolved(stage: "entities", environment: [:])
        #expect(resolved.kafka.additionalProperties == ["security.protocol": "SASL_SSL", "sasl.mechanisms": "SCRAM-SHA-512"])
    }

    /// A file saved on Windows was one long line (by Character, "\r\n" is not "\n"): behind a leading comment,
    /// every property was dropped, and the brokers were missing.
    @Test func aPropertyFileWithCRLFLinesAndAByteOrderMarkIsRead() throws {
        let file = try propertyFile("\u{FEFF}# from Windows\r\nbootstrap.servers = file:9092\r\n\r\nsocket.timeout.ms=5000\r\n")
        let resolved = try WorkerOptions.parse(["--kafka-config", file.path]).resolved(stage: "ingest", environment: [:])
        #expect(resolved.kafka.bootstrapServers == "file:9092")
        #expect(resolved.kafka.additionalProperties == ["socket.timeout.ms": "5000"])
    }

    @Test(arguments: ["=x", " = x", "acks"])
    func aPropertyWithoutAKeyIsAUsageError(_ property: String) {
        do {
            _ = try WorkerOptions.parse(["--brokers", "b:1", "--kafka-property", property])
            Issue.record("'\(property)' was accepted")
        } catch {
            #expect(WorkerOptions.message(for: error) == "--kafka-property expects key=value, got '\(property)'")
        }
    }

    @Test func aPropertyFlagIsTrimmedLikeTheFile() throws {
        let resolved = try WorkerOptions.parse(["--brokers", "b:1", "--kafka-property", " acks = all "]).resolved(stage: "ingest", environment: [:])
        #expect(resolved.kafka.additionalProperties == ["acks": "all"])
    }

    @Test func theBrokersMayComeFromThePropertyFileButFlagsAndTheEnvironmentWin() throws {
        let file = try propertyFile("bootstrap.servers=file:9092\nsecurity.protocol=SSL\n")
        let fromFile = try WorkerOptions.parse(["--kafka-config", file.path]).resolved(stage: "ingest", environment: [:])
        #expect(fromFile.kafka.bootstrapServers == "file:9092")
        #expect(fromFile.kafka.additionalProperties == ["security.protocol": "SSL"])
        let fromEnvironment = try WorkerOptions.parse([]).resolved(
            stage: "ingest", environment: ["NEWSLINE_KAFKA_CONFIG": file.path, "NEWSLINE_BROKERS": "env:9092"]
        )
        #expect(fromEnvironment.kafka.bootstrapServers == "env:9092")
        // Left among the pass-through properties, the file's list would have overridden the flag in librdkafka.
        let fromFlag = try WorkerOptions.parse(["--kafka-config", file.path, "--brokers", "flag:9092"]).resolved(stage: "ingest", environment: [:])
        #expect(fromFlag.kafka.bootstrapServers == "flag:9092")
        #expect(fromFlag.kafka.additionalProperties["bootstrap.servers"] == nil)
    }

    @Test func noBrokersIsAClearError() {
        #expect(throws: ValidationError.self) { try WorkerOptions.parse([]).resolved(stage: "ingest", environment: [:]) }
    }

    /// A list with only commas used to leave a worker waiting forever for "no brokers configured"; a mistyped port
    /// for a broker that could never answer.
    @Test func brokerListsAreTidiedAndCheckedBeforeAnyConnection() throws {
        func configuration(_ brokers: String) throws -> String {
            try WorkerOptions.kafkaConfiguration(brokers: brokers, kafkaConfig: nil, kafkaProperties: [], environment: [:]).bootstrapServers
        }
        #expect(try configuration(" a:9092, b:9093 ,,[::1]:9094,SSL://c.example:9095,d,") == "a:9092,b:9093,[::1]:9094,SSL://c.example:9095,d")
        for empty in [",", " , ", ""] {
            let error = try #require(throws: ValidationError.self) { try configuration(empty) }
            #expect(error.message.hasPrefix("no brokers"))
        }
        for bad in ["a:9o92", "a:0", "a:70000", "a:", "a b:9092", ":9092", "[::1:9092", "[::1]9092"] {
            let error = try #require(throws: ValidationError.self) { try configuration("ok:9092," + bad) }
            #expect(error.message == "not a broker address, host[:port] with a port of 1...65535: '\(bad.trimmingCharacters(in: .whitespaces))' in 'ok:9092,\(bad)'")
        }
    }

    @Test(arguments: [
        ["--concurrency", "0"],
        ["--shutdown-timeout", "-1"],
        ["--shutdown-timeout", "inf"],
        ["--shutdown-timeout", "nan"],
        ["--shutdown-timeout", "1e300"],
        ["--summary-interval", "inf"],
        ["--summary-interval=-2"],
        ["--kafka-property", "no-equals-sign"],
        ["--log-level", "loud"],
        ["--log-format", "yaml"],
        ["--topic-prefix", "staging/"],
        ["--topic-prefix", "team a."],
        ["--topic-prefix", String(repeating: "p", count: 230)],
        ["--no-such-flag"],
    ])
    func aBadFlagIsRejected(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try WorkerOptions.parse(arguments) }
    }

    /// A variable a container sets wrongly stops the worker with its name, rather than falling back to the default (a
    /// concurrency of 0 used to crash the worker at its first message, an infinite timeout at start).
    @Test(arguments: [
        ("NEWSLINE_CONCURRENCY", "four", "NEWSLINE_CONCURRENCY must be a whole number of at least 1, got 'four'"),
        ("NEWSLINE_CONCURRENCY", "0", "NEWSLINE_CONCURRENCY must be a whole number of at least 1, got '0'"),
        (
            "NEWSLINE_SHUTDOWN_TIMEOUT", "inf",
            "NEWSLINE_SHUTDOWN_TIMEOUT must be a number of seconds or a duration like 30s, 2m or 500ms, above 0 to a week (604800 s), got 'inf'"
        ),
        (
            "NEWSLINE_SHUTDOWN_TIMEOUT", "10sec",
            "NEWSLINE_SHUTDOWN_TIMEOUT must be a number of seconds or a duration like 30s, 2m or 500ms, above 0 to a week (604800 s), got '10sec'"
        ),
        (
            "NEWSLINE_SHUTDOWN_TIMEOUT", "8d",
            "NEWSLINE_SHUTDOWN_TIMEOUT must be a number of seconds or a duration like 30s, 2m or 500ms, above 0 to a week (604800 s), got '8d'"
        ),
        (
            "NEWSLINE_SUMMARY_INTERVAL", "-1",
            "NEWSLINE_SUMMARY_INTERVAL must be a number of seconds or a duration like 30s, 2m or 500ms, 0 to a week (604800 s), got '-1'"
        ),
        ("NEWSLINE_MAX_MESSAGE_BYTES", "1MB", "NEWSLINE_MAX_MESSAGE_BYTES must be a whole number from 1024 to 500000000, got '1MB'"),
        ("NEWSLINE_LOG_LEVEL", "verbose", "NEWSLINE_LOG_LEVEL must be one of trace, debug, info, notice, warning, error, critical, got 'verbose'"),
        ("NEWSLINE_LOG_FORMAT", "logfmt", "NEWSLINE_LOG_FORMAT must be one of text, json, got 'logfmt'"),
        ("NEWSLINE_HTTP_PORT", "80800", "NEWSLINE_HTTP_PORT must be a port number, 1...65535, got '80800'"),
        ("NEWSLINE_EXACTLY_ONCE", "ture", "NEWSLINE_EXACTLY_ONCE must be 1, true, yes, 0, false or no, got 'ture'"),
        (
            "NEWSLINE_TOPIC_PREFIX", "staging/",
            "NEWSLINE_TOPIC_PREFIX must be letters, digits, '.', '_' or '-' (what Kafka allows in a topic name), at most 229 of them, got 'staging/'"
        ),
    ])
    func aBadEnvironmentVariableIsAnErrorNamingIt(_ name: String, _ value: String, _ message: String) throws {
        let environment = ["NEWSLINE_BROKERS": "b:1", name: value]
        let error = try #require(throws: ValidationError.self) { try WorkerOptions.parse([]).resolved(stage: "ingest", environment: environment) }
        #expect(error.message == message)
        // The flag still wins over the variable, unread.
        let flag = ["NEWSLINE_CONCURRENCY": ["--concurrency", "2"], "NEWSLINE_SHUTDOWN_TIMEOUT": ["--shutdown-timeout", "3"]][name]
        if let flag { _ = try WorkerOptions.parse(flag).resolved(stage: "ingest", environment: environment) }
    }

    /// A manifest's `30s` is a time, as `--since 30m` is elsewhere in the CLI; a bare number is still seconds.
    @Test func timesTakeSecondsOrADurationWithItsUnitFromFlagsAndTheEnvironment() throws {
        let flags = try WorkerOptions.parse(["--brokers", "b:1", "--shutdown-timeout", "1m30s", "--summary-interval", "500ms"])
            .resolved(stage: "ingest", environment: [:])
        #expect(flags.shutdownTimeout == .seconds(90))
        #expect(flags.summaryInterval == .milliseconds(500))
        let environment = ["NEWSLINE_BROKERS": "b:1", "NEWSLINE_SHUTDOWN_TIMEOUT": "PT2M", "NEWSLINE_SUMMARY_INTERVAL": "0s"]
        let fromEnvironment = try WorkerOptions.parse([]).resolved(stage: "ingest", environment: environment)
        #expect(fromEnvironment.shutdownTimeout == .seconds(120))
        #expect(fromEnvironment.summaryInterval == nil)
        let plain = try WorkerOptions.parse(["--shutdown-timeout", "2.5"]).resolved(stage: "ingest", environment: environment)
        #expect(plain.shutdownTimeout == .milliseconds(2500))
    }

    @Test(arguments: [
        (["--shutdown-timeout", "10sec"], "expected a number of seconds or a duration like 30s, 2m or 500ms, above 0 to a week (604800 s)"),
        // Out of range, the value is quoted as it was given, not as the number of seconds it stands for.
        (
            ["--shutdown-timeout", "0s"],
            "The value '0s' is invalid for '--shutdown-timeout <shutdown-timeout>': expected a number of seconds or a duration like 30s, 2m or 500ms, above 0 to a week (604800 s)"
        ),
        (
            ["--summary-interval", "8d"],
            "The value '8d' is invalid for '--summary-interval <summary-interval>': expected a number of seconds or a duration like 30s, 2m or 500ms, 0 to a week (604800 s)"
        ),
    ])
    func aTimeOutOfItsRuleSaysWhatItTakes(_ arguments: [String], _ message: String) {
        #expect {
            try WorkerOptions.parse(arguments)
        } throws: { error in
            WorkerOptions.message(for: error).contains(message)
        }
    }

    @Test func environmentVariablesWithinTheirRulesAreTakenAndEmptyOnesIgnored() throws {
        let environment = [
            "NEWSLINE_BROKERS": "b:1", "NEWSLINE_CONCURRENCY": "", "NEWSLINE_SHUTDOWN_TIMEOUT": "2.5", "NEWSLINE_SUMMARY_INTERVAL": "0",
            "NEWSLINE_MAX_MESSAGE_BYTES": "2048", "NEWSLINE_LOG_LEVEL": "debug", "NEWSLINE_LOG_FORMAT": "json", "NEWSLINE_HTTP_PORT": "9100", "NEWSLINE_EXACTLY_ONCE": "No",
            "NEWSLINE_TOPIC_PREFIX": " team-a.staging_2. ",
        ]
        let resolved = try WorkerOptions.parse([]).resolved(stage: "ingest", environment: environment)
        #expect(resolved.concurrency == ProcessInfo.processInfo.activeProcessorCount)
        #expect(resolved.shutdownTimeout == .milliseconds(2500))
        #expect(resolved.summaryInterval == nil)
        #expect(resolved.maxMessageBytes == 2048)
        #expect(resolved.logLevel == .debug)
        #expect(resolved.logFormat == .json)
        #expect(resolved.httpPort == 9100)
        #expect(!resolved.exactlyOnce)
        // Trimmed, as the CLI trims it, so both name the same topics.
        #expect(resolved.topicPrefix == "team-a.staging_2.")
        #expect(try WorkerOptions.topicPrefix(flag: nil, environment: environment) == "team-a.staging_2.")
    }
}
