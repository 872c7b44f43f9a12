import Foundation

/// CPU time of this process's threads, read from Linux's `/proc/self/task`, summed by what the threads do; and
/// how long they waited for a core.
///
/// Threads are told apart by name (see ``role(of:)``): librdkafka names its threads `rdk:…`, Newsline its own
/// `nl:…` (``KafkaClient/ThreadName``).
struct ThreadCPU: Sendable {
    private struct Entry: Sendable {
        var name: String
        var nanoseconds: Int
        /// Time spent ready to run, waiting on a run queue for a core.
        var waiting: Int
    }

    private let threads: [Int: Entry]

    /// This moment's CPU time per thread; `nil` where `/proc/self/task` cannot be read (not Linux).
    static func sample() -> ThreadCPU? {
        guard let tids = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/task") else { return nil }
        var threads: [Int: Entry] = [:]
        for tid in tids {
            // `schedstat` holds the time the thread has run and the time it waited on a run queue, in nanoseconds,
            // then how many times it ran.
            guard let id = Int(tid),
                let schedstat = try? String(contentsOfFile: "/proc/self/task/\(tid)/schedstat", encoding: .utf8),
                let comm = try? String(contentsOfFile: "/proc/self/task/\(tid)/comm", encoding: .utf8)
            else { continue }
            let fields = schedstat.split(whereSeparator: \.isWhitespace).compactMap { Int($0) }
            guard fields.count >= 2 else { continue }
            threads[id] = Entry(name: comm.trimmingCharacters(in: .newlines), nanoseconds: fields[0], waiting: fields[1])
        }
        return threads.isEmpty ? nil : ThreadCPU(threads: threads)
    }

    /// What the process's threads ran since `earlier`, by role; threads started since count from zero.
    func since(_ earlier: ThreadCPU) -> [String: Duration] {
        var roles: [String: Duration] = [:]
        for (id, thread) in threads {
            let used = thread.nanoseconds - (earlier.threads[id]?.nanoseconds ?? 0)
            roles[Self.role(of: thread.name), default: .zero] += .nanoseconds(used)
        }
        return roles
    }

    /// How long the process's threads waited for a core since `earlier`, all together.
    func waitedSince(_ earlier: ThreadCPU) -> Duration {
        .nanoseconds(threads.reduce(0) { $0 + $1.value.waiting - (earlier.threads[$1.key]?.waiting ?? 0) })
    }

    /// The role a thread's name tells: the relay's or stage's loop (polling and producing), the stage's lanes,
    /// delivery reports, librdkafka (clients and embedded brokers), the bench's watcher, or other (Dispatch's and
    /// Swift's shared threads).
    static func role(of name: String) -> String {
        switch name {
        case _ where name.hasPrefix("rdk:"): "librdkafka and brokers"
        case "nl:producer": "delivery reports"
        case "nl:bench-watch": "watcher"
        case "nl:relay": "relay loop"
        case "nl:lane": "lanes"
        case _ where name.hasPrefix("nl:"): "stage loop"
        default: "other"
        }
    }
}
