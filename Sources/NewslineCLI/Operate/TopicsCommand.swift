import ArgumentParser
import Foundation
import KafkaClient
import NewsSchema
import StageRuntime

/// `newsline topics`: create and list the pipeline's topics.
struct TopicsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "topics",
        abstract: "Create or list the pipeline's topics.",
        subcommands: [Create.self, List.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create the five pipeline topics with the Admin API (real Kafka; the embedded cluster creates its own)."
        )

        @OptionGroup var kafka: KafkaOptions
        @Option(help: "Partitions per topic.") var partitions = 12
        @Option(help: "Replication factor.") var replication = 3
        @Option(help: "How long to wait for the cluster's controller to answer: seconds, or a duration like 1m. Default: 30.", transform: { try OptionRule.seconds.argument($0) })
        var timeout: Double = 30

        func validate() throws {
            // librdkafka's own limits; past Int32 the count could not even be passed to it.
            guard (1...100_000).contains(partitions) else { throw ValidationError("--partitions must be from 1 to 100000, got \(partitions)") }
            guard (1...10_000).contains(replication) else { throw ValidationError("--replication must be from 1 to 10000, got \(replication)") }
        }

        func run() async throws {
            let names = kafka.topics.all
            let prefix = kafka.topics.prefix
            let configuration = try kafka.configuration()
            let existing: Set<String>
            let outcome: [String: KafkaError?]
            do {
                let wait = Duration.milliseconds(Int64((timeout * 1000).rounded()))
                (existing, outcome) = try await onDedicatedThread { [partitions, replication] in
                    let admin = try KafkaAdmin(configuration: configuration, logger: cliLogger)
                    // Only the missing ones are asked for: where all exist (the embedded cluster's own, say), there
                    // is nothing to wait for, and that cluster would not answer CreateTopics at all.
                    let existing = Set(try admin.listTopics(timeout: wait).map(\.name))
                    let missing = names.filter { !existing.contains($0) }
                    guard !missing.isEmpty else { return (existing, [:]) }
                    // It would not answer, and the command would wait its whole timeout to say so.
                    if existing.contains(EmbeddedCluster.markerTopic) {
                        let broker = prefix.isEmpty ? "newsline broker" : "newsline broker --topic-prefix \(prefix)"
                        throw CLIError(
                            "no topic created: this is the embedded cluster, which cannot create topics (it has no CreateTopics API). "
                                + "It makes them when it starts: \(broker) makes these, --topic NAME others."
                        )
                    }
                    return (existing, try admin.createTopics(missing, partitions: partitions, replicationFactor: replication, timeout: wait))
                }
            } catch let error as KafkaError where error.code == .timeout {
                throw CLIError("no topic created within --timeout: \(error.reason)")
            }
            var failed = false
            for name in names {
                switch outcome[name] {
                case _ where existing.contains(name): print("exists  \(name)")
                case .some(.none): print("created \(name) (\(partitions) partitions, replication \(replication))")
                case .some(.some(let error)) where error.rdKafkaName == "TOPIC_ALREADY_EXISTS": print("exists  \(name)")
                case .some(.some(let error)):
                    print("failed  \(name): \(error.reason)")
                    failed = true
                case .none:
                    print("failed  \(name): no answer for this topic")
                    failed = true
                }
            }
            if failed { throw ExitCode.failure }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the cluster's topics with partitions and replication.")

        @OptionGroup var kafka: KafkaOptions

        func run() async throws {
            let configuration = try kafka.configuration()
            let topics = try await onDedicatedThread {
                try KafkaAdmin(configuration: configuration, logger: cliLogger).listTopics()
            }
            for topic in topics where !topic.name.hasPrefix("__") {
                print("\(topic.name)\t\(topic.partitions) partitions\treplication \(topic.replicationFactor)")
            }
            // The workers wait, without processing, until all of their topics exist.
            let existing = Set(topics.map(\.name))
            let missing = kafka.topics.all.filter { !existing.contains($0) }
            if !missing.isEmpty {
                FileHandle.standardError.write(
                    Data("missing pipeline topics: \(missing.joined(separator: ", ")) (newsline topics create makes them)\n".utf8)
                )
            }
        }
    }
}
