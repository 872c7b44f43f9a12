import ArgumentParser
import Foundation
import KafkaClient
import Logging
import NewsSchema
import Synchronization
import Testing

@testable import StageRuntime

/// A stage whose earlier records take longer, so lanes finish them out of order; it rejects every seventh
/// record and notes how many transforms ran at once. With `waitsForCompany`, offset 0 waits until another
/// transform runs beside it, so a second lane that starts late is still seen: in a full, parallel test run a
/// lane can wait seconds for a thread, so the wait gives up only after 30 s.
private struct UnevenStage: Stage {
    final class Overlap: Sendable {
        private let counts = Mutex((running: 0, most: 0))

        func enter() { counts.withLock { $0.running += 1; $0.most = max($0.most, $0.running) } }
        func leave() { counts.withLock { $0.running -= 1 } }
        var most: Int { counts.withLock { $0.most } }

        func waitForCompany() {
            let deadline = ContinuousClock.now + .seconds(30)
            while most < 2, ContinuousClock.now < deadline { Thread.sleep(forTimeInterval: 0.000_1) }
        }
    }

    struct Rejected: Error {}

    let name = "uneven"
    let version = "test"
    let overlap = Overlap()
    var waitsForCompany = false

    func inputTopic(_ topics: Topics) -> String { topics.ingested }
    func outputTopic(_ topics: Topics) -> String { topics.entities }

    func transform(_ envelope: ArticleEnvelope, record: ConsumerRecord) throws -> StageResult {
        overlap.enter()
        defer { overlap.leave() }
        if waitsForCompany, record.offset == 0 { overlap.waitForCompany() }
        Thread.sleep(forTimeInterval: Double(40 - record.offset % 40) / 20_000)
        if record.offset % 7 == 3 { throw Rejected() }
        return .emit(envelope)
    }
}

/// A stage whose transforms wait for a gate to open (for up to 10 s), noting any that gave up waiting.
private struct GatedStage: Stage {
    final class Gate: Sendable {
        private let isOpen = Atomic(false)
        private let gaveUp = Atomic(0)

        func open() { isOpen.store(true, ordering: .releasing) }
        var timedOut: Int { gaveUp.load(ordering: .relaxed) }

        func pass() {
            let deadline = ContinuousClock.now + .seconds(10)
            while !isOpen.load(ordering: .acquiring) {
                guard ContinuousClock.now < deadline else {
                    gaveUp.add(1, ordering: .relaxed)
                    return
                }
                Thread.sleep(forTimeInterval: 0.000_5)
            }
        }
    }

    let name = "gated"
    let version = "test"
    let gate = Gate()

    func inputTopic(_ topics: Topics) -> String { topics.ingested }
    func outputTopic(_ topics: Topics) -> String { topics.entities }

    func transform(_ envelope: ArticleEnvelope, record: ConsumerRecord) throws -> StageResult {
        gate.pass()
        return .emit(envelope)
    }
}

@Suite struct BatchProcessingTests {
    private func worker(concurrency: Int, waitsForCompany: Bool = false) throws -> StageWorker<UnevenStage> {
        let options = try WorkerOptions.parse(["--brokers", "127.0.0.1:9092", "--concurrency", "\(concurrency)"])
            .resolved(stage: "uneven", environment: [:])
        return StageWorker(stage: UnevenStage(waitsForCompany: waitsForCompany), options: options, logger: Logger(label: "test"))
    }

    private func record(partition: Int32, offset: Int64) throws -> ConsumerRecord {
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let id = "a-\(partition)-\(offset)"
        let article = Article(
            id: id, title: "Article \(id)", body: "Talks resumed in Geneva on Monday.", wordCount: 6,
            contentHash: String(repeating: "0", count: 64), submittedAt: now, ingestedAt: now
        )
        let value = try NewsJSON.encoder().encodeBytes(ArticleEnvelope(article: article))
        return ConsumerRecord(topic: "articles.ingested", partition: partition, offset: offset, key: Array(id.utf8), value: value)
    }

    @Test func outputsLeaveInTheBatchOrderWhicheverLaneFinishesFirst() throws {
        let worker = try worker(concurrency: 4)
        let batch = try (0..<40).map { try record(partition: 0, offset: $0) } + (0..<8).map { try record(partition: 1, offset: $0) }

        let outgoing = worker.process(batch)

        #expect(outgoing.map(\.source.partition) == batch.map(\.partition))
        #expect(outgoing.map(\.source.offset) == batch.map(\.offset))
        #expect(outgoing.map(\.articleID) == batch.map { "a-\($0.partition)-\($0.offset)" })
        for (item, input) in zip(outgoing, batch) {
            switch item.kind {
            case .output:
                #expect(item.source.offset % 7 != 3)
                #expect(item.record?.key == input.key)
            case .deadLetter(let reason, _):
                #expect(item.source.offset % 7 == 3)
                #expect(reason == .transformFailed)
            case .skip:
                Issue.record("nothing is skipped")
            }
        }
    }

    @Test func aBatchIsProcessedOffTheConsumersThreadWhichGetsItsOutputsLater() throws {
        // The consumer's thread polls the next batch and sends the last one while the lanes work: starting a batch
        // must not wait for its transforms, which here cannot finish before the gate opens after the start returned.
        let options = try WorkerOptions.parse(["--brokers", "127.0.0.1:9092", "--concurrency", "2"])
            .resolved(stage: "gated", environment: [:])
        let worker = StageWorker(stage: GatedStage(), options: options, logger: Logger(label: "test"))
        let batch = try (0..<8).map { try record(partition: 2, offset: $0) }

        let lanes = worker.startProcessing(batch)
        worker.stage.gate.open()
        let (outgoing, elapsed) = lanes.finished()

        #expect(worker.stage.gate.timedOut == 0, "a transform ran on the starting thread, before the gate opened")
        #expect(outgoing.map(\.source.offset) == batch.map(\.offset))
        #expect(elapsed > .zero)
    }

    @Test func outputsAndDeadLettersCarryTheInputsHeadersAndThisBuildsSchemaVersionOnce() throws {
        let worker = try worker(concurrency: 1)
        let headers = [
            KafkaHeader(name: Headers.schemaVersion, text: "0"), KafkaHeader(name: "x-origin", text: "wire"),
            KafkaHeader(name: "x-empty", value: nil),
        ]
        // Offset 2 is processed; offset 3 is rejected by the stage and dead-lettered.
        let batch = try [Int64(2), 3].map { offset in
            var record = try record(partition: 0, offset: offset)
            record.headers = headers
            return record
        }

        for item in worker.process(batch) {
            let sent = try #require(item.record?.headers)
            #expect(sent.filter { $0.name == Headers.schemaVersion }.map(\.text) == ["\(NewsSchemaVersion.current)"])
            #expect(sent.last?.name == Headers.schemaVersion)
            #expect(sent.first { $0.name == "x-origin" }?.text == "wire")
            #expect(sent.contains(KafkaHeader(name: "x-empty", value: nil)))
            #expect(sent.filter { $0.name == TraceHeaders.parent }.count == 1)
        }
    }

    @Test func oneRunOfASinglePartitionIsSpreadOverTheLanes() throws {
        // A batch may be one partition's fetched run; it must not leave all but one lane idle.
        let worker = try worker(concurrency: 2, waitsForCompany: true)
        let batch = try (0..<40).map { try record(partition: 5, offset: $0) }

        let outgoing = worker.process(batch)

        #expect(outgoing.map(\.source.offset) == batch.map(\.offset))
        #expect(worker.stage.overlap.most == 2)
    }
}
