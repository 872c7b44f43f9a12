import ArgumentParser
import Foundation
import NewsNLP

/// `newsline analyze FILE`: prints the entities and summary of a plain-text article.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the entities and summary of a plain-text article (title line, blank line, body)."
    )

    @Argument(help: "The article, e.g. ../shared/articles/syria-ceasefire.txt.")
    var file: String

    @Option(help: "Sentences in the summary.")
    var sentences = 3

    func validate() throws {
        guard sentences >= 1 else { throw ValidationError("--sentences must be at least 1, got \(sentences)") }
    }

    func run() async throws {
        let text = try DataFile.read(file, what: "article")
        let parts = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false)
        let title = parts.first.map(String.init) ?? ""
        let body = parts.count > 1 ? String(parts[1]).trimmingCharacters(in: .whitespacesAndNewlines) : ""
        let entities = try EntityExtractor.bundled().extract(from: title + "\n\n" + body)
        print("Entities:")
        for e in entities {
            let aliases = e.aliases.isEmpty ? "" : " aka " + e.aliases.joined(separator: ", ")
            print(
                String(
                    format: "  %-12@ %-28@ x%d  salience %.2f",
                    e.kind.rawValue as NSString,
                    e.canonicalName as NSString,
                    e.count,
                    e.salience
                ) + aliases
            )
        }
        print("Summary:")
        for s in Summarizer().summarize(title: title, body: body, entities: entities, length: .sentences(sentences)) {
            print("  [\(s.range.lowerBound)..<\(s.range.upperBound)] \(s.text)")
        }
    }
}
