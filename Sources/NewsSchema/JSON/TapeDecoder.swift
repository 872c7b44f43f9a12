import Foundation

/// The `Decoder` behind ``NewsJSONDecoder``: reads values from a parsed ``JSONTape``.
final class TapeDecoder: Decoder {
    /// Owns the document and its entries; the decoders of one document share it.
    final class Storage {
        let text: UnsafeMutableBufferPointer<UInt8>
        let entries: UnsafeMutableBufferPointer<JSONTape.Entry>

        init(bytes: [UInt8], tape: JSONTape) {
            text = .allocate(capacity: bytes.count)
            _ = text.initialize(from: bytes)
            entries = .allocate(capacity: tape.entries.count)
            _ = entries.initialize(from: tape.entries)
        }

        deinit {
            text.deallocate()
            entries.deallocate()
        }
    }

    let storage: Storage
    /// The storage's buffers, read without reference counting while `storage` keeps them alive.
    let text: UnsafeBufferPointer<UInt8>
    let entries: UnsafeMutableBufferPointer<JSONTape.Entry>
    /// The entry that `container(keyedBy:)`, `unkeyedContainer()` and `singleValueContainer()` read.
    @exclusivity(unchecked) var index = 0
    @exclusivity(unchecked) var codingPath: [any CodingKey] = []
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// Per nesting depth, the member entry after the last key found: synthesized decoders read members in the
    /// order synthesized encoders wrote them, so the next key is usually the next member.
    @exclusivity(unchecked) var hints: [Int] = []

    init(storage: Storage) {
        self.storage = storage
        text = UnsafeBufferPointer(storage.text)
        entries = storage.entries
        codingPath.reserveCapacity(8)
    }

    convenience init(bytes: [UInt8], tape: JSONTape) {
        self.init(storage: Storage(bytes: bytes, tape: tape))
    }

    /// The index of the entry after the value at `index` (and everything inside it).
    @inline(__always)
    func after(_ index: Int) -> Int {
        entries[index].next(after: index)
    }

    // MARK: - Values

    func path(_ key: (any CodingKey)?) -> [any CodingKey] {
        guard let key else { return codingPath }
        return codingPath + [key]
    }

    func kindName(_ kind: JSONTape.Kind) -> String {
        switch kind {
        case .object: "an object"
        case .array: "an array"
        case .string: "a string"
        case .number: "a number"
        case .true, .false: "a boolean"
        case .null: "null"
        }
    }

    /// The error for a value of the wrong kind: `valueNotFound` for null, `typeMismatch` otherwise.
    func mismatch(_ type: Any.Type, at index: Int, key: (any CodingKey)?) -> DecodingError {
        let kind = entries[index].kind
        let context = DecodingError.Context(codingPath: path(key), debugDescription: "expected \(typeName(type)), found \(kindName(kind))")
        return kind == .null ? .valueNotFound(type, context) : .typeMismatch(type, context)
    }

    /// A type as a JSON reader thinks of it: containers by their JSON name, not `Dictionary<String, Any>`.
    func typeName(_ type: Any.Type) -> String {
        switch ObjectIdentifier(type) {
        case ObjectIdentifier([String: Any].self): "an object"
        case ObjectIdentifier([Any].self): "an array"
        default: "\(type)"
        }
    }

    func corrupted(_ message: String, key: (any CodingKey)?) -> DecodingError {
        .dataCorrupted(DecodingError.Context(codingPath: path(key), debugDescription: message))
    }

    /// The entry's bytes, for strings without escapes and numbers.
    func withBytes<R>(of entry: JSONTape.Entry, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(entry.bytes(in: text))
    }

    func string(at index: Int, key: (any CodingKey)?) throws -> String {
        let entry = entries[index]
        guard entry.kind == .string else { throw mismatch(String.self, at: index, key: key) }
        do {
            return try entry.string(in: text)
        } catch {
            throw corrupted("invalid string: \(error.message) at byte \(error.offset)", key: key)
        }
    }

    func bool(at index: Int, key: (any CodingKey)?) throws -> Bool {
        switch entries[index].kind {
        case .true: return true
        case .false: return false
        default: throw mismatch(Bool.self, at: index, key: key)
        }
    }

    func integer<I: FixedWidthInteger>(_ type: I.Type, at index: Int, key: (any CodingKey)?) throws -> I {
        let entry = entries[index]
        guard entry.kind == .number else { throw mismatch(type, at: index, key: key) }
        guard let value = entry.integer(type, in: text) else {
            let text = withBytes(of: entry) { String(decoding: $0, as: UTF8.self) }
            throw corrupted("expected a whole number from \(I.min) to \(I.max), found \(text)", key: key)
        }
        return value
    }

    func floatingPoint<F: BinaryFloatingPoint & LosslessStringConvertible>(_ type: F.Type, at index: Int, key: (any CodingKey)?) throws -> F {
        let entry = entries[index]
        guard entry.kind == .number else { throw mismatch(type, at: index, key: key) }
        guard let value = entry.floatingPoint(type, in: text) else {
            let digits = withBytes(of: entry) { String(decoding: $0, as: UTF8.self) }
            throw corrupted("expected a number within \(type)'s range, found \(digits)", key: key)
        }
        return value
    }

    func date(at index: Int, key: (any CodingKey)?) throws -> Date {
        let entry = entries[index]
        if let date = entry.wireDate(in: text) { return date }
        let text = try string(at: index, key: key)
        guard let date = NewsJSON.parseDate(text) else {
            throw corrupted("expected an ISO 8601 date such as 2026-11-30T21:00:00.123Z, found \"\(text)\"", key: key)
        }
        return date
    }

    /// Decodes the value at `index`; `key` names it in errors and in the coding path of what it contains.
    func decodeValue<T: Decodable>(_ type: T.Type, at index: Int, key: (any CodingKey)?) throws -> T {
        if T.self == String.self {
            return unsafeBitCast(try string(at: index, key: key), to: T.self)
        } else if T.self == Int.self {
            return unsafeBitCast(try integer(Int.self, at: index, key: key), to: T.self)
        } else if T.self == Date.self {
            return unsafeBitCast(try date(at: index, key: key), to: T.self)
        } else if T.self == Double.self {
            return unsafeBitCast(try floatingPoint(Double.self, at: index, key: key), to: T.self)
        } else if T.self == Bool.self {
            return unsafeBitCast(try bool(at: index, key: key), to: T.self)
        } else if T.self == Data.self {
            guard let data = Data(base64Encoded: try string(at: index, key: key)) else {
                throw corrupted("expected Base64 data", key: key)
            }
            return data as! T
        }
        let saved = self.index
        if let key { codingPath.append(key) }
        self.index = index
        defer {
            self.index = saved
            if key != nil { codingPath.removeLast() }
        }
        return try T(from: self)
    }

    /// The byte range of the object or array that is the value of the member called `name` of the object at
    /// `object`; `nil` when `object` is not an object, has no such member or names it more than once or with
    /// escapes (which of them a decoder read then depends on how it looked), or the value is not a container.
    func rangeOfMember(_ name: StaticString, in object: Int) -> Range<Int>? {
        guard entries[object].kind == .object else { return nil }
        let name = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        var found: Int?
        var member = object + 1
        while member < Int(entries[object].end) {
            let key = entries[member]
            if key.escaped {
                if let text = try? string(at: member, key: nil), text.utf8.elementsEqual(name) { return nil }
            } else if withBytes(of: key, { $0.elementsEqual(name) }) {
                if found != nil { return nil }
                found = member + 1
            }
            member = after(member + 1)
        }
        guard let found, entries[found].kind == .object || entries[found].kind == .array else { return nil }
        return Int(entries[found].textStart)..<Int(entries[found].textEnd)
    }

    /// A decoder of the same document standing at `index`, for containers and decoders handed out on their own.
    func child(at index: Int, path: [any CodingKey]) -> TapeDecoder {
        let child = TapeDecoder(storage: storage)
        child.index = index
        child.codingPath = path
        return child
    }

    // MARK: - Decoder

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard entries[index].kind == .object else { throw mismatch([String: Any].self, at: index, key: nil) }
        return KeyedDecodingContainer(KeyedContainer<Key>(decoder: self, object: index))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard entries[index].kind == .array else { throw mismatch([Any].self, at: index, key: nil) }
        return UnkeyedContainer(decoder: self, array: index)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueContainer(decoder: self, index: index)
    }
}

/// A coding key for an array element.
struct IndexKey: CodingKey {
    var intValue: Int?
    var stringValue: String { "\(intValue ?? 0)" }

    init(intValue: Int) { self.intValue = intValue }
    init?(stringValue: String) { nil }
}
