import Foundation
import Logging
import ServiceLifecycle
import UnixSignals

/// The whole life of a worker executable: resolve options, set up logging, run the stage until a signal.
public enum WorkerMain {
    /// Runs `stage` with `options` until SIGTERM/SIGINT (then shuts down gracefully) or a fatal error
    /// (then throws, and the executable exits non-zero).
    public static func run<S: Stage>(_ stage: S, options: WorkerOptions) async throws {
        let resolved = try options.resolved(stage: stage.name)
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = resolved.logLevel
            return handler
        }
        let logger = Logger(label: "newsline-\(stage.name)")
        let worker = StageWorker(stage: stage, options: resolved, logger: logger)
        var configuration = ServiceGroupConfiguration(
            services: [
                .init(
                    service: worker,
                    successTerminationBehavior: .gracefullyShutdownGroup,
                    failureTerminationBehavior: .gracefullyShutdownGroup
                )
            ],
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        configuration.maximumGracefulShutdownDuration = resolved.shutdownTimeout + .seconds(2)
        try await ServiceGroup(configuration: configuration).run()
    }
}
