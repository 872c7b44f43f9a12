import Foundation
import KafkaClient
import NewsSchema
import StageRuntime

/// Renders pipeline messages for people.
enum ArticleFormatter {
    /// A record for people; a record of `submissions` (the submissions topic's name) may be plain text.
    static func render(_ record: ConsumerRecord, submissions: String? = nil) -> String {
        let decoder = NewsJSON.decoder()
        let data = Data(record.value)
        if let envelope = try? decoder.decode(ArticleEnvelope.self, from: data) {
            return render(envelope)
        }
        if let letter = try? decoder.decode(DeadLetter.self, from: data) {
            return render(letter)
        }
        if let submission = try? decoder.decode(ArticleSubmission.self, from: data) {
            let firstLine = submission.title ?? submission.text.split(separator: "\n").first.map(String.init) ?? ""
            return "submission from \(submission.origin ?? "?"): \(firstLine) (\(submission.text.count) characters)"
        }
        if record.topic == submissions, let submission = try? record.submission(maxBytes: .max) {
            let firstLine = submission.text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            return "plain-text submission: \(firstLine) (\(submission.text.count) characters)"
        }
        return "\(record.topic)[\(record.partition)]@\(record.offset): \(record.value.count) bytes, not a Newsline message"
    }

    /// A record for `--json`: its value when that is JSON, a plain-text record of `submissions` as the JSON
    /// submission ingest reads it as, else `nil`.
    static func jsonLine(_ record: ConsumerRecord, submissions: String) -> String? {
        if (try? NewsJSON.decoder().decode(AnyJSON.self, from: record.value)) != nil {
            return String(decoding: record.value, as: UTF8.self)
        }
        guard record.topic == submissions, let submission = try? record.submission(maxBytes: .max),
            let json = try? NewsJSON.encoder().encode(submission)
        else { return nil }
        return String(decoding: json, as: UTF8.self)
    }

    /// Any JSON value: the decoder checks the whole text before decoding it, and this takes nothing from it.
    private struct AnyJSON: Decodable {
        init(from decoder: any Decoder) throws {}
    }

    static func render(_ envelope: ArticleEnvelope) -> String {
        let article = envelope.article
        var lines = ["━━ \(article.title)"]
        lines.append("   id \(article.id) · \(article.wordCount) words" + (article.byline.map { " · by \($0)" } ?? ""))
        if let caption = article.caption { lines.append("   caption: \(caption)") }
        if !article.subheadings.isEmpty { lines.append("   subheadings: \(article.subheadings.joined(separator: " · "))") }
        if let entities = envelope.entities {
            for type in EntityType.allCases {
                let names = entities.filter { $0.type == type }.map { $0.count > 1 ? "\($0.name) ×\($0.count)" : $0.name }
                if !names.isEmpty { lines.append("   \(type.rawValue.lowercased()): \(names.joined(separator: ", "))") }
            }
        }
        if let summary = envelope.summary {
            if summary.sentences.isEmpty {
                lines.append("   summary: none (no sentence found)")
            } else {
                lines.append("   summary:")
                lines += summary.sentences.map { "     • \($0.text)" }
            }
        }
        if !envelope.provenance.isEmpty {
            let stages = envelope.provenance.map { step in
                "\(step.stage) \(Int((step.finishedAt.timeIntervalSince(step.startedAt) * 1000).rounded())) ms"
            }
            lines.append("   stages: \(stages.joined(separator: " → "))")
        }
        return lines.joined(separator: "\n")
    }

    static func render(_ letter: DeadLetter) -> String {
        "✗ dead letter from \(letter.stage): \(letter.reason.rawValue): \(letter.message)\n"
            + "   source \(letter.sourceTopic)[\(letter.sourcePartition)]@\(letter.sourceOffset), key \(letter.key ?? "-"), "
            + "\(letter.payload.count) bytes kept\(letter.payloadTruncated ? " (truncated)" : ""), redriven \(letter.redriveCount)×"
    }
}
