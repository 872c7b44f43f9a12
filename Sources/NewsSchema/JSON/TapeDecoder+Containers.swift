import Foundation

extension TapeDecoder {
    /// Reads an object's members by key.
    struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
        /// Containers live only inside the decode call that owns their decoder, so they do not retain it.
        unowned(unsafe) let decoder: TapeDecoder
        /// A decoder made for this container alone (by `nestedContainer`), held here.
        let owned: TapeDecoder?
        /// The object's entry.
        let object: Int
        /// The length of the decoder's coding path when the container was made: its own path.
        let depth: Int

        init(decoder: TapeDecoder, object: Int, owned: TapeDecoder? = nil) {
            self.decoder = decoder
            self.owned = owned
            self.object = object
            depth = decoder.codingPath.count
            while decoder.hints.count <= depth { decoder.hints.append(0) }
        }

        var codingPath: [any CodingKey] { Array(decoder.codingPath.prefix(depth)) }

        var allKeys: [Key] {
            var keys: [Key] = []
            var member = object + 1
            let end = Int(decoder.entries[object].end)
            while member < end {
                if let name = try? decoder.string(at: member, key: nil), let key = Key(stringValue: name) { keys.append(key) }
                member = decoder.after(member + 1)
            }
            return keys
        }

        /// The entry of `key`'s value, or `nil` when the object has no such member.
        func find(_ key: Key) -> Int? {
            let end = Int(decoder.entries[object].end)
            var hint = decoder.hints[depth]
            if hint <= object || hint > end { hint = object + 1 }
            var name = key.stringValue
            return name.withUTF8 { name in
                var member = hint
                while member < end {
                    if matches(member, name) { return found(member, depth: depth) }
                    member = decoder.after(member + 1)
                }
                member = object + 1
                while member < hint {
                    if matches(member, name) { return found(member, depth: depth) }
                    member = decoder.after(member + 1)
                }
                return nil
            }
        }

        private func found(_ member: Int, depth: Int) -> Int {
            decoder.hints[depth] = decoder.after(member + 1)
            return member + 1
        }

        private func matches(_ member: Int, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
            let entry = decoder.entries[member]
            if entry.escaped {
                return (try? decoder.string(at: member, key: nil)).map { Array($0.utf8).elementsEqual(name) } ?? false
            }
            guard Int(entry.end - entry.start) == name.count else { return false }
            return name.isEmpty || memcmp(decoder.text.baseAddress! + Int(entry.start), name.baseAddress!, name.count) == 0
        }

        private func require(_ key: Key) throws -> Int {
            guard let index = find(key) else {
                throw DecodingError.keyNotFound(
                    key,
                    DecodingError.Context(codingPath: codingPath, debugDescription: "No value associated with key \"\(key.stringValue)\".")
                )
            }
            return index
        }

        /// The value's entry when present and not null.
        private func present(_ key: Key) -> Int? {
            guard let index = find(key), decoder.entries[index].kind != .null else { return nil }
            return index
        }

        func contains(_ key: Key) -> Bool { find(key) != nil }

        func decodeNil(forKey key: Key) throws -> Bool {
            decoder.entries[try require(key)].kind == .null
        }

        func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool {
            try decoder.bool(at: require(key), key: key)
        }
        func decode(_ type: String.Type, forKey key: Key) throws -> String {
            try decoder.string(at: require(key), key: key)
        }
        func decode(_ type: Double.Type, forKey key: Key) throws -> Double {
            try decoder.floatingPoint(type, at: require(key), key: key)
        }
        func decode(_ type: Float.Type, forKey key: Key) throws -> Float {
            try decoder.floatingPoint(type, at: require(key), key: key)
        }
        func decode(_ type: Int.Type, forKey key: Key) throws -> Int {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 {
            try decoder.integer(type, at: require(key), key: key)
        }
        func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
            try decoder.decodeValue(type, at: require(key), key: key)
        }

        // One lookup for an optional member, where the default implementations make three.
        func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? {
            guard let index = present(key) else { return nil }
            return try decoder.string(at: index, key: key)
        }
        func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? {
            guard let index = present(key) else { return nil }
            return try decoder.integer(type, at: index, key: key)
        }
        func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? {
            guard let index = present(key) else { return nil }
            return try decoder.bool(at: index, key: key)
        }
        func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? {
            guard let index = present(key) else { return nil }
            return try decoder.floatingPoint(type, at: index, key: key)
        }
        func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? {
            guard let index = present(key) else { return nil }
            return try decoder.decodeValue(type, at: index, key: key)
        }

        func nestedContainer<NestedKey: CodingKey>(
            keyedBy type: NestedKey.Type,
            forKey key: Key
        ) throws -> KeyedDecodingContainer<NestedKey> {
            let index = try require(key)
            guard decoder.entries[index].kind == .object else { throw decoder.mismatch([String: Any].self, at: index, key: key) }
            let child = decoder.child(at: index, path: codingPath + [key])
            return KeyedDecodingContainer(KeyedContainer<NestedKey>(decoder: child, object: index, owned: child))
        }

        func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
            let index = try require(key)
            guard decoder.entries[index].kind == .array else { throw decoder.mismatch([Any].self, at: index, key: key) }
            let child = decoder.child(at: index, path: codingPath + [key])
            return UnkeyedContainer(decoder: child, array: index, owned: child)
        }

        func superDecoder() throws -> any Decoder {
            guard let key = Key(stringValue: "super") else {
                throw DecodingError.keyNotFound(
                    IndexKey(intValue: 0),
                    DecodingError.Context(codingPath: codingPath, debugDescription: "\(Key.self) has no \"super\" key.")
                )
            }
            return try superDecoder(forKey: key)
        }

        func superDecoder(forKey key: Key) throws -> any Decoder {
            decoder.child(at: try require(key), path: codingPath + [key])
        }
    }

    /// Reads an array's elements in order.
    struct UnkeyedContainer: UnkeyedDecodingContainer {
        /// As for ``KeyedContainer``: not retained, unless made for this container alone.
        unowned(unsafe) let decoder: TapeDecoder
        let owned: TapeDecoder?
        let depth: Int
        let count: Int?
        private(set) var currentIndex = 0
        /// The entry of the next element.
        private var position: Int

        init(decoder: TapeDecoder, array: Int, owned: TapeDecoder? = nil) {
            self.decoder = decoder
            self.owned = owned
            depth = decoder.codingPath.count
            count = Int(decoder.entries[array].start)
            position = array + 1
        }

        var codingPath: [any CodingKey] { Array(decoder.codingPath.prefix(depth)) }

        var isAtEnd: Bool { currentIndex >= count! }

        private var key: IndexKey { IndexKey(intValue: currentIndex) }

        /// The next element's entry; throws at the end of the array.
        private func next(_ type: Any.Type) throws -> Int {
            guard !isAtEnd else {
                throw DecodingError.valueNotFound(
                    type,
                    DecodingError.Context(codingPath: codingPath + [key], debugDescription: "Unkeyed container is at end.")
                )
            }
            return position
        }

        private mutating func advance() {
            position = decoder.after(position)
            currentIndex += 1
        }

        /// Reads the next element with `read` (given the decoder, the element's entry and key) and moves past it.
        @inline(__always)
        private mutating func take<T>(_ type: Any.Type, _ read: (TapeDecoder, Int, IndexKey) throws -> T) throws -> T {
            let value = try read(decoder, try next(type), key)
            advance()
            return value
        }

        mutating func decodeNil() throws -> Bool {
            guard decoder.entries[try next(Never.self)].kind == .null else { return false }
            advance()
            return true
        }

        mutating func decode(_ type: Bool.Type) throws -> Bool {
            try take(type) { try $0.bool(at: $1, key: $2) }
        }
        mutating func decode(_ type: String.Type) throws -> String {
            try take(type) { try $0.string(at: $1, key: $2) }
        }
        mutating func decode(_ type: Double.Type) throws -> Double {
            try take(type) { try $0.floatingPoint(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: Float.Type) throws -> Float {
            try take(type) { try $0.floatingPoint(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: Int.Type) throws -> Int {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: Int8.Type) throws -> Int8 {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: Int16.Type) throws -> Int16 {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: Int32.Type) throws -> Int32 {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: Int64.Type) throws -> Int64 {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: UInt.Type) throws -> UInt {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: UInt8.Type) throws -> UInt8 {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: UInt16.Type) throws -> UInt16 {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: UInt32.Type) throws -> UInt32 {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode(_ type: UInt64.Type) throws -> UInt64 {
            try take(type) { try $0.integer(type, at: $1, key: $2) }
        }
        mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
            try take(type) { try $0.decodeValue(type, at: $1, key: $2) }
        }

        mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
            let index = try next([String: Any].self)
            guard decoder.entries[index].kind == .object else { throw decoder.mismatch([String: Any].self, at: index, key: key) }
            let child = decoder.child(at: index, path: codingPath + [key])
            let container = KeyedContainer<NestedKey>(decoder: child, object: index, owned: child)
            advance()
            return KeyedDecodingContainer(container)
        }

        mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
            let index = try next([Any].self)
            guard decoder.entries[index].kind == .array else { throw decoder.mismatch([Any].self, at: index, key: key) }
            let child = decoder.child(at: index, path: codingPath + [key])
            let container = UnkeyedContainer(decoder: child, array: index, owned: child)
            advance()
            return container
        }

        mutating func superDecoder() throws -> any Decoder {
            let child = decoder.child(at: try next(Never.self), path: codingPath + [key])
            advance()
            return child
        }
    }

    /// Reads the one value a `Decodable` type made of a single value stands for.
    struct SingleValueContainer: SingleValueDecodingContainer {
        unowned(unsafe) let decoder: TapeDecoder
        let index: Int
        var codingPath: [any CodingKey] { decoder.codingPath }

        func decodeNil() -> Bool { decoder.entries[index].kind == .null }
        func decode(_ type: Bool.Type) throws -> Bool { try decoder.bool(at: index, key: nil) }
        func decode(_ type: String.Type) throws -> String { try decoder.string(at: index, key: nil) }
        func decode(_ type: Double.Type) throws -> Double { try decoder.floatingPoint(type, at: index, key: nil) }
        func decode(_ type: Float.Type) throws -> Float { try decoder.floatingPoint(type, at: index, key: nil) }
        func decode(_ type: Int.Type) throws -> Int { try decoder.integer(type, at: index, key: nil) }
        func decode(_ type: Int8.Type) throws -> Int8 { try decoder.integer(type, at: index, key: nil) }
        func decode(_ type: Int16.Type) throws -> Int16 { try decoder.integer(type, at: index, key: nil) }
        func decode(_ type: Int32.Type) throws -> Int32 { try decoder.integer(type, at: index, key: nil) }
        func decode(_ type: Int64.Type) throws -> Int64 { try decoder.integer(type, at: index, key: nil) }
        func decode(_ type: UInt.Type) throws -> UInt { try decoder.integer(type, at: index, key: nil) }
        func decode(_ type: UInt8.Type) throws -> UInt8 { try decoder.integer(type, at: index, key: nil) }
        func decode(_ type: UInt16.Type) throws -> UInt16 { try decoder.integer(type, at: index, key: nil) }
        func decode(_ type: UInt32.Type) throws -> UInt32 { try decoder.integer(type, at: index, key: nil) }
        func decode(_ type: UInt64.Type) throws -> UInt64 { try decoder.integer(type, at: index, key: nil) }
        func decode<T: Decodable>(_ type: T.Type) throws -> T { try decoder.decodeValue(type, at: index, key: nil) }
    }
}
