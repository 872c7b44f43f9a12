import Foundation
import KafkaClient
import NewsSchema
import Testing

/// The embedded cluster does not store offsets sent to a transaction: an exactly-once worker restarted there read its
/// whole input again. It commits them through its consumer too, so a restart resumes where the worker stopped.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ExactlyOnceRestartTests {
    @Test func anExactlyOnceWorkerRestartedOnTheEmbeddedClusterResumesWhereItStopped() throws {
        let (pipeline, ingested, watcher) = try Pipeline.entityBacklog(count: 20, tag: "eos-restart")
        let first = try pipeline.startWorker("newsline-entities", ["--exactly-once"])
        try watcher.read(timeout: .seconds(60)) { Pipeline.keys($0) == ingested }
        #expect(first.log.contains("committing them through the consumer too"), "\(first.log)")
        first.signal(SIGTERM)
        #expect(first.wait(timeout: .seconds(15)) == 0, "\(first.log)")
        // Committed, as status reads the group: no lag left.
        let status = try pipeline.cli(["status"])
        let entities = status.output.split(separator: "\n").first { $0.hasPrefix("entities ") }?.split(separator: " ") ?? []
        #expect(entities.map(String.init) == ["entities", "newsline-entities", "articles.ingested", "20", "0"], "\(status.output)")

        let second = try pipeline.startWorker("newsline-entities", ["--exactly-once"])
        let joined = ContinuousClock.now + .seconds(30)
        while !second.log.contains("partitions assigned"), ContinuousClock.now < joined {
            try watcher.read(timeout: .milliseconds(200)) { _ in false }
        }
        try #require(second.log.contains("partitions assigned"), "\(second.log)")
        try watcher.read(timeout: .seconds(3)) { _ in false }
        #expect(watcher.records.count == 20, "the restarted worker wrote \(watcher.records.count - 20) outputs again")
    }

    /// The SIGKILL case of exactly-once, as far as the embedded cluster can show it. Killed between transactions, the
    /// worker's committed work is all there is, and its successor writes each article once for a `read_committed`
    /// reader. A kill while a transaction is open leaves that transaction's records visible here, since the cluster
    /// writes no transaction markers: such a round shows more outputs than committed inputs, says nothing about the
    /// worker, and is run again on a fresh cluster.
    @Test func anExactlyOnceWorkerKilledBetweenTransactionsAndRestartedWritesEachArticleOnce() throws {
        let count = 200
        var inconclusive: [String] = []
        for round in 1...3 {
            let (pipeline, ingested, watcher) = try Pipeline.entityBacklog(count: count, tag: "eos-kill-\(round)")
            let first = try pipeline.startWorker("newsline-entities", ["--exactly-once"])
            try watcher.read(timeout: .seconds(60)) { $0.count >= 40 }
            first.signal(SIGKILL)
            #expect(first.wait(timeout: .seconds(5)) != nil)
            try watcher.read(timeout: .seconds(1)) { _ in false }
            let written = watcher.records.count
            try #require(written < count, "the kill came mid-run: \(written) written")
            let status = try pipeline.cli(["status"])
            let row = status.output.split(separator: "\n").first { $0.hasPrefix("entities ") }?.split(separator: " ") ?? []
            // Records and lag of the entity group's input.
            let figures = row.dropFirst(3).prefix(2).compactMap { Int($0) }
            try #require(figures.count == 2 && figures[0] == count, "\(status.output)")
            let committed = count - figures[1]
            guard written == committed else {
                inconclusive.append("\(written) outputs, \(committed) inputs committed")
                continue
            }

            let second = try pipeline.startWorker("newsline-entities", ["--exactly-once"])
            let outputs = try pipeline.read(pipeline.topics.entities, isolation: .readCommitted, timeout: .seconds(120)) {
                Pipeline.keys($0).count >= count
            }
            #expect(Pipeline.keys(outputs) == ingested)
            try watcher.read(timeout: .seconds(2)) { _ in false }
            #expect(watcher.records.count == count, "\(watcher.records.count - count) outputs written twice; \(written) before the kill\n\(second.log)")
            return
        }
        Issue.record("in every round more outputs showed than inputs were committed: \(inconclusive.joined(separator: "; "))")
    }
}
