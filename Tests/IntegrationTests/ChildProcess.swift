import Foundation

/// A process started by a test: a worker, the embedded cluster or the CLI.
final class ChildProcess: @unchecked Sendable {
    let name: String
    let process = Process()
    let logURL: URL
    private let stdoutPipe = Pipe()

    /// Starts `executable` (a product next to the test bundle) with `arguments`; stderr goes to a log file.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:]) throws {
        name = executable
        process.executableURL = Self.productsDirectory.appendingPathComponent(executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged.merge(environment) { _, new in new }
        process.environment = merged
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-test-\(executable)-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logURL)
        process.standardOutput = stdoutPipe
        try process.run()
    }

    /// Where `swift build` put the executables: beside the test bundle.
    static var productsDirectory: URL {
        if let override = ProcessInfo.processInfo.environment["NEWSLINE_PRODUCTS_DIR"] {
            return URL(fileURLWithPath: override)
        }
        var url = Bundle.main.bundleURL
        while url.pathExtension == "xctest" || url.lastPathComponent.hasSuffix(".xctest") {
            url.deleteLastPathComponent()
        }
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("newsline").path) { return url }
        return URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    }

    /// The first line the process prints.
    func firstLine() -> String {
        var bytes: [UInt8] = []
        while true {
            let data = stdoutPipe.fileHandleForReading.readData(ofLength: 1)
            guard let byte = data.first, byte != UInt8(ascii: "\n") else { break }
            bytes.append(byte)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Everything the process printed on stdout, once it has exited.
    func output() -> String {
        String(decoding: stdoutPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    }

    var log: String { (try? String(contentsOf: logURL, encoding: .utf8)) ?? "" }

    func signal(_ signal: Int32) {
        if process.isRunning { kill(process.processIdentifier, signal) }
    }

    /// Waits for exit up to `timeout`; returns the status, or nil if it still runs.
    func wait(timeout: Duration) -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning, ContinuousClock.now < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        return process.isRunning ? nil : process.terminationStatus
    }

    /// Stops the process for good (SIGKILL) if it still runs.
    func kill9() {
        signal(SIGKILL)
        process.waitUntilExit()
    }

    deinit {
        if process.isRunning {
            kill(process.processIdentifier, SIGKILL)
        }
    }
}
