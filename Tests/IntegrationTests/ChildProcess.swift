import Foundation

/// A process started by a test: a worker, the embedded cluster or the CLI.
final class ChildProcess: @unchecked Sendable {
    let name: String
    let process = Process()
    let logURL: URL
    private let stdoutPipe = Pipe()

    /// Starts `executable` (a product next to the test bundle, or an absolute path) with `arguments`; stderr goes to
    /// a log file. With `input`, standard input is those bytes, then closed.
    ///
    /// Workers and brokers it starts stop by themselves once this process is gone (`NEWSLINE_PARENT_PID`), so a test
    /// run that crashes or is killed leaves none running.
    init(_ executable: String, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil) throws {
        name = URL(fileURLWithPath: executable).lastPathComponent
        process.executableURL =
            executable.hasPrefix("/") ? URL(fileURLWithPath: executable) : Self.productsDirectory.appendingPathComponent(executable)
        process.arguments = arguments
        var merged = ProcessInfo.processInfo.environment
        merged["NEWSLINE_PARENT_PID"] = String(getpid())
        merged.merge(environment) { _, new in new }
        process.environment = merged
        logURL = FileManager.default.temporaryDirectory.appendingPathComponent("newsline-test-\(name)-\(UUID().uuidString.prefix(8)).log")
        _ = FileManager.default.createFile(atPath: logURL.path, contents: nil)
        process.standardError = try FileHandle(forWritingTo: logURL)
        process.standardOutput = stdoutPipe
        let inputPipe = input.map { _ in Pipe() }
        if let inputPipe { process.standardInput = inputPipe }
        try process.run()
        if let input, let inputPipe {
            try inputPipe.fileHandleForWriting.write(contentsOf: input)
            try inputPipe.fileHandleForWriting.close()
        }
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

    /// Waits for exit up to `timeout`, reading stdout meanwhile (so a full pipe cannot stall the process); a process
    /// still running then is killed. Returns the status (nil if it had to be killed) and everything it printed.
    func finish(within timeout: Duration) -> (status: Int32?, output: String) {
        let reader = OutputReader(stdoutPipe.fileHandleForReading)
        let status = wait(timeout: timeout)
        if status == nil { kill9() }
        return (status, reader.result())
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

/// Reads a handle to its end on a thread of its own.
private final class OutputReader: @unchecked Sendable {
    private var data = Data()
    private let done = DispatchSemaphore(value: 0)

    init(_ handle: FileHandle) {
        Thread { [self] in
            data = handle.readDataToEndOfFile()
            done.signal()
        }.start()
    }

    /// What was read, once the writer closed its end.
    func result() -> String {
        done.wait()
        return String(decoding: data, as: UTF8.self)
    }
}
