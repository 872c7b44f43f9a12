import KafkaClient
import NewsNLP
import NewsSchema
import StageRuntime

/// `articles.ingested` → `articles.entities`: finds the people, organizations, places and other names in
/// an article's body, with every mention's span.
struct EntityStage: Stage {
    let name = "entities"
    let version: String
    let extractor: EntityExtractor

    func inputTopic(_ topics: Topics) -> String { topics.ingested }
    func outputTopic(_ topics: Topics) -> String { topics.entities }

    func transform(_ envelope: consuming ArticleEnvelope, record: ConsumerRecord) throws -> StageResult {
        var envelope = consume envelope
        var entities = extractor.extract(from: envelope.article.body).map(Entity.init)
        // The byline names the author, a person the body rarely mentions: keep it, with no body mentions.
        if let byline = envelope.article.byline,
            !entities.contains(where: { $0.type == .person && ($0.name == byline || $0.aliases.contains(byline)) })
        {
            entities.append(Entity(type: .person, name: byline, aliases: [], count: 0, salience: 0, mentions: []))
        }
        envelope.entities = entities
        return .emit(envelope)
    }
}

extension Entity {
    /// The wire form of an extracted entity.
    init(_ extracted: ExtractedEntity) {
        self.init(
            type: EntityType(extracted.kind),
            name: extracted.canonicalName,
            aliases: extracted.aliases,
            count: extracted.count,
            salience: extracted.salience,
            mentions: extracted.mentions.map { Mention(text: $0.text, start: $0.range.lowerBound, end: $0.range.upperBound) }
        )
    }
}

extension EntityType {
    init(_ kind: EntityKind) {
        switch kind {
        case .person: self = .person
        case .organization: self = .organization
        case .location: self = .location
        case .misc: self = .misc
        }
    }
}
