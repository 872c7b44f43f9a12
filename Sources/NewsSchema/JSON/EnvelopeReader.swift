import Foundation

/// Reads an ``ArticleEnvelope`` straight from a parsed ``JSONTape``, without `Decodable`'s containers.
///
/// Every stage decodes one envelope per message, and through `Decodable` the containers, keys and coding paths
/// cost about three times the parsing itself. This reader walks the tape directly. It reads only what it is sure
/// to read as ``NewsJSONDecoder`` would, and gives up (returns `nil`) on anything else: a member named twice or
/// with escapes, a missing or mistyped field, a schema version other than this build's, a date in another form
/// than the wire's. Each value is read by the same code as the decoder's (``JSONTape/Entry``). The caller then
/// decodes with ``NewsJSONDecoder``, which reads what it can and names the problem. So the two agree on every
/// message this reader accepts (`EnvelopeReaderTests` checks them against each other), and errors read the same
/// either way.
struct EnvelopeReader {
    let text: UnsafeBufferPointer<UInt8>
    let entries: UnsafeBufferPointer<JSONTape.Entry>
    /// Set by the first value that cannot be read; what was returned for it and after it does not count.
    private(set) var failed = false

    /// The envelope in `bytes` and the byte range of its `article` object, or `nil` when the message is not one
    /// this reader is sure of (including invalid UTF-8 and invalid JSON).
    static func read(_ bytes: [UInt8]) -> (envelope: ArticleEnvelope, article: Range<Int>)? {
        bytes.withUnsafeBufferPointer { text in
            guard let tape = try? JSONTape.parsingUTF8(text) else { return nil }
            return tape.entries.withUnsafeBufferPointer { entries in
                var reader = EnvelopeReader(text: text, entries: entries)
                return reader.envelope()
            }
        }
    }

    private init(text: UnsafeBufferPointer<UInt8>, entries: UnsafeBufferPointer<JSONTape.Entry>) {
        self.text = text
        self.entries = entries
    }

    // MARK: - The schema's types

    private static let envelopeNames: [StaticString] = ["schemaVersion", "article", "entities", "summary", "provenance"]

    private mutating func envelope() -> (envelope: ArticleEnvelope, article: Range<Int>)? {
        guard let members = members(of: 0, Self.envelopeNames) else { return nil }
        guard integer(members[0]) == NewsSchemaVersion.current else { return nil }
        let articleIndex = Int(members[1])
        let envelope = ArticleEnvelope(
            article: article(at: members[1]),
            entities: optional(members[2]) { $0.array(at: $1) { $0.entity(at: $1) } },
            summary: optional(members[3]) { $0.summary(at: $1) },
            provenance: array(at: members[4]) { $0.provenance(at: $1) }
        )
        guard !failed else { return nil }
        let entry = entries[articleIndex]
        return (envelope, Int(entry.textStart)..<Int(entry.textEnd))
    }

    private static let articleNames: [StaticString] = [
        "id", "url", "source", "title", "byline", "caption", "subheadings", "body", "wordCount", "contentHash",
        "language", "publishedAt", "submittedAt", "ingestedAt",
    ]

    private mutating func article(at index: Int32) -> Article {
        guard let members = members(of: index, Self.articleNames) else { return fail(Article.placeholder) }
        return Article(
            id: string(members[0]),
            url: optional(members[1]) { $0.string($1) },
            source: optional(members[2]) { $0.string($1) },
            title: string(members[3]),
            byline: optional(members[4]) { $0.string($1) },
            caption: optional(members[5]) { $0.string($1) },
            subheadings: array(at: members[6]) { $0.string($1) },
            body: string(members[7]),
            wordCount: integer(members[8]),
            contentHash: string(members[9]),
            language: string(members[10]),
            publishedAt: optional(members[11]) { $0.date($1) },
            submittedAt: date(members[12]),
            ingestedAt: date(members[13])
        )
    }

    private static let entityNames: [StaticString] = ["type", "name", "aliases", "count", "salience", "mentions"]

    private mutating func entity(at index: Int32) -> Entity {
        guard let members = members(of: index, Self.entityNames) else { return fail(Entity.placeholder) }
        let typeName = string(members[0])
        guard let type = EntityType(rawValue: typeName) else { return fail(Entity.placeholder) }
        return Entity(
            type: type,
            name: string(members[1]),
            aliases: array(at: members[2]) { $0.string($1) },
            count: integer(members[3]),
            salience: double(members[4]),
            mentions: array(at: members[5]) { $0.span(at: $1) }
        )
    }

    private static let spanNames: [StaticString] = ["text", "start", "end"]

    private mutating func span(at index: Int32) -> BodySpan {
        guard let members = members(of: index, Self.spanNames) else { return fail(BodySpan(text: "", start: 0, end: 0)) }
        return BodySpan(text: string(members[0]), start: integer(members[1]), end: integer(members[2]))
    }

    private static let summaryNames: [StaticString] = ["sentences", "method"]

    private mutating func summary(at index: Int32) -> Summary {
        guard let members = members(of: index, Self.summaryNames) else { return fail(Summary(sentences: [], method: "")) }
        return Summary(sentences: array(at: members[0]) { $0.span(at: $1) }, method: string(members[1]))
    }

    private static let provenanceNames: [StaticString] = ["stage", "version", "host", "startedAt", "finishedAt"]

    private mutating func provenance(at index: Int32) -> Provenance {
        guard let members = members(of: index, Self.provenanceNames) else { return fail(Provenance.placeholder) }
        return Provenance(
            stage: string(members[0]),
            version: string(members[1]),
            host: string(members[2]),
            startedAt: date(members[3]),
            finishedAt: date(members[4])
        )
    }

    // MARK: - Objects

    /// The value entries of the object at `object`'s members, by the index of their name in `names` (at most 16);
    /// -1 where a name is absent. `nil` (and failed) when it is not an object, or names a member twice or with
    /// escapes: which one a `Decodable` reading would take, or whether an escaped name is one of `names`, is the
    /// full decoder's business.
    private mutating func members(of object: Int32, _ names: [StaticString]) -> SIMD16<Int32>? {
        guard object >= 0, entries[Int(object)].kind == .object else { return fail(nil) }
        var found = SIMD16<Int32>(repeating: -1)
        var member = Int(object) + 1
        let end = Int(entries[Int(object)].end)
        // Members usually come in the order the schema declares them, as the encoder writes them.
        var expected = 0
        while member < end {
            let key = entries[member]
            if key.escaped { return fail(nil) }
            let name = UnsafeBufferPointer(rebasing: text[Int(key.start)..<Int(key.end)])
            var slot = -1
            if expected < names.count, Self.equal(name, names[expected]) {
                slot = expected
            } else if let index = names.firstIndex(where: { Self.equal(name, $0) }) {
                slot = index
            }
            if slot >= 0 {
                if found[slot] >= 0 { return fail(nil) }
                found[slot] = Int32(member + 1)
                expected = slot + 1
            }
            member = after(member + 1)
        }
        return found
    }

    private static func equal(_ bytes: UnsafeBufferPointer<UInt8>, _ name: StaticString) -> Bool {
        bytes.count == name.utf8CodeUnitCount && memcmp(bytes.baseAddress!, name.utf8Start, bytes.count) == 0
    }

    /// The entry after the value at `index`, and everything inside it.
    private func after(_ index: Int) -> Int {
        entries[index].next(after: index)
    }

    // MARK: - Values

    /// Marks the read as failed and returns `value` to finish the expression with.
    private mutating func fail<T>(_ value: T) -> T {
        failed = true
        return value
    }

    /// `nil` for an absent or null member, else what `read` makes of it.
    private mutating func optional<T>(_ index: Int32, _ read: (inout Self, Int32) -> T) -> T? {
        guard index >= 0, entries[Int(index)].kind != .null else { return nil }
        return read(&self, index)
    }

    private mutating func array<T>(at index: Int32, _ element: (inout Self, Int32) -> T) -> [T] {
        guard index >= 0, entries[Int(index)].kind == .array else { return fail([]) }
        let entry = entries[Int(index)]
        var values: [T] = []
        values.reserveCapacity(Int(entry.start))
        var next = Int(index) + 1
        while next < Int(entry.end), !failed {
            values.append(element(&self, Int32(next)))
            next = after(next)
        }
        return values
    }

    private mutating func string(_ index: Int32) -> String {
        guard index >= 0, entries[Int(index)].kind == .string,
            let value = try? entries[Int(index)].string(in: text)
        else { return fail("") }
        return value
    }

    private mutating func integer(_ index: Int32) -> Int {
        guard index >= 0, entries[Int(index)].kind == .number, let value = entries[Int(index)].integer(Int.self, in: text)
        else { return fail(0) }
        return value
    }

    private mutating func double(_ index: Int32) -> Double {
        guard index >= 0, entries[Int(index)].kind == .number,
            let value = entries[Int(index)].floatingPoint(Double.self, in: text)
        else { return fail(0) }
        return value
    }

    /// A date as the wire writes it; other forms the decoder accepts are its to read.
    private mutating func date(_ index: Int32) -> Date {
        guard index >= 0, let date = entries[Int(index)].wireDate(in: text) else { return fail(.distantPast) }
        return date
    }
}

extension Article {
    /// What a failed read returns for an article; never leaves the reader.
    fileprivate static let placeholder = Article(
        id: "", title: "", body: "", wordCount: 0, contentHash: "", submittedAt: .distantPast, ingestedAt: .distantPast
    )
}

extension Entity {
    fileprivate static let placeholder = Entity(type: .misc, name: "", count: 0, salience: 0, mentions: [])
}

extension Provenance {
    fileprivate static let placeholder = Provenance(stage: "", version: "", host: "", startedAt: .distantPast, finishedAt: .distantPast)
}
