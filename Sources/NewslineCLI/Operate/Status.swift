import ArgumentParser
import Foundation
import KafkaClient
import NewsSchema
import StageRuntime

/// `newsline status`: how far behind each stage is, as `kafka-consumer-groups --describe` would say it.
struct Status: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each stage's lag: records in its input topic that its group has not committed yet.",
        discussion: """
            Reads the committed offsets of each stage's group and its input topic's watermarks, without joining \
            the group, so running workers are not disturbed. Workers commit every 5 s, so a stage that is keeping \
            up may show a few seconds' worth of lag. A partition its group has no offset for counts from its first \
            record, where a worker would start. Also counts the records in articles.summarized and \
            articles.dead-letter. Exits 1, after the table, when a pipeline topic is missing.
            """
    )

    @OptionGroup var kafka: KafkaOptions
    @Option(
        name: .customLong("group"),
        help:
            """
            A stage's group where it is not the workers' default (newsline-<stage> after the topic prefix), \
            as stage=group (repeatable), e.g. entities=entities-v2.
            """
    )
    var groups: [String] = []
    @Flag(help: "Show every partition of each stage's input.") var byPartition = false

    func validate() throws {
        _ = try groupNames()
    }

    /// Each stage's group: the workers' default under the topic prefix, or what `--group` says.
    func groupNames() throws -> [String: String] {
        let prefix = kafka.topics.prefix
        var names = Dictionary(
            uniqueKeysWithValues: PipelineStage.all.map { ($0.name, ResolvedWorkerOptions.defaultGroup(stage: $0.name, topicPrefix: prefix)) }
        )
        for pair in groups {
            guard let (stage, group) = WorkerOptions.keyAndValue(pair), names[stage] != nil, !group.isEmpty else {
                throw ValidationError("--group expects stage=group with a stage of \(PipelineStage.names), got '\(pair)'")
            }
            names[stage] = group
        }
        return names
    }

    /// One partition of a stage's input.
    struct PartitionLag: Sendable {
        var partition: Int32
        var committed: Int64?
        var watermarks: Watermarks

        /// Records a worker of the group has yet to read: from the committed offset, or from the first record kept
        /// when there is none (or it was before the first record kept).
        var lag: Int64 { max(0, watermarks.high - max(committed ?? watermarks.low, watermarks.low)) }
    }

    /// A stage's input as its group stands; `partitions` is `nil` when the topic is missing.
    struct StageLag: Sendable {
        var stage: String
        var group: String
        var topic: String
        var partitions: [PartitionLag]?
    }

    /// The records the partitions hold.
    static func records(_ partitions: [PartitionLag]) -> Int64 {
        partitions.reduce(0) { $0 + $1.watermarks.high - $1.watermarks.low }
    }

    func run() async throws {
        let configuration = try kafka.configuration()
        let topics = kafka.topics
        let groups = try groupNames()
        let (lags, totals) = try await onDedicatedThread {
            let lags = try PipelineStage.all.map { stage in
                let (group, topic) = (groups[stage.name]!, stage.input(topics))
                return StageLag(
                    stage: stage.name,
                    group: group,
                    topic: topic,
                    partitions: try Self.partitions(of: topic, group: group, configuration: configuration)
                )
            }
            let totals = try [topics.summarized, topics.deadLetter].map { topic in
                (topic, try Self.partitions(of: topic, group: nil, configuration: configuration))
            }
            return (lags, totals)
        }
        var rows = [["stage", "group", "input", "records", "lag", ""]]
        for lag in lags {
            guard let partitions = lag.partitions else {
                rows.append([lag.stage, lag.group, lag.topic, "-", "-", "no such topic on the cluster"])
                continue
            }
            // Where a partition has had no record, its group has had nothing to commit: only the others are worth
            // a word.
            let uncommitted = partitions.filter { $0.committed == nil && $0.watermarks.high > 0 }.count
            let note = uncommitted == 0 ? "" : "no offset committed on \(uncommitted) of \(partitions.count) partitions"
            rows.append([
                lag.stage, lag.group, lag.topic, "\(Self.records(partitions))",
                "\(partitions.reduce(0) { $0 + $1.lag })",
                note,
            ])
        }
        printTable(rows, leftAligned: [0, 1, 2, 5])
        print(
            totals.map { topic, partitions in
                guard let partitions else { return "\(topic): no such topic" }
                let records = Self.records(partitions)
                return "\(topic): \(records) record\(records == 1 ? "" : "s")"
            }.joined(separator: "; ")
        )
        let missing = lags.filter { $0.partitions == nil }.map(\.topic) + totals.filter { $0.1 == nil }.map(\.0)
        guard missing.isEmpty else {
            FileHandle.standardError.write(
                Data("missing topics: \(missing.joined(separator: ", ")) (newsline topics create makes them)\n".utf8)
            )
            throw ExitCode.failure
        }
        guard byPartition else { return }
        for lag in lags {
            guard let partitions = lag.partitions else { continue }
            print("\n\(lag.stage) (group \(lag.group), \(lag.topic)):")
            printTable(
                [["partition", "first", "end", "committed", "lag"]]
                    + partitions.map {
                        [
                            "\($0.partition)", "\($0.watermarks.low)", "\($0.watermarks.high)",
                            $0.committed.map(String.init) ?? "-", "\($0.lag)",
                        ]
                    }
            )
        }
    }

    /// Every partition of `topic` with `group`'s committed offset (none without a group) and its watermarks; `nil`
    /// when the cluster has no such topic.
    private static func partitions(
        of topic: String,
        group: String?,
        configuration: KafkaConfiguration
    ) throws -> [PartitionLag]? {
        var consumerConfiguration = KafkaConsumerConfiguration(kafka: configuration, groupID: group)
        consumerConfiguration.autoCommit = false
        // Never subscribed: asking for the group's offsets does not join it.
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: cliLogger)
        defer { consumer.close(timeout: .seconds(10)) }
        guard let metadata = try consumer.metadata(topic: topic).first else { return nil }
        let partitions = Array(0..<Int32(metadata.partitions))
        let committed = group == nil ? [:] : try consumer.committedOffsets(topic: topic, partitions: partitions)
        return try partitions.map { partition in
            PartitionLag(
                partition: partition,
                committed: committed[partition],
                watermarks: try consumer.watermarks(topic: topic, partition: partition)
            )
        }
    }
}

/// A stage as the CLI knows it: its name, as dead letters and default group names say it, and where it reads.
struct PipelineStage: Sendable {
    var name: String
    var input: @Sendable (Topics) -> String

    static let all = [
        PipelineStage(name: "ingest") { $0.submitted },
        PipelineStage(name: "entities") { $0.ingested },
        PipelineStage(name: "summarize") { $0.entities },
    ]

    /// The stages' names, as a list for people: "ingest, entities, summarize".
    static let names = all.map(\.name).joined(separator: ", ")

    /// The stage `--stage` names; nil when none is given.
    /// - Throws: `ValidationError` listing the stages when `name` is none of them.
    static func named(_ name: String?) throws -> PipelineStage? {
        guard let name else { return nil }
        guard let stage = all.first(where: { $0.name == name }) else {
            throw ValidationError("--stage must be one of \(names), got '\(name)'")
        }
        return stage
    }
}
