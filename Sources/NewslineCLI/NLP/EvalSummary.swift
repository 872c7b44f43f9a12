import ArgumentParser
import Foundation
import NewsNLP

/// `newsline eval summary FILE`: ROUGE of Newsline and Lead-1/2/3 summaries, and throughput.
struct EvalSummary: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary",
        abstract: "Score summaries against reference summaries (ROUGE-1/2/Lsum F1, Porter-stemmed)."
    )

    @Argument(help: "JSONL of {\"id\",\"text\",\"summary\"} (\"title\" optional).")
    var file = "../shared/data/summaries/aeb-dev.jsonl"

    @Option(help: "Sentences per Newsline summary.")
    var sentences = 1

    @Option(help: "Repetitions of the timing loop.")
    var repeats = 20

    @Option(help: "Override the summarizer's weights: position,title,entities,centrality (for tuning).")
    var weights: String?

    @Flag(help: "Print each Newsline summary.")
    var verbose = false

    func validate() throws {
        guard sentences >= 1 else { throw ValidationError("--sentences must be at least 1, got \(sentences)") }
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
    }

    struct Article: Decodable {
        var id: String
        var title: String?
        var text: String
        var summary: String
    }

    func run() async throws {
        let lines = try DataFile.read(file, what: "summary data").split(separator: "\n")
        let decoder = JSONDecoder()
        let articles = try lines.enumerated().map { n, line in
            do {
                return try decoder.decode(Article.self, from: Data(line.utf8))
            } catch {
                throw ValidationError("\(file):\(n + 1): not a {\"id\",\"text\",\"summary\"} object: \(error)")
            }
        }
        let extractor = try EntityExtractor.bundled()
        var tuned = Summarizer.Weights()
        if let weights {
            let w = weights.split(separator: ",").compactMap { Double($0) }
            guard w.count == 4 else { throw ValidationError("--weights needs four comma-separated numbers") }
            (tuned.position, tuned.title, tuned.entities, tuned.centrality) = (w[0], w[1], w[2], w[3])
        }
        let summarizer = Summarizer(weights: tuned)
        let splitter = SentenceSplitter()
        let rouge = Rouge()
        let nerStart = DataFile.now()
        let entities = articles.map { extractor.extract(from: $0.text) }
        let nerSeconds = DataFile.now() - nerStart
        var systems: [(String, (Int) -> String)] = [
            (
                "Newsline",
                { i in
                    summarizer.summarize(
                        title: articles[i].title,
                        body: articles[i].text,
                        entities: entities[i],
                        length: .sentences(sentences)
                    ).map(\.text).joined(separator: "\n")
                }
            )
        ]
        for k in 1...3 {
            systems.append(
                (
                    "Lead-\(k)",
                    { i in
                        let (tokens, found) = splitter.split(articles[i].text)
                        _ = tokens
                        let text = Array(articles[i].text.unicodeScalars)
                        return found.prefix(k).map { String(String.UnicodeScalarView(text[$0.range])) }.joined(
                            separator: "\n"
                        )
                    }
                )
            )
        }
        print("file: \(file) (\(articles.count) articles); F1 averaged over articles")
        print("system      ROUGE-1  ROUGE-2  ROUGE-Lsum")
        for (name, system) in systems {
            var sums = [0.0, 0.0, 0.0]
            for i in articles.indices {
                let candidate = system(i)
                let reference = splitter.split(articles[i].summary).sentences
                    .map { String(String.UnicodeScalarView(Array(articles[i].summary.unicodeScalars)[$0.range])) }
                    .joined(separator: "\n")
                let s = rouge.score(candidate: candidate, reference: reference)
                sums[0] += s.rouge1.f1
                sums[1] += s.rouge2.f1
                sums[2] += s.rougeLsum.f1
                if verbose && name == "Newsline" { print("[\(articles[i].id.prefix(8))] \(candidate)") }
            }
            let cells = sums.map { String(format: "%.4f", $0 / Double(max(1, articles.count))) }
            print(name.padding(toLength: 10, withPad: " ", startingAt: 0) + "  " + cells.joined(separator: "   "))
        }
        let start = DataFile.now()
        var chosen = 0
        for _ in 0..<repeats {
            for i in articles.indices {
                chosen +=
                    summarizer.summarize(
                        title: articles[i].title,
                        body: articles[i].text,
                        entities: entities[i],
                        length: .sentences(sentences)
                    ).count
            }
        }
        let seconds = DataFile.now() - start
        let words = articles.reduce(0) { $0 + $1.text.split(separator: " ").count }
        print(
            String(
                format: "summarization: %.0f documents/s, %.0f words/s (mean %d words/article, %d runs, one core)",
                Double(articles.count * repeats) / seconds,
                Double(words * repeats) / seconds,
                words / max(1, articles.count),
                repeats
            )
        )
        print(
            String(
                format: "entity extraction (tokenize, split, tag, link): %.0f documents/s, %.0f words/s",
                Double(articles.count) / nerSeconds,
                Double(words) / nerSeconds
            )
        )
        _ = chosen
    }
}
