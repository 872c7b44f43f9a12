import Foundation
import Hummingbird
import Logging
import NIOCore
import Prometheus
import ServiceLifecycle

/// `/metrics` (Prometheus text), `/healthz` and `/readyz` over HTTP, served by Hummingbird.
enum ObservabilityServer {
    static func make(
        host: String,
        port: Int,
        registry: PrometheusCollectorRegistry,
        health: HealthState,
        logger: Logger
    ) -> some ApplicationProtocol {
        let router = Router()
        router.get("metrics") { _, _ -> Response in
            var buffer = ByteBuffer()
            buffer.writeBytes(registry.emitToBuffer())
            return Response(
                status: .ok,
                headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: ResponseBody(byteBuffer: buffer)
            )
        }
        router.get("healthz") { _, _ -> Response in
            text(health.livenessProblem.map { ("unhealthy: \($0)", .serviceUnavailable) } ?? ("ok", .ok))
        }
        router.get("readyz") { _, _ -> Response in
            text(health.readinessProblem.map { ("not ready: \($0)", .serviceUnavailable) } ?? ("ready", .ok))
        }
        var httpLogger = logger
        httpLogger.logLevel = max(logger.logLevel, .warning)
        return Application(
            router: router,
            configuration: .init(address: .hostname(host, port: port), serverName: "newsline"),
            logger: httpLogger
        )
    }

    /// The server as a service whose failure says which endpoints, where, and why in the system's words: the bare
    /// error of a port in use reads `bind(descriptor:ptr:bytes:): Address already in use) (errno: 98)`.
    struct Service<Server: ApplicationProtocol>: ServiceLifecycle.Service {
        let server: Server
        let host: String
        let port: Int

        func run() async throws {
            do {
                try await server.run()
            } catch {
                let reason = (error as? IOError).map { Self.reason($0.errnoCode) } ?? "\(error)"
                throw Failure(description: "cannot serve /metrics, /healthz and /readyz on \(host):\(port): \(reason)")
            }
        }

        /// `Address already in use` as `address already in use (errno 98)`.
        static func reason(_ code: CInt) -> String {
            let text = String(cString: strerror(code))
            return "\(text.prefix(1).lowercased())\(text.dropFirst()) (errno \(code))"
        }
    }

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    private static func text(_ answer: (String, HTTPResponse.Status)) -> Response {
        Response(
            status: answer.1,
            headers: [.contentType: "text/plain; charset=utf-8"],
            body: ResponseBody(byteBuffer: ByteBuffer(string: answer.0 + "\n"))
        )
    }
}
