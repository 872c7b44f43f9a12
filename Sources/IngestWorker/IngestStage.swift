import Foundation
import KafkaClient
import NewsIngest
import NewsSchema
import StageRuntime

/// `articles.submitted` → `articles.ingested`: parses and normalises a submission into an article with a
/// stable id, and drops an exact re-push of an article this worker already passed on.
struct IngestStage: Stage {
    let name = "ingest"
    let version: String
    let parser = ArticleParser()
    let recentlySeen: RecentlySeen

    func inputTopic(_ topics: Topics) -> String { topics.submitted }
    func outputTopic(_ topics: Topics) -> String { topics.ingested }

    func transform(_ submission: ArticleSubmission, record: ConsumerRecord) throws -> StageResult {
        let article = try parser.parse(submission, now: Date())
        if recentlySeen.contains(id: article.id, contentHash: article.contentHash) {
            return .skip(reason: "exact re-push of \(article.id)")
        }
        return .emit(ArticleEnvelope(article: article, entities: nil, summary: nil, provenance: []))
    }

    func didDeliver(_ article: DeliveredArticle) {
        // Remembered only once written, so a record read again after a failure is not taken for its own copy.
        _ = recentlySeen.insert(id: article.id, contentHash: article.contentHash)
    }
}
