import ArgumentParser
import Foundation
import NewsNLP

/// `newsline eval`: measures the NLP components on real data.
struct Eval: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Evaluate entity extraction and summarization.",
        subcommands: [EvalNER.self, EvalSummary.self]
    )
}

/// `newsline eval ner FILE`: conlleval-style precision/recall/F1 and throughput.
struct EvalNER: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ner",
        abstract: "Score the entity tagger on CoNLL-format data (exact span and type)."
    )

    @Argument(help: "CoNLL-format file (WORD TAG ...), e.g. ../shared/data/ner/conll2003/valid.txt.")
    var file = "../shared/data/ner/conll2003/valid.txt"

    @Option(help: "Model file to use instead of the bundled one.")
    var model: String?

    @Option(help: "Times to tag the file for the throughput figure.")
    var repeats = 1

    @Option(help: "Write `WORD GOLD PREDICTED` lines to this file (for error analysis).")
    var dump: String?

    func validate() throws {
        guard repeats >= 1 else { throw ValidationError("--repeats must be at least 1, got \(repeats)") }
    }

    func run() async throws {
        let corpus = try CoNLLCorpus(text: try DataFile.read(file, what: "evaluation data"))
        let extractor: EntityExtractor
        if let model {
            extractor = try EntityExtractor(modelData: try DataFile.bytes(model, what: "model"))
        } else {
            extractor = try EntityExtractor.bundled()
        }
        print(Self.evaluate(extractor, corpus, repeats: repeats).report)
        if let dump {
            let predicted = extractor.tag(sentences: corpus.sentences.map(\.words))
            var lines: [String] = []
            for (s, p) in zip(corpus.sentences, predicted) {
                for k in s.words.indices { lines.append("\(s.words[k]) \(s.tags[k]) \(p[k])") }
                lines.append("")
            }
            do {
                try lines.joined(separator: "\n").write(toFile: dump, atomically: true, encoding: .utf8)
            } catch {
                throw CLIError("cannot write the tags to \(dump): \(DataFile.reason(error))")
            }
        }
    }

    static func evaluate(
        _ extractor: EntityExtractor,
        _ corpus: CoNLLCorpus,
        repeats: Int = 1
    ) -> (score: CoNLLEvaluation, report: String) {
        let sentences = corpus.sentences.map(\.words)
        var predicted = extractor.tag(sentences: sentences)
        let start = DataFile.now()
        for _ in 0..<max(1, repeats) { predicted = extractor.tag(sentences: sentences) }
        let seconds = (DataFile.now() - start) / Double(max(1, repeats))
        var evaluation = CoNLLEvaluation()
        for (s, p) in zip(corpus.sentences, predicted) { evaluation.add(gold: s.tags, predicted: p) }
        let tokens = corpus.tokenCount
        let report =
            evaluation.report() + "\n"
            + "throughput: \(tokens) tokens in \(String(format: "%.3f", seconds)) s = \(Int(Double(tokens) / seconds)) tokens/s, "
            + "\(Int(Double(corpus.sentences.count) / seconds)) sentences/s (one core, model loaded; "
            + "the file has no document markers, so it is tagged as one document)"
        return (evaluation, report)
    }
}
