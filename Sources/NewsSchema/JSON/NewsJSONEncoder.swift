public import Foundation

/// Encodes `Encodable` values as JSON in one pass, straight into bytes.
///
/// The wire encoder of ``NewsJSON``: object members come in the order a type encodes them (declaration order for
/// synthesized conformances), dictionaries with string keys in sorted order, dates as ISO 8601 UTC with
/// milliseconds, `Data` as Base64, slashes and non-ASCII characters unescaped. Non-finite floating-point values
/// cannot be encoded. Any JSON reader reads the output; ``NewsJSONDecoder`` reads it fastest.
public struct NewsJSONEncoder: Sendable {
    /// Whether to write one member or element per line, indented by two spaces.
    public var prettyPrinted: Bool

    /// Creates an encoder.
    ///
    /// - Parameter prettyPrinted: Whether to write one member or element per line; defaults to compact output.
    public init(prettyPrinted: Bool = false) {
        self.prettyPrinted = prettyPrinted
    }

    /// Encodes a value.
    ///
    /// - Parameter value: The value to encode.
    /// - Returns: The JSON text.
    /// - Throws: `EncodingError.invalidValue` for a non-finite floating-point value.
    public func encode<T: Encodable>(_ value: T) throws -> Data {
        Data(try encodeBytes(value))
    }

    /// Encodes a value into a byte array, without the copy into `Data`.
    ///
    /// - Parameters:
    ///   - value: The value to encode.
    ///   - capacity: The bytes to reserve up front; a good guess (the input's size, for a stage) saves the
    ///     output from growing and being copied on the way.
    /// - Returns: The JSON text.
    /// - Throws: `EncodingError.invalidValue` for a non-finite floating-point value.
    public func encodeBytes<T: Encodable>(_ value: T, reservingCapacity capacity: Int = 1024) throws -> [UInt8] {
        try encodeBytes(value, reusing: nil, reservingCapacity: capacity)
    }

    /// Encodes an envelope into a byte array, writing an article that is still equal to `received` as the text it
    /// was received in: what every stage writes, once per message, written directly (to the same bytes as through
    /// `Encodable`) and without copying the envelope.
    ///
    /// - Parameters:
    ///   - envelope: The envelope to encode, usually the one `received` came with.
    ///   - received: An article and its JSON text, from ``EnvelopeDecoding/decodeEnvelope(from:maxBytes:decoder:)``.
    ///   - capacity: The bytes to reserve up front.
    /// - Returns: The JSON text.
    /// - Throws: `EncodingError.invalidValue` for a non-finite salience.
    public func encodeBytes(
        _ envelope: ArticleEnvelope,
        reusing received: ReceivedArticle?,
        reservingCapacity capacity: Int = 1024
    ) throws -> [UInt8] {
        guard !prettyPrinted else { return try encodeValue(envelope, reusing: received, reservingCapacity: capacity) }
        return try EnvelopeWriter.write(envelope, reusing: received, reservingCapacity: capacity)
    }

    /// Encodes a value into a byte array, writing an article that is still equal to `received` as the text it
    /// was received in.
    ///
    /// - Parameters:
    ///   - value: The value to encode, usually the envelope `received` came with.
    ///   - received: An article and its JSON text, from ``EnvelopeDecoding/decodeEnvelope(from:maxBytes:decoder:)``.
    ///   - capacity: The bytes to reserve up front.
    /// - Returns: The JSON text.
    /// - Throws: `EncodingError.invalidValue` for a non-finite floating-point value.
    public func encodeBytes<T: Encodable>(
        _ value: T,
        reusing received: ReceivedArticle?,
        reservingCapacity capacity: Int = 1024
    ) throws -> [UInt8] {
        if T.self == ArticleEnvelope.self, !prettyPrinted {
            return try withUnsafePointer(to: value) { (pointer) throws in
                try pointer.withMemoryRebound(to: ArticleEnvelope.self, capacity: 1) { (envelope) throws in
                    try encodeBytes(envelope.pointee, reusing: received, reservingCapacity: capacity)
                }
            }
        }
        return try encodeValue(value, reusing: received, reservingCapacity: capacity)
    }

    /// Encodes through `Encodable`.
    private func encodeValue<T: Encodable>(_ value: T, reusing received: ReceivedArticle?, reservingCapacity capacity: Int) throws
        -> [UInt8]
    {
        let encoder = StreamingJSONEncoder(capacity: capacity)
        encoder.received = received
        try encoder.encodeValue(value)
        encoder.closeFrames(downTo: 0)
        return prettyPrinted ? JSONPrettyPrinter.format(encoder.bytes) : encoder.bytes
    }
}
