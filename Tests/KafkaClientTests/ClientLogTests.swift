import Foundation
import KafkaClient
import Logging
import Synchronization
import Testing

/// What a client writes to its logger when a broker cannot be reached.
@Suite struct ClientLogTests {
    /// Keeps every record logged through it.
    final class Capture: Sendable {
        struct Entry: Sendable {
            var level: Logger.Level
            var message: String
            var facility: String?
        }

        private let entries = Mutex<[Entry]>([])

        var all: [Entry] { entries.withLock { $0 } }

        func logger() -> Logger {
            var logger = Logger(label: "newsline.tests.capture") { _ in Handler(capture: self) }
            logger.logLevel = .trace
            return logger
        }

        fileprivate func append(_ entry: Entry) {
            entries.withLock { $0.append(entry) }
        }
    }

    struct Handler: LogHandler {
        let capture: Capture
        var metadata: Logger.Metadata = [:]
        var logLevel: Logger.Level = .trace

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            let facility = event.metadata?["rdkafka.facility"].map { "\($0)" }
            capture.append(.init(level: event.level, message: "\(event.message)", facility: facility))
        }
    }

    @Test func aRefusedConnectionIsOneWarningNotAlsoAnError() async throws {
        let capture = Capture()
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: "127.0.0.1:1")), logger: capture.logger())
        defer { producer.close(timeout: .zero) }
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline, !capture.all.contains(where: { $0.level == .warning && $0.message.contains("Connect to") }) {
            try await Task.sleep(for: .milliseconds(50))
        }
        let entries = capture.all
        let warnings = entries.filter { $0.level == .warning && $0.message.contains("Connect to") }
        #expect(!warnings.isEmpty, "no warning for the refused connection: \(entries.map(\.message))")
        // librdkafka's own line about the same failure is still there, for a debug log.
        let failLines = entries.filter { $0.facility == "FAIL" }
        #expect(!failLines.isEmpty)
        #expect(failLines.allSatisfy { $0.level == .debug }, "\(failLines.map { "\($0.level) \($0.message)" })")
    }
}
