import ArgumentParser
import NewsNLP
import StageRuntime

@main
struct SummaryWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline-summarize",
        abstract: "Reads articles.entities, writes articles with an extractive summary to articles.summarized."
    )

    @OptionGroup var worker: WorkerOptions

    @Option(help: "Sentences in each summary. Env: NEWSLINE_SUMMARY_SENTENCES. Default: 3.")
    var sentences: Int?

    @Option(help: "Summary length as a fraction of the article's sentences (0...1), instead of --sentences.")
    var ratio: Double?

    func validate() throws {
        if let sentences, sentences < 1 { throw ValidationError("--sentences must be at least 1") }
        if let ratio, !(ratio > 0 && ratio <= 1) { throw ValidationError("--ratio must be in (0, 1]") }
        if sentences != nil && ratio != nil { throw ValidationError("--sentences and --ratio exclude each other") }
    }

    func run() async throws {
        let length: Summarizer.Length =
            if let ratio { .ratio(ratio) } else { .sentences(sentences ?? environmentInt("NEWSLINE_SUMMARY_SENTENCES") ?? 3) }
        try await WorkerMain.run(stage: "summarize", options: worker) {
            SummaryStage(version: NewslineVersion.current, length: length)
        }
    }
}
