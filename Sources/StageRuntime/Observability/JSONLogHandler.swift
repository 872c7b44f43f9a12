import Foundation
import Logging
import NewsSchema
import Synchronization

/// A swift-log handler that writes each event as one JSON object on one line, for log collectors (Loki, Elastic,
/// Cloud Logging) to index without a parsing rule: `time`, `level`, `logger`, `message`, then the metadata as
/// members of their own (`stage`, `kafka.topic`, `kafka.partition`, `kafka.offset`, `article.id`, ...), sorted by
/// key, then `source`. A metadata key that one of those five already names is written as `metadata.<key>`.
///
/// Each line is written whole with one `write` call under a process-wide lock, so lines from several threads never
/// interleave.
struct JSONLogHandler: LogHandler {
    var logLevel: Logger.Level = .info
    var metadata: Logger.Metadata = [:]
    var metadataProvider: Logger.MetadataProvider?

    private let label: String
    private let write: @Sendable ([UInt8]) -> Void

    /// A handler writing to standard error.
    ///
    /// - Parameter label: The logger's label, written as `logger`.
    static func standardError(label: String) -> JSONLogHandler {
        JSONLogHandler(label: label, write: writeToStandardError)
    }

    /// A handler handing each line, newline included, to `write`.
    ///
    /// - Parameters:
    ///   - label: The logger's label, written as `logger`.
    ///   - metadataProvider: Metadata to add to every event.
    ///   - write: Takes one whole line at a time.
    init(label: String, metadataProvider: Logger.MetadataProvider? = nil, write: @escaping @Sendable ([UInt8]) -> Void)
    {
        self.label = label
        self.metadataProvider = metadataProvider
        self.write = write
    }

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        // Later sources win: the handler's own metadata, then the provider's, then the event's.
        var merged = metadata
        if let provided = metadataProvider?.get() { merged.merge(provided) { $1 } }
        if let given = event.metadata { merged.merge(given) { $1 } }
        // Under the keys swift-log's own StreamLogHandler uses, so both formats name an error alike.
        if let error = event.error {
            merged["error.message"] = "\(error)"
            merged["error.type"] = "\(String(reflecting: type(of: error)))"
        }
        let line = Line(
            time: Date(),
            level: event.level,
            logger: label,
            message: event.message.description,
            metadata: merged,
            source: event.source
        )
        // Every value is a string, a dictionary or an array of them: encoding cannot fail.
        var bytes =
            (try? NewsJSON.encoder().encodeBytes(line, reservingCapacity: 256))
            ?? Array(#"{"message":"unencodable log event"}"#.utf8)
        bytes.append(UInt8(ascii: "\n"))
        write(bytes)
    }

    /// One event as it is written.
    private struct Line: Encodable {
        static let reserved: Set<String> = ["time", "level", "logger", "message", "source"]

        var time: Date
        var level: Logger.Level
        var logger: String
        var message: String
        var metadata: Logger.Metadata
        var source: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: Key.self)
            try container.encode(time, forKey: Key("time"))
            try container.encode(level.rawValue, forKey: Key("level"))
            try container.encode(logger, forKey: Key("logger"))
            try container.encode(message, forKey: Key("message"))
            for (key, value) in metadata.sorted(by: { $0.key < $1.key }) {
                try container.encode(Value(value), forKey: Key(Self.reserved.contains(key) ? "metadata.\(key)" : key))
            }
            try container.encode(source, forKey: Key("source"))
        }
    }

    /// A metadata value: strings as strings, dictionaries as objects, arrays as arrays.
    private struct Value: Encodable {
        var value: Logger.Metadata.Value

        init(_ value: Logger.Metadata.Value) {
            self.value = value
        }

        func encode(to encoder: any Encoder) throws {
            switch value {
            case .string(let text):
                var container = encoder.singleValueContainer()
                try container.encode(text)
            case .stringConvertible(let convertible):
                var container = encoder.singleValueContainer()
                try container.encode(convertible.description)
            case .dictionary(let dictionary):
                var container = encoder.container(keyedBy: Key.self)
                for (key, value) in dictionary.sorted(by: { $0.key < $1.key }) {
                    try container.encode(Value(value), forKey: Key(key))
                }
            case .array(let values):
                var container = encoder.unkeyedContainer()
                for value in values { try container.encode(Value(value)) }
            }
        }
    }

    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }

        init(_ name: String) { stringValue = name }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }
}

/// Keeps lines whole where several threads log at once.
private let standardErrorLock = Mutex(())

private func writeToStandardError(_ bytes: [UInt8]) {
    standardErrorLock.withLock { _ in
        bytes.withUnsafeBytes { buffer in
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(STDERR_FILENO, buffer.baseAddress! + offset, buffer.count - offset)
                if written > 0 {
                    offset += written
                } else if written < 0, errno == EINTR {
                    continue
                } else {
                    // Standard error is closed or full beyond repair: a log line is not worth stopping for.
                    return
                }
            }
        }
    }
}
