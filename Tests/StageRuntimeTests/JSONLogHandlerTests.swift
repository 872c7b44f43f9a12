import Foundation
import Logging
import Synchronization
import Testing

@testable import StageRuntime

/// `--log-format json`: what a log collector reads from a worker.
struct JSONLogHandlerTests {
    /// Collects what the handler writes.
    final class Sink: Sendable {
        private let written = Mutex<[[UInt8]]>([])

        var writes: [[UInt8]] { written.withLock { $0 } }
        var lines: [String] { writes.map { String(decoding: $0, as: UTF8.self) } }

        func logger(level: Logger.Level = .info, provider: Logger.MetadataProvider? = nil) -> Logger {
            Logger(label: "newsline-test") { label in
                var handler = JSONLogHandler(label: label, metadataProvider: provider) { [self] bytes in
                    written.withLock { $0.append(bytes) }
                }
                handler.logLevel = level
                return handler
            }
        }

        /// Each write as a JSON object; fails the test for one that is not.
        func objects() throws -> [[String: Any]] {
            try writes.map { bytes in
                #expect(bytes.last == UInt8(ascii: "\n"))
                #expect(bytes.dropLast().contains(UInt8(ascii: "\n")) == false, "one line per event")
                return try #require(try JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any])
            }
        }
    }

    @Test func anEventIsOneObjectWithItsMetadataAsMembers() throws {
        let sink = Sink()
        var logger = sink.logger()
        logger[metadataKey: "stage"] = "ingest"
        let before = Date()
        logger.warning(
            "dead-lettered: message is empty",
            metadata: [
                "kafka.topic": "articles.submitted", "kafka.partition": "3", "kafka.offset": "\(41 as Int64)",
                "article.id": "a-1",
            ]
        )
        let object = try #require(try sink.objects().first)
        #expect(object["level"] as? String == "warning")
        #expect(object["logger"] as? String == "newsline-test")
        #expect(object["message"] as? String == "dead-lettered: message is empty")
        #expect(object["stage"] as? String == "ingest")
        #expect(object["kafka.topic"] as? String == "articles.submitted")
        #expect(object["kafka.partition"] as? String == "3")
        #expect(object["kafka.offset"] as? String == "41")
        #expect(object["article.id"] as? String == "a-1")
        #expect(object["source"] as? String == "StageRuntimeTests")
        let time = try #require(object["time"] as? String)
        let logged = try #require(ISO8601DateFormatter.withMilliseconds.date(from: time), "\(time)")
        #expect(abs(logged.timeIntervalSince(before)) < 5)
        // The fixed members first, the metadata sorted, the source last: lines read alike by eye too.
        let line = try #require(sink.lines.first)
        let order = [
            "\"time\"", "\"level\"", "\"logger\"", "\"message\"", "\"article.id\"", "\"kafka.offset\"",
            "\"kafka.partition\"", "\"kafka.topic\"", "\"stage\"", "\"source\"",
        ]
        let positions = try order.map { try #require(line.range(of: $0)?.lowerBound, "\($0) in \(line)") }
        #expect(positions == positions.sorted(), "\(line)")
    }

    @Test func textThatJSONMustEscapeComesBackAsItWas() throws {
        let sink = Sink()
        let message = "quote \" backslash \\ newline \n tab \t bell \u{7} é 日本 🙂 </script>"
        sink.logger().info("\(message)", metadata: ["reason": "line one\nline two"])
        let object = try #require(try sink.objects().first)
        #expect(object["message"] as? String == message)
        #expect(object["reason"] as? String == "line one\nline two")
    }

    @Test func laterMetadataWinsAndReservedNamesMoveAside() throws {
        let sink = Sink()
        let provider = Logger.MetadataProvider { ["trace.id": "from-provider", "host": "h1"] }
        var logger = sink.logger(provider: provider)
        logger[metadataKey: "host"] = "from-handler"
        logger[metadataKey: "stage"] = "entities"
        logger.info(
            "hello",
            metadata: ["trace.id": "from-event", "message": "not the message", "level": "not the level"]
        )
        let object = try #require(try sink.objects().first)
        #expect(object["trace.id"] as? String == "from-event")
        #expect(object["host"] as? String == "h1")
        #expect(object["stage"] as? String == "entities")
        #expect(object["message"] as? String == "hello")
        #expect(object["level"] as? String == "info")
        #expect(object["metadata.message"] as? String == "not the message")
        #expect(object["metadata.level"] as? String == "not the level")
    }

    @Test func nestedMetadataStaysNested() throws {
        let sink = Sink()
        sink.logger().info(
            "started",
            metadata: [
                "kafka.properties": ["linger.ms": "5", "acks": "all"],
                "kafka.partitions": ["articles.ingested[0]", "articles.ingested[1]"],
            ]
        )
        let object = try #require(try sink.objects().first)
        #expect(object["kafka.properties"] as? [String: String] == ["linger.ms": "5", "acks": "all"])
        #expect(object["kafka.partitions"] as? [String] == ["articles.ingested[0]", "articles.ingested[1]"])
    }

    /// As swift-log's own text handler names them, so both formats say an error alike.
    @Test func anEventsErrorIsWrittenAsItsMessageAndType() throws {
        struct BrokerGone: Error, CustomStringConvertible {
            var description: String { "broker 3 is gone" }
        }
        let sink = Sink()
        sink.logger().error("produce failed", error: BrokerGone())
        let object = try #require(try sink.objects().first)
        #expect(object["error.message"] as? String == "broker 3 is gone")
        #expect((object["error.type"] as? String)?.hasSuffix("BrokerGone") == true, "\(object)")
    }

    @Test func eventsBelowTheLevelAreNotWritten() throws {
        let sink = Sink()
        let logger = sink.logger(level: .warning)
        logger.info("quiet")
        logger.debug("quieter")
        logger.error("loud")
        #expect(try sink.objects().map { $0["message"] as? String } == ["loud"])
    }
}

extension ISO8601DateFormatter {
    fileprivate static var withMilliseconds: ISO8601DateFormatter {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter
    }
}
