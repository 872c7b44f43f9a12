import ArgumentParser
import NewsNLP
import StageRuntime

@main
struct EntityWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline-entities",
        abstract: "Reads articles.ingested, writes articles with their named entities to articles.entities."
    )

    @OptionGroup var worker: WorkerOptions

    func run() async throws {
        try await WorkerMain.run(stage: "entities", options: worker) {
            let extractor: EntityExtractor
            do {
                extractor = try EntityExtractor.bundled()
            } catch {
                throw ValidationError("cannot load the entity model: \(error)")
            }
            return EntityStage(version: NewslineVersion.current, extractor: extractor)
        }
    }
}
