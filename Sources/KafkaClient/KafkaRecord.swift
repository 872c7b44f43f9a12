/// A header of a Kafka record: a name and an optional byte value.
public struct KafkaHeader: Sendable, Hashable {
    /// The header's name.
    public var name: String
    /// The header's value; `nil` for a header without a value.
    public var value: [UInt8]?

    /// Creates a header with a byte value.
    public init(name: String, value: [UInt8]?) {
        self.name = name
        self.value = value
    }

    /// Creates a header with a UTF-8 text value.
    public init(name: String, text: String) {
        self.init(name: name, value: Array(text.utf8))
    }

    /// The value read as UTF-8 text, when it is valid UTF-8.
    public var text: String? {
        value.flatMap { String(validating: $0, as: UTF8.self) }
    }

    /// Whether the header is called `name`: byte for byte, as Kafka compares header names, where `name` is ASCII
    /// (every name Newsline looks up is). The byte counts, which strings know, are compared first: most names
    /// differ in length, and `==` on strings of more than 15 bytes takes the standard library's slow path
    /// whatever their lengths. (`==` alone would also take a name of other bytes that is canonically equivalent.)
    @inlinable
    public func isNamed(_ name: String) -> Bool {
        self.name.utf8.count == name.utf8.count && self.name == name
    }
}

extension [KafkaHeader] {
    /// The text value of the last header with this name.
    public func text(_ name: String) -> String? {
        last { $0.isNamed(name) }?.text
    }
}

/// A record to produce.
public struct ProducerRecord: Sendable {
    /// The destination topic.
    public var topic: String
    /// A fixed partition, or `nil` to let the partitioner choose from the key.
    public var partition: Int32?
    /// The key; records with the same key land on the same partition.
    public var key: [UInt8]?
    /// The value.
    public var value: [UInt8]
    /// The headers.
    public var headers: [KafkaHeader]
    /// The record's timestamp in milliseconds since the epoch, or `nil` for the time of sending.
    public var timestampMilliseconds: Int64?

    /// Creates a record.
    public init(
        topic: String,
        partition: Int32? = nil,
        key: [UInt8]? = nil,
        value: [UInt8],
        headers: [KafkaHeader] = [],
        timestampMilliseconds: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMilliseconds = timestampMilliseconds
    }
}

/// Where the broker stored a produced record.
public struct DeliveryReport: Sendable, Hashable {
    /// The topic.
    public var topic: String
    /// The partition the record went to.
    public var partition: Int32
    /// The record's offset in its partition.
    public var offset: Int64
}

/// A record read by a consumer. Key, value and headers are copies: the librdkafka message is already freed.
public struct ConsumerRecord: Sendable {
    /// The topic it was read from.
    public var topic: String
    /// Its partition.
    public var partition: Int32
    /// Its offset in the partition.
    public var offset: Int64
    /// Its key.
    public var key: [UInt8]?
    /// Its value.
    public var value: [UInt8]
    /// Its headers.
    public var headers: [KafkaHeader]
    /// Its timestamp in milliseconds since the epoch, when the broker gave one.
    public var timestampMilliseconds: Int64?

    /// Creates a record (for tests and tools that build records by hand).
    public init(
        topic: String,
        partition: Int32,
        offset: Int64,
        key: [UInt8]?,
        value: [UInt8],
        headers: [KafkaHeader] = [],
        timestampMilliseconds: Int64? = nil
    ) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.key = key
        self.value = value
        self.headers = headers
        self.timestampMilliseconds = timestampMilliseconds
    }

    /// The key as UTF-8 text, when it is valid UTF-8.
    public var keyText: String? {
        key.flatMap { String(validating: $0, as: UTF8.self) }
    }
}

/// A topic, a partition and an offset: a position to seek, commit or report.
public struct TopicPartitionOffset: Sendable, Hashable, Comparable {
    /// The topic.
    public var topic: String
    /// The partition.
    public var partition: Int32
    /// The offset; negative values are librdkafka's logical offsets (see `KafkaOffset`).
    public var offset: Int64

    /// Creates a position.
    public init(topic: String, partition: Int32, offset: Int64) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.topic, lhs.partition, lhs.offset) < (rhs.topic, rhs.partition, rhs.offset)
    }
}

/// librdkafka's logical offsets.
public enum KafkaOffset {
    /// The start of the partition.
    public static let beginning: Int64 = -2
    /// The end of the partition.
    public static let end: Int64 = -1
    /// The committed offset (or `auto.offset.reset` when none).
    public static let stored: Int64 = -1000
    /// No offset: nothing committed.
    public static let invalid: Int64 = -1001
}

/// A partition's low and high watermarks: the first offset still kept and the offset the next record gets.
public struct Watermarks: Sendable, Hashable {
    /// The first offset still kept.
    public var low: Int64
    /// The offset the next record will get.
    public var high: Int64
}
