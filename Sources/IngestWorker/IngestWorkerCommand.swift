import ArgumentParser
import NewsIngest
import StageRuntime

@main
struct IngestWorkerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline-ingest",
        abstract: "Reads articles.submitted, writes normalised articles to articles.ingested.",
        discussion: """
            Accepts the schema's JSON submissions and articles as plain text, shaped like the sample article \
            (title line, blank line, paragraphs, caption, subheadings, byline). A message is read as text \
            when its content-type header says text/plain, or, without that header, when it does not start \
            with '{'. An exact re-push of an \
            article this process already passed on (same id and content hash) is dropped; the memory holds \
            the last --dedup-capacity articles for the life of the process.
            """
    )

    @OptionGroup var worker: WorkerOptions

    @Option(help: "Articles remembered to drop exact re-pushes (LRU). Env: NEWSLINE_DEDUP_CAPACITY. Default: 100000.")
    var dedupCapacity: Int?

    func validate() throws {
        if let dedupCapacity, dedupCapacity < 1 { throw ValidationError("--dedup-capacity must be at least 1") }
    }

    func run() async throws {
        let capacity = dedupCapacity ?? environmentInt("NEWSLINE_DEDUP_CAPACITY") ?? 100_000
        try await WorkerMain.run(stage: "ingest", options: worker) {
            IngestStage(version: NewslineVersion.current, recentlySeen: RecentlySeen(capacity: capacity))
        }
    }
}
