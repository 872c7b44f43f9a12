import Foundation
import Testing

/// A process that starts workers or a broker may end without stopping them: killed with SIGKILL, or crashed. Given
/// `--parent-pid` (as `newsline demo` gives its workers, and these tests theirs), they stop by themselves once it is
/// gone, instead of running on against a cluster that went with it.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ParentProcessTests {
    @Test func theWorkersOfADemoKilledWithSIGKILLStopByThemselves() throws {
        let logs = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-killed-demo-\(UUID().uuidString.prefix(8))")
        let demo = try ChildProcess("newsline", ["demo", try writeArticles(count: 200, tag: "killed-demo"), "--log-directory", logs.path])
        let demoID = demo.process.processIdentifier
        let summarizeLog = logs.appendingPathComponent("newsline-summarize.log")
        let ready = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < ready, !((try? String(contentsOf: summarizeLog, encoding: .utf8)) ?? "").contains("partitions assigned") {
            Thread.sleep(forTimeInterval: 0.2)
        }
        let workers = LiveProcess.children(of: demoID)
        defer { for worker in workers { kill(worker.id, SIGKILL) } }
        #expect(workers.map(\.name).sorted() == ["newsline-entities", "newsline-ingest", "newsline-summarize"], "\(demo.log)")

        demo.kill9()
        let stillRunning = LiveProcess.waitForEnd(of: workers.map(\.id), within: .seconds(20))
        #expect(stillRunning.isEmpty, "still running 20 s after the demo was killed: \(stillRunning)")
        for name in ["newsline-ingest", "newsline-entities", "newsline-summarize"] {
            let log = (try? String(contentsOf: logs.appendingPathComponent("\(name).log"), encoding: .utf8)) ?? ""
            #expect(log.contains("parent process \(demoID) has ended: stopping"), "\(name): \(log)")
            #expect(log.contains("[StageRuntime] stopped"), "\(name): \(log)")
        }
    }

    @Test func aBrokerStopsOnceItsParentIsKilled() throws {
        let products = ChildProcess.productsDirectory.appendingPathComponent("newsline").path
        // The shell starts the broker and waits; its `$$` is the broker's parent.
        let shell = try ChildProcess(
            "/bin/sh", ["-c", "'\(products)' broker --broker-count 1 --partitions 1 --parent-pid $$ >/dev/null & echo $!; wait"]
        )
        guard let broker = Int32(shell.firstLine()) else { throw TestFailure("no broker started: \(shell.log)") }
        defer { kill(broker, SIGKILL) }
        Thread.sleep(forTimeInterval: 1)
        #expect(LiveProcess.waitForEnd(of: [broker], within: .milliseconds(500)) == [broker], "the broker stopped with its parent alive: \(shell.log)")

        // Not `kill9()`: Foundation's `Process` sees its child end only once every process holding a descriptor it
        // gave the child has closed it, and the shell handed the broker all of its own.
        kill(shell.process.processIdentifier, SIGKILL)
        #expect(LiveProcess.waitForEnd(of: [broker], within: .seconds(15)).isEmpty, "the broker runs on: \(shell.log)")
        #expect(shell.log.contains("newsline broker: parent process \(shell.process.processIdentifier) has ended: stopping"), "\(shell.log)")
    }
}

/// A process as Linux's `/proc` shows it.
private enum LiveProcess {
    /// The running children of `parent`, each with its executable's file name.
    static func children(of parent: Int32) -> [(id: Int32, name: String)] {
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        return entries.compactMap { entry in
            guard let id = Int32(entry), let status = status(of: id), status.parent == parent, status.state != "Z",
                let arguments = FileManager.default.contents(atPath: "/proc/\(id)/cmdline"),
                let first = arguments.split(separator: 0).first
            else { return nil }
            return (id, URL(fileURLWithPath: String(decoding: first, as: UTF8.self)).lastPathComponent)
        }
    }

    /// Waits until none of `ids` runs (an exited process nobody reaped counts as ended); returns those still running.
    static func waitForEnd(of ids: [Int32], within timeout: Duration) -> [Int32] {
        let deadline = ContinuousClock.now + timeout
        while true {
            let running = ids.filter { status(of: $0).map { $0.state != "Z" } ?? false }
            if running.isEmpty || ContinuousClock.now >= deadline { return running }
            Thread.sleep(forTimeInterval: 0.1)
        }
    }

    /// State and parent from `/proc/<id>/stat`: `id (name) state parent ...`, where the name may hold spaces.
    private static func status(of id: Int32) -> (state: String, parent: Int32)? {
        guard let text = try? String(contentsOfFile: "/proc/\(id)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        let fields = text[text.index(after: close)...].split(separator: " ")
        guard fields.count > 1, let parent = Int32(fields[1]) else { return nil }
        return (String(fields[0]), parent)
    }
}
