import KafkaClient
import NewsNLP
import NewsSchema
import StageRuntime

/// `articles.entities` → `articles.summarized`: picks the article's most informative sentences, in
/// document order, never a caption, byline or subheading (ingest already set those apart).
struct SummaryStage: Stage {
    let name = "summarize"
    let version: String
    let summarizer = Summarizer()
    let length: Summarizer.Length

    func inputTopic(_ topics: Topics) -> String { topics.entities }
    func outputTopic(_ topics: Topics) -> String { topics.summarized }

    func transform(_ envelope: consuming ArticleEnvelope, record: ConsumerRecord) throws -> StageResult {
        var envelope = consume envelope
        let entities = (envelope.entities ?? []).filter { !$0.mentions.isEmpty }.map(ExtractedEntity.init)
        let sentences = summarizer.summarize(
            title: envelope.article.title,
            body: envelope.article.body,
            entities: entities,
            length: length
        )
        envelope.summary = Summary(
            sentences: sentences.map {
                NewsSchema.SummarySentence(text: $0.text, start: $0.range.lowerBound, end: $0.range.upperBound)
            },
            method: "newsline-extractive/\(version)"
        )
        return .emit(envelope)
    }
}

extension ExtractedEntity {
    /// An extracted entity rebuilt from its wire form, for the summarizer's salience features.
    init(_ entity: Entity) {
        let kind: EntityKind =
            switch entity.type {
            case .person: .person
            case .organization: .organization
            case .location: .location
            case .misc: .misc
            }
        self.init(
            kind: kind,
            canonicalName: entity.name,
            aliases: entity.aliases,
            mentions: entity.mentions.map { EntityMention(text: $0.text, range: $0.start..<$0.end) },
            salience: entity.salience
        )
    }
}
