public import Foundation

/// Decodes `Decodable` values from JSON (RFC 8259), parsing the bytes once into an index of their values.
///
/// The wire decoder of ``NewsJSON``: reads any member order, ignores unknown members, reads dates as
/// ``NewsJSON/parseDate(_:)`` does and `Data` from Base64. Invalid UTF-8, invalid JSON, nesting
/// deeper than 512 levels and numbers that do not fit their type throw `DecodingError`s naming the field.
public struct NewsJSONDecoder: Sendable {
    /// Creates a decoder.
    public init() {}

    /// Decodes a value of the given type.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - data: The JSON text.
    /// - Returns: The value.
    /// - Throws: `DecodingError` describing the first problem and where it is.
    public func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decode(type, from: [UInt8](data))
    }

    /// Decodes a value of the given type from bytes.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - bytes: The JSON text.
    /// - Returns: The value.
    /// - Throws: `DecodingError` describing the first problem and where it is.
    public func decode<T: Decodable>(_ type: T.Type, from bytes: [UInt8]) throws -> T {
        var range: Range<Int>?
        return try decode(type, from: bytes, rangeOfMember: nil, range: &range)
    }

    /// Decodes a value of the given type from bytes and finds where the object or array that one member of the
    /// top-level object holds is.
    ///
    /// - Parameters:
    ///   - type: The type to decode.
    ///   - bytes: The JSON text.
    ///   - member: The name of a member of the top-level object (without escapes), or `nil`.
    ///   - range: Set to the byte range of `member`'s value when the top-level object has it once, as an object
    ///     or array.
    /// - Returns: The value.
    /// - Throws: `DecodingError` describing the first problem and where it is.
    func decode<T: Decodable>(
        _ type: T.Type,
        from bytes: [UInt8],
        rangeOfMember member: StaticString?,
        range: inout Range<Int>?
    ) throws -> T {
        // JSON text is UTF-8 (RFC 8259): checked once for the whole document, so no string needs it again.
        let tape: JSONTape
        do {
            tape = try bytes.withUnsafeBufferPointer { (text) throws(JSONTape.UTF8OrSyntaxError) in try JSONTape.parsingUTF8(text) }
        } catch .invalidUTF8 {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [],
                    debugDescription: "The given data was not valid UTF-8.",
                    underlyingError: JSONText.InvalidUTF8()
                )
            )
        } catch .syntax(let error) {
            throw DecodingError.dataCorrupted(
                DecodingError.Context(
                    codingPath: [],
                    debugDescription: "The given data was not valid JSON: \(error.message) at byte \(error.offset).",
                    underlyingError: error
                )
            )
        }
        let decoder = TapeDecoder(bytes: bytes, tape: tape)
        let value = try decoder.decodeValue(type, at: 0, key: nil)
        if let member { range = decoder.rangeOfMember(member, in: 0) }
        return value
    }
}
