import ArgumentParser
import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals

/// The whole life of a worker executable: resolve options, set up logging and metrics, run the stage (and
/// its HTTP endpoints when `--http-port` is given) until a signal.
public enum WorkerMain {
    /// Makes the stage with `makeStage`, then runs it with `options` until SIGTERM/SIGINT (then shuts down
    /// gracefully) or a fatal error (then throws, and the executable exits non-zero). A signal that comes while
    /// the stage is being made stops the worker, with exit status 0, before it joins its group.
    ///
    /// - Parameters:
    ///   - name: The stage's name, as ``Stage/name`` gives it (options are checked before the stage is made).
    ///   - options: The worker's command-line options.
    ///   - makeStage: Makes the stage: loads its models, say.
    public static func run<S: Stage>(stage name: String, options: WorkerOptions, makeStage: () throws -> S) async throws {
        let signals = StopSignals.install()
        let resolved = try options.resolved(stage: name)
        LoggingSystem.bootstrap { label in
            var handler: any LogHandler =
                switch resolved.logFormat {
                case .text: StreamLogHandler.standardError(label: label)
                case .json: JSONLogHandler.standardError(label: label)
                }
            handler.logLevel = resolved.logLevel
            return handler
        }
        let registry = PrometheusCollectorRegistry()
        var factory = PrometheusMetricsFactory(registry: registry)
        factory.durationHistogramBuckets[WorkerMetrics.processingLabel] = [
            .microseconds(100), .microseconds(250), .microseconds(500), .milliseconds(1), .milliseconds(2),
            .milliseconds(5), .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100),
            .milliseconds(250), .seconds(1),
        ]
        factory.durationHistogramBuckets[WorkerMetrics.endToEndLabel] = [
            .milliseconds(10), .milliseconds(25), .milliseconds(50), .milliseconds(100), .milliseconds(250),
            .milliseconds(500), .seconds(1), .milliseconds(2_500), .seconds(5), .seconds(10), .seconds(30), .seconds(60),
        ]
        MetricsSystem.bootstrap(factory)

        let logger = Logger(label: "newsline-\(name)")
        if let parent = resolved.parentPID { signals.watchParent(parent, logger: logger) }
        do {
            try await run(stage: name, options: resolved, signals: signals, registry: registry, logger: logger, makeStage: makeStage)
        } catch where resolved.logFormat == .json && !(error is ExitCode) {
            // A log collector reads one JSON object a line: the error that stops the worker is its last event,
            // instead of the argument parser's plain `Error:` line. The exit status is the same.
            logger.critical("\(error)", error: error, metadata: ["stage": "\(name)"])
            throw ExitCode.failure
        }
    }

    private static func run<S: Stage>(
        stage name: String,
        options resolved: ResolvedWorkerOptions,
        signals: StopSignals,
        registry: PrometheusCollectorRegistry,
        logger: Logger,
        makeStage: () throws -> S
    ) async throws {
        logger.debug("preparing the stage")
        let stage = try makeStage()
        precondition(stage.name == name, "the stage is named \(stage.name), not \(name)")
        let worker = StageWorker(stage: stage, options: resolved, logger: logger)
        if let reason = signals.attach({ worker.requestStop() }) {
            logger.info("stopped before starting: \(reason) while the stage was being prepared")
            return
        }
        var services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: worker, successTerminationBehavior: .gracefullyShutdownGroup, failureTerminationBehavior: .gracefullyShutdownGroup)
        ]
        if let port = resolved.httpPort {
            let server = ObservabilityServer.make(
                host: resolved.httpHost, port: port, registry: registry, health: worker.health, logger: logger
            )
            services.append(
                .init(
                    service: ObservabilityServer.Service(server: server, host: resolved.httpHost, port: port),
                    failureTerminationBehavior: .gracefullyShutdownGroup
                )
            )
        }
        var configuration = ServiceGroupConfiguration(
            services: services,
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: logger
        )
        configuration.maximumGracefulShutdownDuration = resolved.shutdownTimeout + .seconds(2)
        try await ServiceGroup(configuration: configuration).run()
    }
}
