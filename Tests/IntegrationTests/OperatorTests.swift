import Foundation
import KafkaClient
import NewsSchema
import Testing

/// Replay, status, find, topics and exactly-once mode, with real workers on the embedded cluster.
@Suite(.serialized, .timeLimit(.minutes(5)))
struct OperatorTests {
    @Test func replayToEarliestMakesAStoppedStageReprocessEverythingAndTheDryRunChangesNothing() throws {
        let setUp = try Pipeline.ingested(count: 20, tag: "replay")
        let pipeline = setUp.pipeline
        var ingest = setUp.ingest
        ingest.signal(SIGTERM)
        #expect(ingest.wait(timeout: .seconds(12)) == 0)

        let arguments = ["replay", "--group", "newsline-ingest", "--topic", "articles.submitted", "--to-earliest"]
        let dryRun = try pipeline.cli(arguments)
        #expect(dryRun.status == 0, "\(dryRun.log)")
        #expect(dryRun.output.contains("total to process: 20"))
        #expect(dryRun.output.contains("dry run: nothing changed"))
        // The dry run left the committed offsets where they were: a second dry run sees the same plan.
        #expect(try pipeline.cli(arguments).output == dryRun.output)
        let latest = try pipeline.cli(["replay", "--group", "newsline-ingest", "--topic", "articles.submitted", "--to-latest"])
        #expect(latest.output.contains("total to process: 0"))
        // Shifts beyond an end of Int64 stop at the partition's end instead of trapping.
        // A negative shift may follow the option as its own argument, as --help shows it.
        for (shift, total) in [("=-9223372036854775808", 20), ("=9223372036854775807", 0), (" -100", 20)] {
            let shifted = try pipeline.cli(["replay", "--group", "newsline-ingest", "--topic", "articles.submitted"] + "--shift-by\(shift)".split(separator: " ").map(String.init))
            #expect(shifted.status == 0, "\(shifted.log)")
            #expect(shifted.output.contains("total to process: \(total)"), "\(shifted.output)")
        }
        // A partition named twice is planned once.
        let twice = try pipeline.cli(["replay", "--group", "newsline-ingest", "--topic", "articles.submitted", "--to-earliest", "--partition", "0", "--partition", "0"])
        #expect(twice.output.split(separator: "\n").filter { $0.split(separator: " ").first == "0" }.count == 1, "\(twice.output)")

        let executed = try pipeline.cli(arguments + ["--execute"])
        #expect(executed.status == 0, "\(executed.log)")
        ingest = try pipeline.startWorker("newsline-ingest")
        let ingested = try pipeline.read(pipeline.topics.ingested) { $0.count >= 40 }
        #expect(ingested.count == 40)
        #expect(Pipeline.keys(ingested).count == 20)
    }

    @Test func replayRefusesWhileTheGroupHasALiveMember() throws {
        let pipeline = try Pipeline()
        // Started without the cluster's group timings, as by hand: it finds them itself. With librdkafka's 45 s
        // session the embedded cluster held the rebalance past replay's wait (then 30 s); replay gave up without saying
        // why, and the worker was then left out of the group while it went on reading (a later replay applied).
        let worker = try pipeline.startWorker("newsline-ingest", groupTimings: false)
        #expect(try pipeline.cli(["push", sampleArticlePath]).status == 0)
        _ = try pipeline.read(pipeline.topics.ingested) { $0.count >= 1 }
        #expect(worker.log.contains("on the embedded cluster: using its group timings"), "\(worker.log)")
        let refused = try pipeline.cli(
            ["replay", "--group", "newsline-ingest", "--topic", "articles.submitted", "--to-earliest", "--execute"]
        )
        #expect(refused.status != 0)
        #expect(refused.log.contains("live members"), "\(refused.log)")
        // Joining beside the worker was a rebalance: the cluster and the worker carry on (the embedded cluster
        // used to abort when replay offered another assignment protocol than the stage's).
        let more = try writeArticles(count: 3, tag: "after-refusal")
        #expect(try pipeline.cli(["push", more]).status == 0)
        let ingested = try pipeline.read(pipeline.topics.ingested) { Pipeline.keys($0).count >= 4 }
        #expect(Pipeline.keys(ingested).count == 4, "broker: \(pipeline.broker.log)")
    }

    /// Two pipelines on one cluster, told apart by their topic prefix: each stage's default group carries the prefix,
    /// so one pipeline's stage can be replayed while the other's runs. They used to share `newsline-ingest`.
    @Test func pipelinesSharingAClusterByTopicPrefixShareNoGroup() throws {
        let staging = Topics(prefix: "staging.")
        let pipeline = try Pipeline(extraTopics: staging.all)
        let live = try pipeline.startWorker("newsline-ingest")
        let stagingIngest = try pipeline.startWorker("newsline-ingest", ["--topic-prefix", "staging."])
        #expect(try pipeline.cli(["push", sampleArticlePath]).status == 0)
        #expect(try pipeline.cli(["push", sampleArticlePath, "--topic-prefix", "staging."]).status == 0)
        _ = try pipeline.read(pipeline.topics.ingested) { $0.count >= 1 }
        _ = try pipeline.read(staging.ingested) { $0.count >= 1 }
        stagingIngest.signal(SIGTERM)
        #expect(stagingIngest.wait(timeout: .seconds(12)) == 0, "\(stagingIngest.log)")

        // The staging worker committed its offset in its own group, where status and replay look for it.
        let status = try pipeline.cli(["status", "--topic-prefix", "staging."])
        #expect(status.output.contains("staging.newsline-ingest"), "\(status.output)")
        let arguments = ["replay", "--group", "staging.newsline-ingest", "--topic", staging.submitted, "--to-earliest"]
        let plan = try pipeline.cli(arguments)
        let rows: [[Substring]] = plan.output.split(separator: "\n").map { $0.split(separator: " ") }
        let committed = rows.filter { row in row.count == 4 && row[1] == "1" }
        #expect(committed.count == 1, "\(plan.output)")
        // --stage stands for the same group and the stage's input under the prefix.
        let byStage = try pipeline.cli(["replay", "--stage", "ingest", "--topic-prefix", "staging.", "--to-earliest"])
        #expect(byStage.status == 0, "\(byStage.log)")
        #expect(byStage.output == plan.output, "\(byStage.output)")
        #expect(byStage.output.hasPrefix("group staging.newsline-ingest, topic staging.articles.submitted:\n"), "\(byStage.output)")
        // The default pipeline's ingest worker, still running, is in another group: applying is not refused.
        let executed = try pipeline.cli(arguments + ["--execute"])
        #expect(executed.status == 0, "\(executed.log)")
        #expect(live.wait(timeout: .milliseconds(1)) == nil, "\(live.log)")
    }

    @Test func aWorkerWaitsForMissingTopicsWithoutMakingThemThenStartsOnceTheyExist() async throws {
        let pipeline = try Pipeline()
        let staging = Topics(prefix: "staging.")
        let worker = try pipeline.startWorker("newsline-ingest", ["--topic-prefix", "staging."])
        let waiting = "waiting to start: no topic staging.articles.submitted, staging.articles.ingested, staging.articles.dead-letter on the cluster"
        let deadline = ContinuousClock.now + .seconds(30)
        while !worker.log.contains(waiting), ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(200)) }
        #expect(worker.log.contains(waiting), "\(worker.log)")
        // The embedded cluster creates a topic on first use: a worker that subscribed anyway would have made one.
        let listed = try pipeline.cli(["topics", "list"])
        #expect(!listed.output.contains("staging."), "\(listed.output)")

        // Making the topics (here by writing to them, which creates them on this cluster) lets it start. Ingest
        // dead-letters the "{}" on its input; the other two are only read back.
        for topic in [staging.submitted, staging.ingested, staging.deadLetter] {
            try await pipeline.produce(topic: topic, key: "make-topic", value: Array("{}".utf8))
        }
        #expect(try pipeline.cli(["push", sampleArticlePath, "--topic-prefix", "staging."]).status == 0)
        let ingested = try pipeline.read(staging.ingested) { Pipeline.keys($0).count >= 2 }
        #expect(Pipeline.keys(ingested).count == 2, "\(worker.log)")
        #expect(worker.log.contains("started"))
    }

    @Test func aTimeFindsTheRecordsFromThatTimeOnForTailReplayAndRedrive() async throws {
        // The embedded cluster answers every look-up by time with "none"; the CLI reads the records' times instead.
        let pipeline = try Pipeline()
        #expect(try pipeline.cli(["push", try writeArticles(count: 6, tag: "earlier")]).status == 0)
        try await Task.sleep(for: .milliseconds(1_500))
        let betweenDate = Date()
        let between = NewsJSON.formatDate(betweenDate)
        try await Task.sleep(for: .milliseconds(1_500))
        #expect(try pipeline.cli(["push", try writeArticles(count: 3, tag: "later")]).status == 0)
        // The same time as a duration back from now. The CLI takes its "now" a moment after the test does, and the
        // records on either side lie 1.5 s away.
        func ago() -> String { String(format: "%.2fs", Date().timeIntervalSince(betweenDate)) }

        let tail = try pipeline.cli(["tail", "articles.submitted", "--from", between, "--json", "--idle-timeout", "3"])
        #expect(tail.status == 0, "\(tail.log)")
        let texts = tail.output.split(separator: "\n")
        #expect(texts.count == 3, "\(tail.output)")
        #expect(texts.allSatisfy { $0.contains("(later)") })
        let recent = try pipeline.cli(["tail", "articles.submitted", "--from", "-" + ago(), "--json", "--idle-timeout", "3"])
        #expect(recent.output.split(separator: "\n").count == 3, "\(recent.log)")

        let replay = try pipeline.cli(["replay", "--group", "newsline-ingest", "--topic", "articles.submitted", "--to-datetime", between])
        #expect(replay.output.contains("total to process: 3"), "\(replay.output)")
        let everything = try pipeline.cli(["replay", "--group", "newsline-ingest", "--topic", "articles.submitted", "--to-datetime", "2020-01-01T00:00:00Z"])
        #expect(everything.output.contains("total to process: 9"), "\(everything.output)")
        // A duration reaching back before 1970 means every record (its milliseconds used to overflow and trap).
        let longAgo = try pipeline.cli(["replay", "--group", "newsline-ingest", "--topic", "articles.submitted", "--by-duration", "99999999999999999999d"])
        #expect(longAgo.output.contains("total to process: 9"), "\(longAgo.log)")

        let redrive = try pipeline.cli(["redrive", "--from", "articles.submitted", "--to", "articles.dead-letter", "--until", between, "--dry-run"])
        #expect(redrive.output.contains("would redrive 6 of 6"), "\(redrive.output)")
        let sinceThen = try pipeline.cli(["redrive", "--from", "articles.submitted", "--to", "articles.dead-letter", "--since", ago(), "--dry-run"])
        #expect(sinceThen.output.contains("would redrive 3 of 3"), "\(sinceThen.log)")
    }

    @Test func statusShowsEachStagesLagWithoutDisturbingARunningWorker() throws {
        let (pipeline, ingest) = try Pipeline.ingested(count: 12, tag: "status")
        /// The summary row of `stage`: group, input, records, lag and the note, if any.
        func row(_ stage: String, in output: String) -> [String] {
            let line = output.split(separator: "\n").first { $0.hasPrefix(stage + " ") } ?? ""
            return line.split(separator: " ", maxSplits: 5).dropFirst().map { $0.trimmingCharacters(in: .whitespaces) }
        }
        // Ingest commits what it has done every 5 s.
        var status = try pipeline.cli(["status"])
        let deadline = ContinuousClock.now + .seconds(30)
        while row("ingest", in: status.output).dropFirst(3).first != "0", ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.5)
            status = try pipeline.cli(["status"])
        }
        #expect(status.status == 0, "\(status.log)")
        #expect(row("ingest", in: status.output) == ["newsline-ingest", "articles.submitted", "12", "0"], "\(status.output)")
        // Entities never ran: everything ingested is its lag.
        let entities = row("entities", in: status.output)
        #expect(Array(entities.prefix(4)) == ["newsline-entities", "articles.ingested", "12", "12"], "\(status.output)")
        #expect(entities.last?.hasPrefix("no offset committed on ") == true, "\(status.output)")
        #expect(row("summarize", in: status.output) == ["newsline-summarize", "articles.entities", "0", "0"], "\(status.output)")
        #expect(status.output.contains("articles.summarized: 0 records; articles.dead-letter: 0 records"), "\(status.output)")

        // Per partition, the same figures; another group name is read as given.
        let detailed = try pipeline.cli(["status", "--by-partition", "--group", "ingest=someone-else"])
        #expect(row("ingest", in: detailed.output).prefix(4) == ["someone-else", "articles.submitted", "12", "12"], "\(detailed.output)")
        let ingestPartitions = detailed.output.components(separatedBy: "\n\n")
            .first { $0.hasPrefix("ingest (group someone-else, articles.submitted):") }?
            .split(separator: "\n").dropFirst(2).map { $0.split(separator: " ").map(String.init) } ?? []
        #expect(ingestPartitions.count == 4, "\(detailed.output)")
        #expect(ingestPartitions.reduce(0) { $0 + (Int($1[2]) ?? 0) } == 12, "\(detailed.output)")
        #expect(ingestPartitions.allSatisfy { $0[3] == "-" && $0[4] == $0[2] }, "\(detailed.output)")

        // Reading the group's offsets did not join it: the worker kept its partitions and goes on.
        let more = try writeArticles(count: 3, tag: "after-status")
        #expect(try pipeline.cli(["push", more]).status == 0)
        let ingested = try pipeline.read(pipeline.topics.ingested) { Pipeline.keys($0).count >= 15 }
        #expect(Pipeline.keys(ingested).count == 15)
        #expect(!ingest.log.contains("partitions revoked"), "\(ingest.log)")

        let elsewhere = try pipeline.cli(["status", "--topic-prefix", "nowhere."])
        #expect(elsewhere.status == 1)
        #expect(row("entities", in: elsewhere.output) == ["nowhere.newsline-entities", "nowhere.articles.ingested", "-", "-", "no such topic on the cluster"], "\(elsewhere.output)")
        #expect(elsewhere.log.contains("missing topics: nowhere.articles.submitted, nowhere.articles.ingested, nowhere.articles.entities, nowhere.articles.summarized, nowhere.articles.dead-letter"), "\(elsewhere.log)")

        let usage = try pipeline.cli(["status", "--group", "summary=x"])
        #expect(usage.status == 64)
        #expect(usage.log.contains("--group expects stage=group with a stage of ingest, entities, summarize, got 'summary=x'"), "\(usage.log)")
    }

    @Test func findShowsHowFarAnArticleGotOrWhyItFailed() async throws {
        let pipeline = try Pipeline()
        try pipeline.startWorker("newsline-ingest")
        // push --ids says which id to look for.
        let pushed = try pipeline.cli(["push", sampleArticlePath, "--ids"])
        #expect(pushed.status == 0, "\(pushed.log)")
        let id = try #require(pushed.output.split(separator: "\t").last.map { $0.trimmingCharacters(in: .newlines) })
        let now = NewsJSON.formatDate(Date())
        try await pipeline.produce(
            topic: pipeline.topics.submitted, key: "a-empty", value: Array(#"{"schemaVersion":1,"submittedAt":"\#(now)","text":" "}"#.utf8)
        )
        let ingested = try pipeline.read(pipeline.topics.ingested) { $0.count >= 1 }
        _ = try pipeline.read(pipeline.topics.deadLetter) { $0.count >= 1 }
        #expect(ingested.first?.keyText == id)

        let good = try pipeline.cli(["find", id])
        #expect(good.status == 0, "\(good.log)")
        #expect(good.output.contains("articles.submitted[\(ingested[0].partition)]@0, "), "\(good.output)")
        #expect(good.output.contains("articles.ingested[\(ingested[0].partition)]@0, "), "\(good.output)")
        #expect(good.output.contains("━━ US and Russia closer to Syria ceasefire"), "\(good.output)")
        #expect(good.output.hasSuffix("\(id): in articles.submitted, articles.ingested; 0 dead letters\n"), "\(good.output)")

        let failed = try pipeline.cli(["find", "a-empty", "--since", "1h"])
        #expect(failed.status == 0, "\(failed.log)")
        #expect(failed.output.contains("✗ dead letter from ingest: emptyBody"), "\(failed.output)")
        #expect(failed.output.hasSuffix("a-empty: in articles.submitted; 1 dead letter\n"), "\(failed.output)")

        let missing = try pipeline.cli(["find", "a-never-pushed"])
        #expect(missing.status == 1)
        #expect(missing.log.contains("no record keyed a-never-pushed in articles.submitted, articles.ingested"), "\(missing.log)")
        // Records older than --since are not read.
        let before = try pipeline.cli(["find", id, "--since", NewsJSON.formatDate(Date().addingTimeInterval(3600))])
        #expect(before.status == 1, "\(before.output)")
    }

    @Test func topicsCreateOnTheEmbeddedClusterSaysItCannot() throws {
        let pipeline = try Pipeline()
        // Told at once, from the cluster's marker topic, rather than after the controller's timeout (30 s here).
        let create = try pipeline.cli(["topics", "create", "--topic-prefix", "staging.", "--partitions", "3", "--replication", "1"])
        #expect(create.status == 1)
        #expect(
            create.log.contains(
                "Error: no topic created: this is the embedded cluster, which cannot create topics (it has no CreateTopics API). "
                    + "It makes them when it starts: newsline broker --topic-prefix staging. makes these, --topic NAME others."
            ),
            "\(create.log)"
        )
        // The listing names what the staging pipeline lacks.
        let listed = try pipeline.cli(["topics", "list", "--topic-prefix", "staging."])
        #expect(listed.status == 0)
        #expect(listed.log.contains("missing pipeline topics: staging.articles.submitted, staging.articles.ingested, staging.articles.entities, staging.articles.summarized, staging.articles.dead-letter"), "\(listed.log)")
    }

    /// Topics that exist are not asked for again: on the embedded cluster, whose own topics are all there, the
    /// command used to wait for its timeout and fail.
    @Test func topicsCreateReportsExistingTopicsWithoutAskingForThem() throws {
        let pipeline = try Pipeline()
        let started = ContinuousClock.now
        let create = try pipeline.cli(["topics", "create", "--timeout", "20"])
        #expect(create.status == 0, "\(create.log)")
        #expect(ContinuousClock.now - started < .seconds(15))
        #expect(create.output == pipeline.topics.all.map { "exists  \($0)\n" }.joined(), "\(create.output)")
        let listed = try pipeline.cli(["topics", "list"])
        #expect(!listed.log.contains("missing pipeline topics"), "\(listed.log)")
    }

    @Test func exactlyOnceModeWritesEachArticleOnceForReadCommittedReaders() throws {
        let pipeline = try Pipeline()
        for worker in ["newsline-ingest", "newsline-entities", "newsline-summarize"] {
            try pipeline.startWorker(worker, ["--exactly-once"])
        }
        let file = try writeArticles(count: 50, tag: "eos")
        #expect(try pipeline.cli(["push", file]).status == 0)
        let summarized = try pipeline.read(pipeline.topics.summarized, isolation: .readCommitted) { Pipeline.keys($0).count >= 50 }
        #expect(Pipeline.keys(summarized).count == 50)
        #expect(summarized.count == 50)
    }
}

@Suite struct CommandLineTests {
    @Test(arguments: [
        ("newsline-ingest", ["--brokers", "127.0.0.1:1", "--concurrency", "0"]),
        ("newsline-summarize", ["--brokers", "127.0.0.1:1", "--sentences", "0"]),
        ("newsline", ["replay", "--brokers", "127.0.0.1:1", "--group", "g", "--topic", "t"]),
        ("newsline", ["push"]),
    ])
    func aBadFlagPrintsUsageAndExitsNonZero(_ executable: String, _ arguments: [String]) throws {
        let child = try ChildProcess(executable, arguments)
        let status = try #require(child.wait(timeout: .seconds(20)))
        #expect(status == 64)
        #expect(child.log.contains("Usage:") || child.log.contains("Help:"))
    }

    @Test func aWorkerWithoutBrokersSaysSoAndExitsNonZero() throws {
        let child = try ChildProcess("newsline-ingest", [], environment: ["NEWSLINE_BROKERS": ""])
        let status = try #require(child.wait(timeout: .seconds(20)))
        #expect(status != 0)
        #expect(child.log.contains("no brokers"))
    }
}
