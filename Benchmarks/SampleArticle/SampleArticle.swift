import Foundation
import NewsIngest
import NewsSchema

/// The sample article (`samples/syria-ceasefire.txt`) as the stages see it, for the benchmarks.
public enum SampleArticle {
    /// When the sample is taken to be pushed: fixed, so that every run reads and writes the same bytes.
    public static let pushedAt = Date(timeIntervalSince1970: 1_796_072_400)

    /// The sample as `newsline push` submits it.
    public static func submission() throws -> ArticleSubmission {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let text = try String(contentsOf: repository.appending(path: "samples/syria-ceasefire.txt"), encoding: .utf8)
        return ArticleSubmission(text: text, submittedAt: pushedAt, origin: "benchmark")
    }

    /// The sample as `newsline-ingest` parses it.
    public static func article() throws -> Article {
        try ArticleParser().parse(submission(), now: pushedAt)
    }
}
