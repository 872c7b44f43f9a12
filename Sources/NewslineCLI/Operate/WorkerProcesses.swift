import Foundation
import UnixSignals

/// The three worker executables, started as child processes next to this executable.
final class WorkerProcesses: @unchecked Sendable {
    static let names = ["newsline-ingest", "newsline-entities", "newsline-summarize"]

    // Started by the command (or a thread of its), read by its collector thread and by the interrupt handler.
    private let lock = NSLock()
    private var started: [(name: String, process: Process)] = []
    private var processes: [(name: String, process: Process)] { lock.withLock { started } }

    /// The folder holding this executable, where the worker executables are built too.
    static var binaryDirectory: URL {
        (Bundle.main.executableURL ?? URL(fileURLWithPath: CommandLine.arguments[0])).deletingLastPathComponent()
    }

    /// Starts every worker against `brokers`, each with `arguments` after the broker list.
    func start(brokers: String, only: [String] = names, arguments: [String], logDirectory: URL? = nil) throws {
        for name in only {
            let process = Process()
            process.executableURL = Self.binaryDirectory.appendingPathComponent(name)
            guard FileManager.default.isExecutableFile(atPath: process.executableURL!.path) else {
                throw CLIError("worker executable \(process.executableURL!.path) is missing: build all products first (swift build)")
            }
            // Killed with SIGKILL, or crashed, this process could not stop them: they stop once it is gone.
            process.arguments = ["--brokers", brokers, "--parent-pid", String(getpid())] + arguments
            if let logDirectory {
                let logURL = logDirectory.appendingPathComponent("\(name).log")
                guard FileManager.default.createFile(atPath: logURL.path, contents: nil),
                    let log = try? FileHandle(forWritingTo: logURL)
                else { throw CLIError("cannot write the log file \(logURL.path)") }
                process.standardError = log
            }
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            lock.withLock { started.append((name, process)) }
        }
    }

    /// Sends SIGTERM to every worker and waits for each; returns each one's exit status.
    func stop() -> [(name: String, status: Int32)] {
        for (_, process) in processes where process.isRunning { process.terminate() }
        return processes.map { name, process in
            process.waitUntilExit()
            return (name, process.terminationStatus)
        }
    }

    /// Until the returned task is cancelled, SIGINT or SIGTERM stops the workers (each finishes what it holds) and
    /// ends this process with the shell's status for the signal, 130 or 143. Left to the default, the signal ended
    /// this process alone, and the workers ran on against the cluster that had gone with it.
    func stopOnInterrupt() -> Task<Void, Never> {
        Task { [self] in
            for await signal in await UnixSignalsSequence(trapping: .sigint, .sigterm) {
                FileHandle.standardError.write(Data("\ninterrupted: stopping the workers\n".utf8))
                let stopped = stop()
                FileHandle.standardError.write(
                    Data(("workers stopped: " + stopped.map { "\($0.name) exit \($0.status)" }.joined(separator: ", ") + "\n").utf8)
                )
                fflush(nil)
                exit(128 + signal.rawValue)
            }
        }
    }

    /// Each running worker's peak resident memory so far (VmHWM), in kilobytes.
    func peakResidentKilobytes() -> [(name: String, kilobytes: Int)] {
        processes.compactMap { name, process in
            guard process.isRunning,
                let status = try? String(contentsOfFile: "/proc/\(process.processIdentifier)/status", encoding: .utf8),
                let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
                let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
            else { return nil }
            return (name, kilobytes)
        }
    }

    /// Workers that already exited, with their status.
    var exited: [(name: String, status: Int32)] {
        processes.filter { !$0.process.isRunning }.map { ($0.name, $0.process.terminationStatus) }
    }
}

/// An error with a message for the person at the terminal.
struct CLIError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
