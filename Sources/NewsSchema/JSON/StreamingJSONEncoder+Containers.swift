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
            let depth = encoder.pushContainer(UInt8(ascii: "{"), closer: UInt8(ascii: "}"))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, depth: depth))
        }

        mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
            member(key)
            return UnkeyedContainer(encoder: encoder, depth: encoder.pushContainer(UInt8(ascii: "["), closer: UInt8(ascii: "]")))
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
            let depth = encoder.pushContainer(UInt8(ascii: "{"), closer: UInt8(ascii: "}"))
            return KeyedEncodingContainer(KeyedContainer<NestedKey>(encoder: encoder, depth: depth))
        }

        mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
            element()
            return UnkeyedContainer(encoder: encoder, depth: encoder.pushContainer(UInt8(ascii: "["), closer: UInt8(ascii: "]")))
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
