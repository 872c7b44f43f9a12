import Foundation
import Logging
import Metrics
import Prometheus
import ServiceLifecycle
import UnixSignals

/// The whole life of a worker executable: resolve options, set up logging and metrics, run the stage (and
/// its HTTP endpoints when `--http-port` is given) until a signal.
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

        let logger = Logger(label: "newsline-\(stage.name)")
        let worker = StageWorker(stage: stage, options: resolved, logger: logger)
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
