import Foundation
import Testing

/// `newsline demo`, the README's main job: its own embedded cluster and workers, the article printed, a clean stop.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct DemoTests {
    private func logDirectory() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("newsline-demo-\(UUID().uuidString.prefix(8))").path
    }

    @Test func theSampleArticleComesOutReadablyAndEverythingStopsCleanly() throws {
        let demo = try ChildProcess("newsline", ["demo", sampleArticlePath, "--log-directory", logDirectory()])
        let (status, output) = demo.finish(within: .seconds(150))
        #expect(status == 0, "\(output)\n\(demo.log)")
        for line in [
            "━━ US and Russia closer to Syria ceasefire", "by Mercy Chukwudiebere", "subheadings: Political agreement · Safe passage",
            "summary:", "stages: ingest", "1 of 1 article(s) through the pipeline in",
            "workers stopped: newsline-ingest exit 0, newsline-entities exit 0, newsline-summarize exit 0",
        ] {
            #expect(output.contains(line), "\(line) missing from:\n\(output)")
        }
    }

    /// Interrupted (SIGINT or SIGTERM to the demo alone, as a supervisor sends it), the demo stops its workers before
    /// it exits with the shell's status for the signal. It used to exit at once and leave the three workers running
    /// against the cluster that had gone with it.
    @Test(arguments: [(SIGINT, Int32(130)), (SIGTERM, Int32(143))])
    func anInterruptedDemoStopsItsWorkersFirst(_ signal: Int32, _ expected: Int32) throws {
        let logs = logDirectory()
        let demo = try ChildProcess("newsline", ["demo", try writeArticles(count: 2_000, tag: "interrupt"), "--log-directory", logs])
        let summarizeLog = URL(fileURLWithPath: logs).appendingPathComponent("newsline-summarize.log")
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline, !((try? String(contentsOf: summarizeLog, encoding: .utf8)) ?? "").contains("partitions assigned") {
            Thread.sleep(forTimeInterval: 0.2)
        }
        demo.signal(signal)
        let (status, output) = demo.finish(within: .seconds(30))
        #expect(status == expected, "\(output)\n\(demo.log)")
        #expect(demo.log.contains("interrupted: stopping the workers"), "\(demo.log)")
        #expect(demo.log.contains("workers stopped: newsline-ingest exit 0, newsline-entities exit 0, newsline-summarize exit 0"), "\(demo.log)")
        for worker in ["newsline-ingest", "newsline-entities", "newsline-summarize"] {
            let log = (try? String(contentsOf: URL(fileURLWithPath: logs).appendingPathComponent("\(worker).log"), encoding: .utf8)) ?? ""
            #expect(log.contains("[StageRuntime] stopped"), "\(worker): \(log)")
        }
    }

    /// A file it cannot push, and an article ingest refuses (a title and no body): both named, the good article printed,
    /// and the run fails saying what fell short (it used to say "the demo did not complete" for a dead letter).
    @Test func whatCannotBePushedOrIsDeadLetteredIsNamedAndFailsTheRunAfterTheOthersWentThrough() throws {
        let directory = logDirectory() + "-in"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: sampleArticlePath, toPath: "\(directory)/sample.txt")
        try Data(#"{"title": "no text"}"#.utf8).write(to: URL(fileURLWithPath: "\(directory)/bad.json"))
        try Data("Just a title\n".utf8).write(to: URL(fileURLWithPath: "\(directory)/title-only.txt"))
        let demo = try ChildProcess("newsline", ["demo", directory, "--log-directory", logDirectory()])
        let (status, output) = demo.finish(within: .seconds(150))
        #expect(status == 1, "\(output)\n\(demo.log)")
        #expect(output.contains("cannot push \(directory)/bad.json: not a submission: missing field 'text'"), "\(output)")
        #expect(output.contains("━━ US and Russia closer to Syria ceasefire"), "\(output)")
        #expect(output.contains("✗ dead letter from ingest: emptyBody: submission \"Just a title\" has no body paragraphs"), "\(output)")
        #expect(output.contains("1 of 2 article(s) through the pipeline in "), "\(output)")
        #expect(output.contains(", 1 dead-lettered\n"), "\(output)")
        #expect(output.contains("workers stopped: newsline-ingest exit 0, newsline-entities exit 0, newsline-summarize exit 0"), "\(output)")
        #expect(demo.log.contains("Error: 1 article(s) dead-lettered and 1 input(s) could not be pushed (see above)"), "\(demo.log)")
    }
}
