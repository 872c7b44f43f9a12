import ArgumentParser
import Foundation
import KafkaClient
import Logging
import NewsSchema
import StageRuntime
import UnixSignals

/// `newsline broker`: the embedded Kafka-protocol cluster as a process of its own.
struct Broker: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Run the embedded Kafka-protocol cluster (librdkafka's mock) until SIGTERM/SIGINT.",
        discussion: """
            Prints its bootstrap servers on the first line of standard output (and to --bootstrap-file). \
            Data lives in memory only, and a partition drops its oldest records past about 5 MB. The \
            pipeline's topics are created at start, since the cluster has no CreateTopics API, with an empty \
            topic __newsline.embedded-cluster by which workers know to use the group timings it needs \
            (session.timeout.ms=6000, heartbeat.interval.ms=2000) unless given others.
            """
    )

    @Option(help: "Number of brokers.") var brokerCount = 3
    @Option(help: "Partitions of each pipeline topic.") var partitions = 12
    @Option(help: "Prefix of every topic name.") var topicPrefix = ""
    @Option(help: "Also write the bootstrap servers to this file.") var bootstrapFile: String?
    @Option(help: "Extra topics to create (repeatable).") var topic: [String] = []
    @Option(help: "Stop, as on SIGTERM, once the process with this id is no longer this one's parent: it ended. Env: NEWSLINE_PARENT_PID. Default: run on.")
    var parentPid: Int?

    func validate() throws {
        guard (1...9).contains(brokerCount) else { throw ValidationError("--broker-count must be 1...9") }
        guard (1...256).contains(partitions) else { throw ValidationError("--partitions must be 1...256") }
        try OptionRule.topicPrefix.check(topicPrefix, "--topic-prefix")
        for name in topic { try OptionRule.topicName.check(name, "--topic") }
    }

    func run() async throws {
        // Checked first: a bad flag or NEWSLINE_PARENT_PID is a usage error before the cluster starts.
        let parent = try WorkerOptions.parentPID(flag: parentPid)
        let cluster = try EmbeddedCluster.pipeline(
            brokers: brokerCount, partitions: partitions, topics: Topics(prefix: topicPrefix), extra: topic
        )
        let servers = cluster.bootstrapServers
        if let bootstrapFile {
            do {
                try servers.write(toFile: bootstrapFile, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("cannot write the bootstrap servers to \(bootstrapFile): \(DataFile.reason(error))")
            }
        }
        print(servers)
        fflush(nil)
        FileHandle.standardError.write(Data("newsline broker: \(brokerCount) brokers at \(servers); Ctrl-C stops\n".utf8))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                for await _ in await UnixSignalsSequence(trapping: .sigterm, .sigint) { break }
            }
            if let parent {
                group.addTask {
                    guard let reason = await ParentProcess.ended(parent) else { return }
                    FileHandle.standardError.write(Data("newsline broker: \(reason): stopping\n".utf8))
                }
            }
            await group.next()
            group.cancelAll()
        }
        withExtendedLifetime(cluster) {}
    }
}

extension EmbeddedCluster {
    /// An embedded cluster with the pipeline's topics (and `extra` ones) created.
    static func pipeline(brokers: Int, partitions: Int, topics: Topics, extra: [String] = []) throws -> EmbeddedCluster {
        let cluster = try EmbeddedCluster(brokers: brokers, logger: cliLogger)
        for name in topics.all + extra {
            try cluster.createTopic(name, partitions: partitions, replicationFactor: min(3, brokers))
        }
        return cluster
    }
}
