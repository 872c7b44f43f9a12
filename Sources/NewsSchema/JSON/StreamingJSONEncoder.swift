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
        if frames.count == valueBase {
            bytes.append(opener)
            frames.append(Frame(closer: closer, start: bytes.count))
        }
        return valueBase + 1
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
        if value == 0 {
            bytes.append(UInt8(ascii: "0"))
            return
        }
        var magnitude = value.magnitude
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // 24 bytes: room for any 64-bit integer
        withUnsafeMutableBytes(of: &digits) { buffer in
            var position = buffer.count
            while magnitude > 0 {
                position -= 1
                buffer[position] = UInt8(ascii: "0") + UInt8(magnitude % 10)
                magnitude /= 10
            }
            bytes.append(contentsOf: buffer[position...])
        }
    }

    func write<F: BinaryFloatingPoint & LosslessStringConvertible>(_ value: F) throws {
        guard value.isFinite else {
            throw EncodingError.invalidValue(
                value,
                EncodingError.Context(codingPath: [], debugDescription: "\(value) cannot be written as a JSON number")
            )
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        bytes.append(contentsOf: text.utf8)
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

extension StreamingJSONEncoder {
    struct KeyedContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
        /// Containers live only inside the encode call that owns their encoder, so they do not retain it.
        unowned(unsafe) let encoder: StreamingJSONEncoder
        let depth: Int
        var codingPath: [any CodingKey] { [] }

        @inline(__always)
        private func member(_ key: Key) {
            encoder.beginMember(depth: depth)
            encoder.writeKey(key.stringValue)
        }

        mutating func encodeNil(forKey key: Key) throws {
            member(key)
            encoder.writeNull()
        }
        mutating func encode(_ value: Bool, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: String, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: Double, forKey key: Key) throws {
            member(key)
            try encoder.write(value)
        }
        mutating func encode(_ value: Float, forKey key: Key) throws {
            member(key)
            try encoder.write(value)
        }
        mutating func encode(_ value: Int, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: Int8, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: Int16, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: Int32, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: Int64, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: UInt, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: UInt8, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: UInt16, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: UInt32, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode(_ value: UInt64, forKey key: Key) throws {
            member(key)
            encoder.write(value)
        }
        mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
            member(key)
            try encoder.encodeValue(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(
            keyedBy keyType: NestedKey.Type,
            forKey key: Key
        ) -> KeyedEncodingContainer<NestedKey> {
            member(key)
            encoder.bytes.append(UInt8(ascii: "{"))
            encoder.frames.append(Frame(closer: UInt8(ascii: "}"), start: encoder.bytes.count))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, depth: encoder.frames.count))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            member(key)
            encoder.bytes.append(UInt8(ascii: "["))
            encoder.frames.append(Frame(closer: UInt8(ascii: "]"), start: encoder.bytes.count))
            return UnkeyedContainer(encoder: encoder, depth: encoder.frames.count)
        }

        mutating func superEncoder() -> any Encoder {
            encoder.beginMember(depth: depth)
            encoder.writeKey("super")
            return encoder.superEncoderSlot()
        }

        mutating func superEncoder(forKey key: Key) -> any Encoder {
            member(key)
            return encoder.superEncoderSlot()
        }
    }

    struct UnkeyedContainer: UnkeyedEncodingContainer {
        /// Containers live only inside the encode call that owns their encoder, so they do not retain it.
        unowned(unsafe) let encoder: StreamingJSONEncoder
        let depth: Int
        private(set) var count = 0
        var codingPath: [any CodingKey] { [] }

        init(encoder: StreamingJSONEncoder, depth: Int) {
            self.encoder = encoder
            self.depth = depth
        }

        @inline(__always)
        private mutating func element() {
            encoder.beginMember(depth: depth)
            count += 1
        }

        mutating func encodeNil() throws {
            element()
            encoder.writeNull()
        }
        mutating func encode(_ value: Bool) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: String) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: Double) throws {
            element()
            try encoder.write(value)
        }
        mutating func encode(_ value: Float) throws {
            element()
            try encoder.write(value)
        }
        mutating func encode(_ value: Int) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: Int8) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: Int16) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: Int32) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: Int64) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: UInt) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: UInt8) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: UInt16) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: UInt32) throws {
            element()
            encoder.write(value)
        }
        mutating func encode(_ value: UInt64) throws {
            element()
            encoder.write(value)
        }
        mutating func encode<T: Encodable>(_ value: T) throws {
            element()
            try encoder.encodeValue(value)
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
            element()
            encoder.bytes.append(UInt8(ascii: "{"))
            encoder.frames.append(Frame(closer: UInt8(ascii: "}"), start: encoder.bytes.count))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, depth: encoder.frames.count))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            element()
            encoder.bytes.append(UInt8(ascii: "["))
            encoder.frames.append(Frame(closer: UInt8(ascii: "]"), start: encoder.bytes.count))
            return UnkeyedContainer(encoder: encoder, depth: encoder.frames.count)
        }

        mutating func superEncoder() -> any Encoder {
            element()
            return encoder.superEncoderSlot()
        }
    }

    /// Writes one value where the encoder stands (after a key, an element's comma, or at the top).
    struct SingleValueContainer: SingleValueEncodingContainer {
        /// Containers live only inside the encode call that owns their encoder, so they do not retain it.
        unowned(unsafe) let encoder: StreamingJSONEncoder
        var codingPath: [any CodingKey] { [] }

        mutating func encodeNil() throws { encoder.writeNull() }
        mutating func encode(_ value: Bool) throws { encoder.write(value) }
        mutating func encode(_ value: String) throws { encoder.write(value) }
        mutating func encode(_ value: Double) throws { try encoder.write(value) }
        mutating func encode(_ value: Float) throws { try encoder.write(value) }
        mutating func encode(_ value: Int) throws { encoder.write(value) }
        mutating func encode(_ value: Int8) throws { encoder.write(value) }
        mutating func encode(_ value: Int16) throws { encoder.write(value) }
        mutating func encode(_ value: Int32) throws { encoder.write(value) }
        mutating func encode(_ value: Int64) throws { encoder.write(value) }
        mutating func encode(_ value: UInt) throws { encoder.write(value) }
        mutating func encode(_ value: UInt8) throws { encoder.write(value) }
        mutating func encode(_ value: UInt16) throws { encoder.write(value) }
        mutating func encode(_ value: UInt32) throws { encoder.write(value) }
        mutating func encode(_ value: UInt64) throws { encoder.write(value) }
        mutating func encode<T: Encodable>(_ value: T) throws { try encoder.encodeValue(value) }
    }
}
