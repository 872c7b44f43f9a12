import ArgumentParser
import Foundation
import KafkaClient
import Testing

@testable import StageRuntime

@Suite struct WorkerOptionsTests {
    @Test func flagsWinOverTheEnvironmentWhichWinsOverDefaults() throws {
        let environment = ["NEWSLINE_BROKERS": "env:9092", "NEWSLINE_TOPIC_PREFIX": "staging.", "NEWSLINE_CONCURRENCY": "3"]
        let fromEnvironment = try WorkerOptions.parse([]).resolved(stage: "ingest", environment: environment)
        #expect(fromEnvironment.kafka.bootstrapServers == "env:9092")
        #expect(fromEnvironment.topicPrefix == "staging.")
        #expect(fromEnvironment.concurrency == 3)
        #expect(fromEnvironment.group == "newsline-ingest")
        #expect(fromEnvironment.shutdownTimeout == .seconds(10))
        #expect(!fromEnvironment.exactlyOnce)

        let fromFlags = try WorkerOptions.parse(["--brokers", "flag:9092", "--group", "g", "--exactly-once", "--concurrency", "1"])
            .resolved(stage: "ingest", environment: environment)
        #expect(fromFlags.kafka.bootstrapServers == "flag:9092")
        #expect(fromFlags.group == "g")
        #expect(fromFlags.exactlyOnce)
        #expect(fromFlags.concurrency == 1)
        #expect(fromFlags.transactionalID.hasPrefix("g-"))
    }

    @Test func kafkaPropertiesComeFromAFileAndFlagsOverrideIt() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-props-\(UUID().uuidString).properties")
        try "# SASL\nsecurity.protocol = SASL_SSL\nsasl.mechanisms=PLAIN\n\n".write(to: file, atomically: true, encoding: .utf8)
        let resolved = try WorkerOptions.parse(
            ["--brokers", "b:1", "--kafka-config", file.path, "--kafka-property", "sasl.mechanisms=SCRAM-SHA-512"]
        ).resolved(stage: "entities", environment: [:])
        #expect(resolved.kafka.additionalProperties == ["security.protocol": "SASL_SSL", "sasl.mechanisms": "SCRAM-SHA-512"])
    }

    @Test func noBrokersIsAClearError() {
        #expect(throws: ValidationError.self) { try WorkerOptions.parse([]).resolved(stage: "ingest", environment: [:]) }
    }

    @Test(arguments: [
        ["--concurrency", "0"],
        ["--shutdown-timeout", "-1"],
        ["--kafka-property", "no-equals-sign"],
        ["--log-level", "loud"],
        ["--no-such-flag"],
    ])
    func aBadFlagIsRejected(_ arguments: [String]) {
        #expect(throws: (any Error).self) { try WorkerOptions.parse(arguments) }
    }
}
