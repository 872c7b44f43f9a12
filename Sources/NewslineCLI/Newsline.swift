import ArgumentParser

/// The Newsline operator command line.
@main
struct Newsline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline",
        abstract: "Operate and evaluate the Newsline news pipeline.",
        subcommands: [Push.self, Tail.self, Replay.self, Redrive.self, Status.self, Find.self, TopicsCommand.self, Broker.self, Demo.self, Bench.self, Eval.self, Train.self, Analyze.self]
    )
}
