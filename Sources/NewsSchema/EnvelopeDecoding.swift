public import Foundation

/// Decodes wire messages and classifies every failure as a ``DeadLetterReason``.
///
/// Checks run in this order, the first failure wins:
/// 1. zero bytes, or only JSON whitespace → ``DeadLetterReason/emptyBody``;
/// 2. more than `maxBytes` bytes → ``DeadLetterReason/oversized``;
/// 3. not valid UTF-8 → ``DeadLetterReason/invalidUTF8``;
/// 4. `schemaVersion` present and not ``NewsSchemaVersion/current`` →
///    ``DeadLetterReason/unsupportedSchemaVersion`` (read before the rest of the message, so a
///    message of another version is never reported as undecodable because its shape changed);
/// 5. not JSON, not an object, or a missing or mistyped field → ``DeadLetterReason/undecodable``,
///    with the field's path in the message;
/// 6. ``VersionedMessage/validate()`` (an empty submission text or article body →
///    ``DeadLetterReason/emptyBody``).
///
/// The JSON is parsed once: the version is read from the same decoder before the message
/// itself is decoded. A submission may be plain text instead (see
/// ``decodeSubmission(from:contentType:receivedAt:maxBytes:decoder:)``).
public enum EnvelopeDecoding {
    /// Decodes and validates a message.
    ///
    /// - Parameters:
    ///   - type: The message type, for example `ArticleSubmission.self`.
    ///   - bytes: The raw message value.
    ///   - maxBytes: The largest accepted message, in bytes.
    ///   - decoder: The decoder to use; defaults to a new ``NewsJSON/decoder()``.
    /// - Returns: The decoded, validated message.
    /// - Throws: ``SchemaError`` classifying the first failed check.
    public static func decode<T: Decodable & VersionedMessage>(
        _ type: T.Type,
        from bytes: Data,
        maxBytes: Int,
        decoder: NewsJSONDecoder = NewsJSON.decoder()
    ) throws(SchemaError) -> T {
        try decode(type, from: [UInt8](bytes), maxBytes: maxBytes, decoder: decoder)
    }

    /// Decodes and validates a message held in a byte array, as the `Data` overload does, without copying it.
    ///
    /// - Parameters:
    ///   - type: The message type.
    ///   - bytes: The raw message value.
    ///   - maxBytes: The largest accepted message, in bytes.
    ///   - decoder: The decoder to use; defaults to a new ``NewsJSON/decoder()``.
    /// - Returns: The decoded, validated message.
    /// - Throws: ``SchemaError`` classifying the first failed check.
    public static func decode<T: Decodable & VersionedMessage>(
        _ type: T.Type,
        from bytes: [UInt8],
        maxBytes: Int,
        decoder: NewsJSONDecoder = NewsJSON.decoder()
    ) throws(SchemaError) -> T {
        try checkSize(of: bytes, maxBytes: maxBytes)
        var range: Range<Int>?
        return try decode(type, from: bytes, decoder: decoder, rangeOfMember: nil, range: &range)
    }

    /// Decodes and validates an envelope with the same checks as the other functions here, keeping the
    /// JSON text of its article for ``NewsJSONEncoder/encodeBytes(_:reusing:reservingCapacity:)``.
    ///
    /// - Parameters:
    ///   - bytes: The raw message value.
    ///   - maxBytes: The largest accepted message, in bytes.
    ///   - decoder: The decoder to use; defaults to a new ``NewsJSON/decoder()``.
    /// - Returns: The envelope, and its article with the text it was read from; that is `nil` when the message
    ///   names `article` more than once or with escapes, so the text read is not certain.
    /// - Throws: ``SchemaError`` classifying the first failed check.
    public static func decodeEnvelope(
        from bytes: [UInt8],
        maxBytes: Int,
        decoder: NewsJSONDecoder = NewsJSON.decoder()
    ) throws(SchemaError) -> (envelope: ArticleEnvelope, article: ReceivedArticle?) {
        try checkSize(of: bytes, maxBytes: maxBytes)
        // The common case, read without `Decodable`'s machinery; anything the reader is not sure of, the decoder
        // reads and, where it is wrong, names the problem.
        if let (envelope, article) = EnvelopeReader.read(bytes) {
            try envelope.validate()
            return (envelope, ReceivedArticle(article: envelope.article, json: bytes[article]))
        }
        var range: Range<Int>?
        let envelope = try decode(ArticleEnvelope.self, from: bytes, decoder: decoder, rangeOfMember: "article", range: &range)
        return (envelope, range.map { ReceivedArticle(article: envelope.article, json: bytes[$0]) })
    }

    /// Reads a message of the submissions topic: a JSON submission, or an article as plain text.
    ///
    /// An empty or oversized message is refused first, whatever its format. Then a ``Headers/contentType``
    /// header decides, when the message has one: `application/json` (or a `+json` type) is JSON, `text/plain`
    /// is text, and any other type is refused as ``DeadLetterReason/undecodable``. Without one, a message whose
    /// first character after whitespace is `{` is JSON, since every JSON submission starts so, and any other
    /// is text. A leading byte-order mark is skipped. Text must be UTF-8 and becomes a submission of that text
    /// alone, submitted at `receivedAt`.
    ///
    /// - Parameters:
    ///   - bytes: The raw message value.
    ///   - contentType: The message's ``Headers/contentType`` header, if it has one.
    ///   - receivedAt: The submission time for plain text (the message's timestamp, say); not asked for JSON.
    ///   - maxBytes: The largest accepted message, in bytes.
    ///   - decoder: The decoder for JSON; defaults to a new ``NewsJSON/decoder()``.
    /// - Returns: The decoded, validated submission.
    /// - Throws: ``SchemaError`` classifying the first failed check.
    public static func decodeSubmission(
        from bytes: [UInt8],
        contentType: String?,
        receivedAt: @autoclosure () -> Date,
        maxBytes: Int,
        decoder: NewsJSONDecoder = NewsJSON.decoder()
    ) throws(SchemaError) -> ArticleSubmission {
        try checkSize(of: bytes, maxBytes: maxBytes)
        guard try isPlainText(bytes, contentType: contentType) else {
            let json = bytes.starts(with: byteOrderMark) ? Array(bytes.dropFirst(byteOrderMark.count)) : bytes
            var range: Range<Int>?
            return try decode(ArticleSubmission.self, from: json, decoder: decoder, rangeOfMember: nil, range: &range)
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            throw SchemaError(reason: .invalidUTF8, message: "message is not valid UTF-8")
        }
        let submission = ArticleSubmission(text: text, submittedAt: receivedAt())
        try submission.validate()
        return submission
    }

    /// Whether a submission is plain text rather than JSON (see ``decodeSubmission(from:contentType:receivedAt:maxBytes:decoder:)``).
    private static func isPlainText(_ bytes: [UInt8], contentType: String?) throws(SchemaError) -> Bool {
        if let contentType {
            let mediaType = contentType.prefix { $0 != ";" }.trimmingCharacters(in: .whitespaces).lowercased()
            if mediaType == "application/json" || mediaType.hasSuffix("+json") { return false }
            if mediaType == "text/plain" { return true }
            throw SchemaError(
                reason: .undecodable,
                message: "content-type \"\(contentType)\" is not read here: a submission is application/json or text/plain"
            )
        }
        let start = bytes.starts(with: byteOrderMark) ? byteOrderMark.count : 0
        return bytes[start...].first { !isJSONWhitespace($0) } != UInt8(ascii: "{")
    }

    /// U+FEFF in UTF-8, which some editors write at the start of a file.
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    private static func checkSize(of bytes: [UInt8], maxBytes: Int) throws(SchemaError) {
        if bytes.allSatisfy(isJSONWhitespace) {
            throw SchemaError(reason: .emptyBody, message: "message is empty (\(bytes.count) bytes of whitespace)")
        }
        if bytes.count > maxBytes {
            throw SchemaError(reason: .oversized, message: "message is \(bytes.count) bytes, limit is \(maxBytes)")
        }
    }

    /// Checks 3 to 6 of the list above; the caller has checked size and emptiness.
    private static func decode<T: Decodable & VersionedMessage>(
        _ type: T.Type,
        from bytes: [UInt8],
        decoder: NewsJSONDecoder,
        rangeOfMember member: StaticString?,
        range: inout Range<Int>?
    ) throws(SchemaError) -> T {
        let message: T
        do {
            message = try decoder.decode(VersionChecked<T>.self, from: bytes, rangeOfMember: member, range: &range).message
        } catch let error as SchemaError {
            throw error
        } catch DecodingError.dataCorrupted(let context) where context.underlyingError is JSONText.InvalidUTF8 {
            // The decoder checks the text before it parses anything.
            throw SchemaError(reason: .invalidUTF8, message: "message is not valid UTF-8")
        } catch let error as DecodingError {
            throw SchemaError(reason: .undecodable, message: describe(error, decoding: T.self))
        } catch {
            throw SchemaError(reason: .undecodable, message: "cannot decode \(T.self): \(error)")
        }
        try message.validate()
        return message
    }

    private static func isJSONWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// Turns a decoding error into one line naming the field, for example
    /// `missing field "article.title"`.
    static func describe(_ error: DecodingError, decoding type: Any.Type) -> String {
        switch error {
        case .keyNotFound(let key, let context):
            return "missing field \"\(path(context.codingPath + [key]))\" in \(type)"
        case .valueNotFound(_, let context):
            return "field \"\(path(context.codingPath))\" is null in \(type)"
        case .typeMismatch(_, let context):
            return "field \"\(path(context.codingPath))\" has the wrong type in \(type): \(context.debugDescription)"
        case .dataCorrupted(let context):
            if let syntax = NewsJSON.syntaxProblem(in: error) {
                return "not valid JSON: \(syntax)"
            }
            if context.codingPath.isEmpty {
                return "not valid JSON: \(context.debugDescription)"
            }
            return "field \"\(path(context.codingPath))\" is invalid in \(type): \(context.debugDescription)"
        @unknown default:
            return "cannot decode \(type): \(error)"
        }
    }

    private static func path(_ codingPath: [any CodingKey]) -> String {
        guard !codingPath.isEmpty else { return "<root>" }
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += text.isEmpty ? key.stringValue : ".\(key.stringValue)"
            }
        }
        return text
    }
}

/// Reads `schemaVersion` first, then decodes the message from the same decoder.
private struct VersionChecked<T: Decodable>: Decodable {
    private enum Keys: String, CodingKey { case schemaVersion }

    let message: T

    init(from decoder: any Decoder) throws {
        let container: KeyedDecodingContainer<Keys>
        do {
            container = try decoder.container(keyedBy: Keys.self)
        } catch DecodingError.typeMismatch(_, let context) {
            throw DecodingError.typeMismatch(
                [String: Any].self,
                DecodingError.Context(codingPath: context.codingPath, debugDescription: "expected a JSON object")
            )
        }
        if let version = try? container.decodeIfPresent(Int.self, forKey: .schemaVersion),
            version != NewsSchemaVersion.current
        {
            throw SchemaError(
                reason: .unsupportedSchemaVersion,
                message: "\(T.self) has schemaVersion \(version); this build reads \(NewsSchemaVersion.current)"
            )
        }
        message = try T(from: decoder)
    }
}
