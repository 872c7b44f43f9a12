import ArgumentParser
import Foundation

/// The Newsline operator command line.
@main
struct Newsline: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "newsline",
        abstract: "Operate and evaluate the Newsline news pipeline.",
        subcommands: [Push.self, Tail.self, Replay.self, Redrive.self, Status.self, Find.self, TopicsCommand.self, Broker.self, Demo.self, Bench.self, Eval.self, Train.self, Analyze.self]
    )

    /// Runs the command as ArgumentParser's own `main` does, but sends what it printed before the error that ends it.
    /// Standard output to a pipe or a file is held until exit, after the error line: `newsline demo missing 2>&1 | tee
    /// log` showed `Error: nothing to push` above the lines that said why.
    static func main() async {
        do {
            var command = try await asyncParseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            fflush(nil)
            exit(withError: error)
        }
    }
}
