import ArgumentParser
import Foundation
import NewsNLP

/// `newsline eval summary FILE`: ROUGE of Newsline and Lead-1/2/3 summaries.
struct EvalSummary: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "summary", abstract: "not yet")

    @Argument var file = "../shared/data/summaries/aeb-dev.jsonl"

    func run() async throws {}
}
