import Foundation
import KafkaClient
import NewsSchema
import Testing

#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// The workers' HTTP endpoints and trace context, over real HTTP and real worker processes.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct ObservabilityTests {
    @Test func readinessFailsUntilTheGroupIsJoinedWhileLivenessHolds() async throws {
        // No broker listens there: the worker runs but can never join its group. Its log is JSON, one object per line.
        let brokers = "127.0.0.1:\(try freePort())"
        let (worker, port, health) = try await serving { port in
            try ChildProcess(
                "newsline-ingest", ["--brokers", brokers, "--http-port", "\(port)", "--summary-interval", "0", "--log-format", "json"]
            )
        }
        defer { worker.kill9() }
        #expect(health.body.hasPrefix("ok"))
        // Its first question to the cluster takes up to 5 s to time out.
        let ready = try await get(port: port, path: "/readyz", within: .seconds(30), serving: worker, until: { $0.body.contains("does not answer") })
        #expect(ready.status == 503)
        #expect(ready.body.contains("waiting to start: the cluster does not answer"), "\(ready.body)")
        let lines = worker.log.split(separator: "\n")
        let events = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!events.isEmpty && events.count == lines.count, "every line one JSON object:\n\(worker.log)")
        let waiting = events.first { ($0["message"] as? String)?.hasPrefix("waiting to start: the cluster does not answer") == true }
        #expect(waiting?["level"] as? String == "warning", "\(worker.log)")
        #expect(waiting?["stage"] as? String == "ingest", "\(worker.log)")
        #expect(waiting?["logger"] as? String == "newsline-ingest", "\(worker.log)")

        // A second worker given the same port stops at once and says why.
        let second = try ChildProcess("newsline-entities", ["--brokers", "127.0.0.1:1", "--http-port", "\(port)"])
        let status = try #require(second.wait(timeout: .seconds(20)), "\(second.log)")
        #expect(status == 1)
        #expect(
            second.log.contains("Error: cannot serve /metrics, /healthz and /readyz on 127.0.0.1:\(port): address already in use (errno \(EADDRINUSE))\n"),
            "\(second.log)"
        )

        // Logging JSON, the error that stops it is a JSON event too, the last line, with the same exit status.
        let third = try ChildProcess("newsline-ingest", ["--brokers", "127.0.0.1:1", "--http-port", "\(port)", "--log-format", "json"])
        #expect(try #require(third.wait(timeout: .seconds(20)), "\(third.log)") == 1)
        let thirdLines = third.log.split(separator: "\n")
        let thirdEvents = thirdLines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(!thirdEvents.isEmpty && thirdEvents.count == thirdLines.count, "every line one JSON object:\n\(third.log)")
        #expect(thirdEvents.last?["level"] as? String == "critical", "\(third.log)")
        #expect(thirdEvents.last?["stage"] as? String == "ingest", "\(third.log)")
        let message = thirdEvents.last?["message"] as? String ?? ""
        #expect(message == "cannot serve /metrics, /healthz and /readyz on 127.0.0.1:\(port): address already in use (errno \(EADDRINUSE))", "\(third.log)")
    }

    @Test func readinessPassesOnceJoinedAndCountersMoveAsMessagesFlow() async throws {
        let pipeline = try Pipeline()
        let (worker, port, _) = try await serving { port in try pipeline.startWorker("newsline-ingest", ["--http-port", "\(port)"]) }
        // The whole suite runs its clusters and workers side by side on the CI's two cores, where the wait for a
        // first join has been seen to pass 30 s; the worker's log says where it stood if it never joins.
        _ = try await get(port: port, path: "/readyz", within: .seconds(90), serving: worker, until: { $0.status == 200 })
        let before = try await metrics(port: port)
        let file = try writeArticles(count: 7, tag: "metrics")
        #expect(try pipeline.cli(["push", file]).status == 0)
        try await pipeline.produce(topic: pipeline.topics.submitted, key: "broken", value: Array("{not json".utf8))
        let after = try await waitForMetrics(port: port) {
            ($0[#"newsline_messages_produced_total{stage="ingest",topic="articles.ingested"}"#] ?? 0) >= 7
                && ($0[#"newsline_messages_dead_lettered_total{stage="ingest",topic="articles.submitted",reason="undecodable"}"#] ?? 0) >= 1
                // The lag gauges are refreshed every 2 s, from the positions of fetched partitions.
                && $0.keys.contains { $0.hasPrefix("newsline_consumer_lag{") }
        }
        let consumed = #"newsline_messages_consumed_total{stage="ingest",topic="articles.submitted"}"#
        #expect((after[consumed] ?? 0) - (before[consumed] ?? 0) == 8)
        #expect(after[#"newsline_messages_produced_total{stage="ingest",topic="articles.ingested"}"#] == 7)
        #expect(after[#"newsline_end_to_end_latency_seconds_count{stage="ingest"}"#] == 7)
        #expect(after[#"newsline_processing_duration_seconds_count{stage="ingest"}"#] == 8)
        #expect(after[#"newsline_rebalances_total{stage="ingest",event="assigned"}"#] == 1)

        // With every broker gone the worker is alive but not ready, and says why.
        pipeline.broker.kill9()
        let gone = try await get(port: port, path: "/readyz", within: .seconds(60), serving: worker, until: { $0.status == 503 })
        #expect(gone.body.hasPrefix("not ready: no broker reachable for "), "\(gone.body)")
        #expect(try await get(port: port, path: "/healthz", serving: worker).status == 200)
    }

    @Test func oneTraceRunsThroughTheThreeStagesHeadersAndLogs() throws {
        let pipeline = try Pipeline()
        let workers = try ["newsline-ingest", "newsline-entities", "newsline-summarize"].map {
            try pipeline.startWorker($0, ["--log-level", "debug"])
        }
        #expect(try pipeline.cli(["push", sampleArticlePath]).status == 0)
        let submitted = try #require(try pipeline.read(pipeline.topics.submitted) { $0.count >= 1 }.first)
        let summarized = try #require(try pipeline.read(pipeline.topics.summarized) { $0.count >= 1 }.first)
        let pushed = try #require(submitted.headers.text("traceparent")).split(separator: "-")
        let final = try #require(summarized.headers.text("traceparent")).split(separator: "-")
        #expect(pushed.count == 4 && final.count == 4)
        #expect(final[1] == pushed[1], "the same trace id")
        #expect(final[2] != pushed[2], "a span of the last stage")
        let traceID = String(pushed[1])
        for worker in workers {
            let log = worker.log
            #expect(log.contains("trace.id=\(traceID)"), "\(worker.name) logs the trace id")
        }
    }
}

/// A TCP port nothing listens on right now.
func freePort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw TestFailure("no free port") }
    return Int(UInt16(bigEndian: address.sin_port))
}

struct HTTPAnswer {
    var status: Int
    var body: String
}

/// Starts a worker serving HTTP on a free port (`start` is given the port) and waits until `/healthz` answers 200.
///
/// A port found free can be bound by something else before the worker binds it: the suites' clusters bind ports of
/// their own meanwhile. The worker then says so and exits, and another port is tried.
func serving(_ start: (Int) throws -> ChildProcess) async throws -> (ChildProcess, Int, HTTPAnswer) {
    var attempt = 1
    while true {
        let port = try freePort()
        let worker = try start(port)
        do {
            return (worker, port, try await get(port: port, path: "/healthz", within: .seconds(90), serving: worker, until: { $0.status == 200 }))
        } catch let error as WorkerExited where attempt < 3 && error.log.contains("address already in use") {
            attempt += 1
        }
    }
}

/// The worker serving a GET exited.
struct WorkerExited: Error, CustomStringConvertible {
    var name: String
    var status: Int32
    var log: String
    var description: String { "\(name) exited with status \(status):\n\(log.suffix(4_000))" }
}

/// A session whose requests give up after 5 s, not 60. A request's own `timeoutInterval` of 5 s was not kept here:
/// GETs to a port whose listener never answered still waited about a minute.
private let quickSession: URLSession = {
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = 5
    return URLSession(configuration: configuration)
}()

/// GETs a path on localhost, retrying until `until` holds or `within` passed. Each request gives up after 5 s, so
/// that one left hanging cannot spend the whole wait. Given the worker `serving` it, the wait ends as soon as the
/// worker exits, and either error carries its log.
func get(
    port: Int,
    path: String,
    within: Duration = .seconds(30),
    serving worker: ChildProcess? = nil,
    until: (HTTPAnswer) -> Bool = { _ in true }
) async throws -> HTTPAnswer {
    let url = URL(string: "http://127.0.0.1:\(port)\(path)")!
    let deadline = ContinuousClock.now + within
    var last: HTTPAnswer?
    while ContinuousClock.now < deadline {
        if let worker, !worker.process.isRunning {
            throw WorkerExited(name: worker.name, status: worker.process.terminationStatus, log: worker.log)
        }
        if let (data, response) = try? await quickSession.data(from: url), let http = response as? HTTPURLResponse {
            let answer = HTTPAnswer(status: http.statusCode, body: String(decoding: data, as: UTF8.self))
            if until(answer) { return answer }
            last = answer
        }
        try await Task.sleep(for: .milliseconds(100))
    }
    let log = worker.map { "\n\($0.name) log:\n\($0.log.suffix(4_000))" } ?? ""
    throw TestFailure("GET \(path): no satisfying answer within \(within); last \(String(describing: last))\(log)")
}

/// The Prometheus samples of `/metrics`, by series.
func metrics(port: Int) async throws -> [String: Double] {
    let text = try await get(port: port, path: "/metrics", until: { $0.status == 200 }).body
    var samples: [String: Double] = [:]
    for line in text.split(separator: "\n") where !line.hasPrefix("#") {
        guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
        samples[String(line[..<space])] = value
    }
    return samples
}

func waitForMetrics(port: Int, until done: ([String: Double]) -> Bool) async throws -> [String: Double] {
    let deadline = ContinuousClock.now + .seconds(60)
    while ContinuousClock.now < deadline {
        let samples = try await metrics(port: port)
        if done(samples) { return samples }
        try await Task.sleep(for: .milliseconds(200))
    }
    throw TestFailure("metrics never reached the expected values")
}
