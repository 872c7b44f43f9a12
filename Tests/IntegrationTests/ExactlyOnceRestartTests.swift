import Foundation
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
}
