import Foundation

/// Writes an ``ArticleEnvelope`` byte for byte as ``NewsJSONEncoder`` writes it through `Encodable`, without the
/// containers: members in declaration order, absent optionals left out, an unchanged received article copied as
/// its text. Every stage encodes one envelope per message; `EnvelopeWriterTests` holds the two writers to the same
/// bytes.
struct EnvelopeWriter {
    private(set) var bytes: [UInt8]

    /// The envelope's compact JSON text.
    ///
    /// - Throws: `EncodingError.invalidValue` for a non-finite salience, as the encoder does.
    static func write(_ envelope: ArticleEnvelope, reusing received: ReceivedArticle?, reservingCapacity capacity: Int) throws
        -> [UInt8]
    {
        var writer = EnvelopeWriter(bytes: [])
        writer.bytes.reserveCapacity(capacity)
        try writer.envelope(envelope, reusing: received)
        return writer.bytes
    }

    private mutating func envelope(_ envelope: ArticleEnvelope, reusing received: ReceivedArticle?) throws {
        open("schemaVersion")
        integer(envelope.schemaVersion)
        key("article")
        if let received, received.article == envelope.article {
            // Equal strings and arrays that share storage compare without reading it.
            bytes.append(contentsOf: received.json)
        } else {
            article(envelope.article)
        }
        if let entities = envelope.entities {
            key("entities")
            try array(entities) { try $0.entity($1) }
        }
        if let summary = envelope.summary {
            key("summary")
            open("sentences")
            array(summary.sentences) { $0.span($1) }
            key("method")
            string(summary.method)
            close()
        }
        key("provenance")
        array(envelope.provenance) { $0.provenance($1) }
        close()
    }

    private mutating func article(_ article: Article) {
        open("id")
        string(article.id)
        optional("url", article.url) { $0.string($1) }
        optional("source", article.source) { $0.string($1) }
        key("title")
        string(article.title)
        optional("byline", article.byline) { $0.string($1) }
        optional("caption", article.caption) { $0.string($1) }
        key("subheadings")
        array(article.subheadings) { $0.string($1) }
        key("body")
        string(article.body)
        key("wordCount")
        integer(article.wordCount)
        key("contentHash")
        string(article.contentHash)
        key("language")
        string(article.language)
        optional("publishedAt", article.publishedAt) { $0.date($1) }
        key("submittedAt")
        date(article.submittedAt)
        key("ingestedAt")
        date(article.ingestedAt)
        close()
    }

    private mutating func entity(_ entity: Entity) throws {
        open("type")
        string(entity.type.rawValue)
        key("name")
        string(entity.name)
        key("aliases")
        array(entity.aliases) { $0.string($1) }
        key("count")
        integer(entity.count)
        key("salience")
        try JSONText.appendNumber(entity.salience, to: &bytes)
        key("mentions")
        array(entity.mentions) { $0.span($1) }
        close()
    }

    private mutating func span(_ span: BodySpan) {
        open("text")
        string(span.text)
        key("start")
        integer(span.start)
        key("end")
        integer(span.end)
        close()
    }

    private mutating func provenance(_ provenance: Provenance) {
        open("stage")
        string(provenance.stage)
        key("version")
        string(provenance.version)
        key("host")
        string(provenance.host)
        key("startedAt")
        date(provenance.startedAt)
        key("finishedAt")
        date(provenance.finishedAt)
        close()
    }

    // MARK: - JSON

    /// `{` and the first member's name; every type here has a required first member.
    private mutating func open(_ firstKey: StaticString) {
        bytes.append(UInt8(ascii: "{"))
        name(firstKey)
    }

    /// A later member's name, after a comma.
    private mutating func key(_ key: StaticString) {
        bytes.append(UInt8(ascii: ","))
        name(key)
    }

    /// The schema's member names are plain ASCII: written as they are, quoted.
    private mutating func name(_ name: StaticString) {
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
    }

    private mutating func close() {
        bytes.append(UInt8(ascii: "}"))
    }

    private mutating func optional<T>(_ name: StaticString, _ value: T?, _ write: (inout Self, T) -> Void) {
        guard let value else { return }
        key(name)
        write(&self, value)
    }

    private mutating func array<T>(_ values: [T], _ write: (inout Self, T) throws -> Void) rethrows {
        bytes.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            try write(&self, value)
        }
        bytes.append(UInt8(ascii: "]"))
    }

    private mutating func string(_ value: String) {
        JSONText.appendQuoted(value, to: &bytes)
    }

    private mutating func integer(_ value: Int) {
        JSONText.appendInteger(value, to: &bytes)
    }

    private mutating func date(_ value: Date) {
        bytes.append(UInt8(ascii: "\""))
        ISO8601Milliseconds.append(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }
}
