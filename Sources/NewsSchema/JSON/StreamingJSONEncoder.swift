import Foundation

/// The `Encoder` behind ``NewsJSONEncoder``: writes each value as it is given.
///
/// Containers are frames on a stack. A frame is closed (its `}` or `]` written) when its parent writes its next
/// member, or when the value that opened it has finished encoding, which is when a synthesized `encode(to:)`
/// has nothing more to add.
final class StreamingJSONEncoder: Encoder {
    struct Frame {
        /// `}` or `]`; 0 for the value slot of a `superEncoder()`, which closes by writing `{}` if left empty.
        var closer: UInt8
        var hasMembers = false
        /// Where the frame's content starts in ``bytes``.
        var start: Int
    }

    @exclusivity(unchecked) var bytes: [UInt8] = []
    @exclusivity(unchecked) var frames: [Frame] = []
    /// `frames.count` when the value now being encoded started: a container it asks for opens at this depth.
    @exclusivity(unchecked) var valueBase = 0

    /// An article written as its received text when it comes to be encoded unchanged.
    var received: ReceivedArticle?

    var codingPath: [any CodingKey] { [] }
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(capacity: Int) {
        bytes.reserveCapacity(capacity)
        frames.reserveCapacity(8)
    }

    func closeFrames(downTo depth: Int) {
        while frames.count > depth {
            let frame = frames.removeLast()
            if frame.closer != 0 {
                bytes.append(frame.closer)
            } else if bytes.count == frame.start {
                writeLiteral("{}")
            }
        }
    }

    /// Opens a container for the current value, or returns the depth of the one it already opened.
    func openContainer(_ opener: UInt8, closer: UInt8) -> Int {
        if frames.count == valueBase { _ = pushContainer(opener, closer: closer) }
        return valueBase + 1
    }

    /// Writes a container's opener and pushes its frame; returns its depth.
    func pushContainer(_ opener: UInt8, closer: UInt8) -> Int {
        bytes.append(opener)
        frames.append(Frame(closer: closer, start: bytes.count))
        return frames.count
    }

    /// Prepares the container at `depth` for its next member: closes deeper containers, writes the comma.
    @inline(__always)
    func beginMember(depth: Int) {
        if frames.count > depth { closeFrames(downTo: depth) }
        if frames[depth - 1].hasMembers {
            bytes.append(UInt8(ascii: ","))
        } else {
            frames[depth - 1].hasMembers = true
        }
    }

    func writeKey(_ key: String) {
        JSONText.appendQuoted(key, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
    }

    /// Appends ASCII text known at compile time, without making a string of it.
    func writeLiteral(_ text: StaticString) {
        bytes.append(contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    func writeNull() {
        writeLiteral("null")
    }

    func write(_ value: Bool) {
        writeLiteral(value ? "true" : "false")
    }

    func write(_ value: String) {
        JSONText.appendQuoted(value, to: &bytes)
    }

    func write<I: FixedWidthInteger>(_ value: I) {
        JSONText.appendInteger(value, to: &bytes)
    }

    func write<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) throws {
        try JSONText.appendNumber(value, to: &bytes)
    }

    /// Encodes any value: the types with a fixed JSON form directly, the rest through their `encode(to:)`.
    func encodeValue<T: Encodable>(_ value: T) throws {
        if T.self == String.self {
            write(unsafeBitCast(value, to: String.self))
        } else if T.self == Int.self {
            write(unsafeBitCast(value, to: Int.self))
        } else if T.self == Date.self {
            bytes.append(UInt8(ascii: "\""))
            ISO8601Milliseconds.append(unsafeBitCast(value, to: Date.self), to: &bytes)
            bytes.append(UInt8(ascii: "\""))
        } else if T.self == Double.self {
            try write(unsafeBitCast(value, to: Double.self))
        } else if T.self == Bool.self {
            write(unsafeBitCast(value, to: Bool.self))
        } else if T.self == Data.self {
            write((value as! Data).base64EncodedString())
        } else if T.self == [String: String].self {
            try encodeSorted(value as! [String: String])
        } else if T.self == Article.self, let received, received.article == unsafeBitCast(value, to: Article.self) {
            // Equal strings and arrays that share storage compare without reading it, so an article left as
            // it came costs a few comparisons here.
            bytes.append(contentsOf: received.json)
        } else {
            let base = frames.count
            let saved = valueBase
            let start = bytes.count
            valueBase = base
            defer { valueBase = saved }
            try value.encode(to: self)
            if bytes.count == start { writeLiteral("{}") }
            closeFrames(downTo: base)
        }
    }

    /// A string-keyed dictionary, keys sorted, so equal dictionaries encode to equal bytes.
    private func encodeSorted(_ dictionary: [String: String]) throws {
        bytes.append(UInt8(ascii: "{"))
        for (index, key) in dictionary.keys.sorted().enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            writeKey(key)
            write(dictionary[key]!)
        }
        bytes.append(UInt8(ascii: "}"))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedContainer(encoder: self, depth: openContainer(UInt8(ascii: "{"), closer: UInt8(ascii: "}"))))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedContainer(encoder: self, depth: openContainer(UInt8(ascii: "["), closer: UInt8(ascii: "]")))
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueContainer(encoder: self)
    }

    /// Opens a value slot after a key: a container asked for next opens inside it.
    func superEncoderSlot() -> any Encoder {
        frames.append(Frame(closer: 0, start: bytes.count))
        valueBase = frames.count
        return self
    }
}
