#if os(Linux)
import Foundation
import KafkaClient
import Testing

/// Thread names as `top -H`, `ps -L` and `perf` show them: Linux's `comm` of each thread.
@Suite struct ThreadNameTests {
    /// The names of this process's threads.
    private func threadNames() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: "/proc/self/task").compactMap { tid in
            try? String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8).trimmingCharacters(in: .newlines)
        }
    }

    /// Runs `body` on a new thread and returns what the thread's `comm` says afterwards.
    private func nameAfter(_ body: @escaping @Sendable () -> Void) async -> String {
        await withCheckedContinuation { continuation in
            Thread {
                body()
                let comm = (try? String(contentsOfFile: "/proc/thread-self/comm", encoding: .utf8)) ?? ""
                continuation.resume(returning: comm.trimmingCharacters(in: .newlines))
            }.start()
        }
    }

    @Test func aThreadNamesItself() async {
        #expect(await nameAfter { ThreadName.setCurrent("nl:entities") } == "nl:entities")
    }

    @Test func aLongNameIsCutToWhatLinuxKeeps() async {
        #expect(await nameAfter { ThreadName.setCurrent("nl:a-much-longer-name") } == "nl:a-much-longe")
        // Cut at a character boundary: the two bytes of "é" would be bytes 15 and 16.
        #expect(await nameAfter { ThreadName.setCurrent("nl:summarise-xé") } == "nl:summarise-x")
    }

    @Test func aProducersDeliveryThreadCarriesItsName() async throws {
        // Other tests' producers come and go meanwhile, so this looks for the name, not for one more of it.
        let producer = try KafkaProducer(configuration: .init(kafka: .init(bootstrapServers: "127.0.0.1:1")), logger: testLogger)
        defer { producer.close(timeout: .zero) }
        let deadline = ContinuousClock.now + .seconds(5)
        while try !threadNames().contains("nl:producer"), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(10))
        }
        #expect(try threadNames().contains("nl:producer"))
    }
}
#endif
