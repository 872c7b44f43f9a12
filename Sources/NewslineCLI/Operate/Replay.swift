import ArgumentParser
import Foundation
import KafkaClient
import NewsSchema
import StageRuntime

/// `newsline replay`: reset a stopped consumer group's offsets, like `kafka-consumer-groups --reset-offsets`.
struct Replay: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reset a stopped stage's consumer group so it reprocesses (or skips) records.",
        discussion: """
            Prints the plan per partition (current offset, new offset, records to process) and changes \
            nothing without --execute. Refuses while the group has live members: stop or scale the stage \
            to 0 first: --execute joins the group and refuses unless it is given every partition of the \
            topic, which only happens when no other member is in it (this works on real Kafka and on the \
            embedded cluster, which has no DescribeGroups API).
            """
    )

    @OptionGroup var kafka: KafkaOptions
    @Option(
        help: """
            The stage to replay: \(PipelineStage.names). Stands for its workers' default group \
            (newsline-<stage> after the topic prefix) and its input topic, each unless given.
            """
    )
    var stage: String?
    @Option(help: "The consumer group, e.g. newsline-entities. Required without --stage.") var group: String?
    @Option(help: "The topic the group reads, e.g. articles.ingested. Required without --stage.") var topic: String?
    @Option(name: .customLong("partition"), help: "Only these partitions (repeatable). Default: all.") var partitions: [Int32] = []

    @Flag(help: "To each partition's first kept record.") var toEarliest = false
    @Flag(help: "To each partition's end (skip everything not yet read).") var toLatest = false
    @Option(help: "To the first record at or after this time (ISO 8601).") var toDatetime: String?
    @Option(help: "To the first record at or after now minus this duration (1h30m, 2d, PT15M).") var byDuration: String?
    // Unconditional: `--shift-by -5` is a value, not an unknown option.
    @Option(parsing: .unconditional, help: "To this offset.") var toOffset: Int64?
    @Option(parsing: .unconditional, help: "Move the committed offset by this many records (negative: back).") var shiftBy: Int64?

    @Flag(help: "Apply the plan. Without it, nothing changes.") var execute = false

    func validate() throws {
        _ = try PipelineStage.named(stage)
        if stage == nil, group == nil || topic == nil {
            throw ValidationError("name the stage with --stage, or its group and input with --group and --topic")
        }
        let chosen = [toEarliest, toLatest, toDatetime != nil, byDuration != nil, toOffset != nil, shiftBy != nil].filter { $0 }
        guard chosen.count == 1 else {
            throw ValidationError("choose exactly one of --to-earliest, --to-latest, --to-datetime, --by-duration, --to-offset, --shift-by")
        }
        if let toDatetime, NewsJSON.parseDate(toDatetime) == nil { throw ValidationError("--to-datetime: not an ISO 8601 time with its zone, like \(timeExample): \(toDatetime)") }
        if let toOffset, toOffset < 0 {
            throw ValidationError("--to-offset must be 0 or more (--to-earliest and --shift-by go back), got \(toOffset)")
        }
        if let byDuration, OffsetPlanner.parseDuration(byDuration) == nil {
            throw ValidationError(
                "--by-duration: not a positive duration, like 1h30m, 2d or PT15M (months and years have no fixed length): \(byDuration)"
            )
        }
    }

    var target: ResetTarget {
        if toEarliest { return .earliest }
        if toLatest { return .latest }
        if let toDatetime, let date = NewsJSON.parseDate(toDatetime) { return .time(milliseconds: Int64(date.timeIntervalSince1970 * 1000)) }
        if let byDuration, let seconds = OffsetPlanner.parseDuration(byDuration) {
            // A duration longer than the time since 1970 reaches back to the first record.
            return .time(milliseconds: PointInTime.milliseconds(PointInTime.ago(seconds)))
        }
        if let toOffset { return .offset(toOffset) }
        return .shift(shiftBy ?? 0)
    }

    /// The group and topic to reset: as given, else the stage's (checked by `validate()`).
    private var groupAndTopic: (group: String, topic: String) {
        let named = try? PipelineStage.named(stage)
        let prefix = kafka.topics.prefix
        return (
            group ?? named.map { ResolvedWorkerOptions.defaultGroup(stage: $0.name, topicPrefix: prefix) } ?? "",
            kafka.topic(topic ?? named.map { $0.input(kafka.topics) } ?? "")
        )
    }

    func run() async throws {
        let (group, name) = groupAndTopic
        let configuration = try kafka.configuration()
        let (plan, refusal) = try await onDedicatedThread { [self] in
            try self.planAndApply(group: group, topic: name, configuration: configuration)
        }
        print("group \(group), topic \(name):")
        printTable(
            [["partition", "current", "new", "to-process"]]
                + plan.map { ["\($0.partition)", $0.current.map(String.init) ?? "-", "\($0.new)", "\($0.toProcess)"] }
        )
        print("total to process: \(plan.reduce(0) { $0 + $1.toProcess })")
        if let refusal {
            throw CLIError("not applied: \(refusal)")
        }
        print(execute ? "applied." : "dry run: nothing changed (add --execute to apply).")
    }

    private func planAndApply(group: String, topic: String, configuration: KafkaConfiguration) throws -> ([PartitionPlan], String?) {
        var consumerConfiguration = KafkaConsumerConfiguration(kafka: configuration, groupID: group)
        consumerConfiguration.autoCommit = false
        // A short session, so that a replay that did not leave is out of the group soon, with a heartbeat a third of
        // it, so that it rejoins each round of a rebalance in time (the embedded cluster drops a member that has not
        // rejoined by the session's end, and a round it misses starts another).
        let timings = EmbeddedCluster.groupProperties(unlessIn: configuration.additionalProperties)
        consumerConfiguration.kafka.additionalProperties.merge(timings) { given, _ in given }
        // The stage's own protocol, so joining a group that has live members is a rebalance, not a conflict.
        consumerConfiguration.partitionAssignmentStrategy = ResolvedWorkerOptions.partitionAssignmentStrategy
        let consumer = try KafkaConsumer(configuration: consumerConfiguration, logger: cliLogger)
        // Closed also when no assignment came, to leave the group now rather than at its session's end (librdkafka
        // 2.0.2 cannot destroy such a member: KafkaConsumer leaves its handle to the command's exit). Bounded, since
        // a member whose JoinGroup the coordinator still holds is not through leaving until that is answered.
        defer { consumer.close(timeout: .seconds(10)) }
        let metadata = try consumer.existingTopic(topic)
        let all = (0..<Int32(metadata.partitions))
        var seen = Set<Int32>()
        let chosen = partitions.isEmpty ? Array(all) : partitions.filter { seen.insert($0).inserted }
        if let missing = chosen.first(where: { !all.contains($0) }) { throw CLIError("\(topic) has no partition \(missing)") }

        let committed = try consumer.committedOffsets(topic: topic, partitions: chosen)
        var timeOffsets: [Int32: Int64] = [:]
        if case .time(let milliseconds) = target {
            timeOffsets = try TimeOffsets(configuration: configuration)
                .lookup(topic: topic, partitions: chosen, milliseconds: milliseconds, consumer: consumer)
        }
        let plan = try chosen.map { partition in
            return OffsetPlanner.plan(
                partition: partition,
                current: committed[partition],
                watermarks: try consumer.watermarks(topic: topic, partition: partition),
                target: target,
                timeOffset: timeOffsets[partition]
            )
        }
        guard execute else { return (plan, nil) }
        // Join the group alone: only a member may commit where the broker checks membership. The first
        // assignment tells: alone, it is every partition; beside a live member it is fewer (none, at first, under
        // the cooperative protocol), and leaving then gives the member back what it was about to hand over.
        let assigned = AssignmentWatch()
        consumer.onRebalance { event in
            if case .assigned(let partitions) = event { assigned.add(partitions.map(\.partition)) }
        }
        try consumer.subscribe(topics: [topic])
        // Each round of a rebalance on the embedded cluster can wait for a session timeout (6 s): room for several.
        let deadline = ContinuousClock.now + .seconds(45)
        while assigned.rounds == 0, ContinuousClock.now < deadline {
            _ = try consumer.poll(timeout: .milliseconds(100))
        }
        guard assigned.rounds > 0 else {
            // A rebalance waits for every member to rejoin; the embedded cluster waits for their session timeout.
            return (
                plan,
                "the group coordinator gave no assignment within 45 s: the group is most likely rebalancing around "
                    + "another member (a running stage, or a stopped one whose session.timeout.ms has not passed); "
                    + "stop the stage first, and retry once its session has timed out"
            )
        }
        guard assigned.count == all.count else {
            return (
                plan,
                "the group has other live members (got \(assigned.count) of \(all.count) partitions): stop the stage first; "
                    + "a worker that was killed stays a member until its session times out (session.timeout.ms)"
            )
        }
        try consumer.commit(plan.map { TopicPartitionOffset(topic: topic, partition: $0.partition, offset: $0.new) })
        return (plan, nil)
    }
}

/// Partitions assigned so far and the assignments seen, written from the rebalance callback.
final class AssignmentWatch: @unchecked Sendable {
    private var partitions = Set<Int32>()
    private var assignments = 0
    private let lock = NSLock()

    func add(_ more: [Int32]) {
        lock.withLock {
            partitions.formUnion(more)
            assignments += 1
        }
    }

    var count: Int { lock.withLock { partitions.count } }
    var rounds: Int { lock.withLock { assignments } }
}
