import ArgumentParser

/// The Newsline operator command line.
@main
struct Newsline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline",
        abstract: "Operate and evaluate the Newsline news pipeline.",
        subcommands: [Eval.self, Train.self, Analyze.self]
    )
}
