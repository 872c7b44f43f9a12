import Foundation

/// The three worker executables, started as child processes next to this executable.
final class WorkerProcesses: @unchecked Sendable {
    // Used from one task at a time: started and stopped by the command, read by its collector thread.
    static let names = ["newsline-ingest", "newsline-entities", "newsline-summarize"]

    private(set) var processes: [(name: String, process: Process)] = []

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
            process.arguments = ["--brokers", brokers] + arguments
            if let logDirectory {
                let logURL = logDirectory.appendingPathComponent("\(name).log")
                guard FileManager.default.createFile(atPath: logURL.path, contents: nil),
                    let log = try? FileHandle(forWritingTo: logURL)
                else { throw CLIError("cannot write the log file \(logURL.path)") }
                process.standardError = log
            }
            process.standardOutput = FileHandle.nullDevice
            try process.run()
            processes.append((name, process))
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
