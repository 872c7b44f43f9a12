import Foundation
import KafkaClient

/// Threads of a stage's own for its lanes, started on first use and ended when the pool is let go.
///
/// The lanes' work is CPU-bound and the consumer's thread waits for it. On Dispatch's shared threads it would
/// wait for whatever else holds them: Swift's tasks use the same threads on Linux, and a caller on one of them
/// blocking in the wait took a thread from its own lanes (tests calling a worker from a task stalled for the
/// 30 s a transform gave up after).
final class LanePool: Sendable {
    private let jobs: JobQueue

    /// A pool of `size` threads, each named `nl:lane`.
    init(size: Int) {
        precondition(size > 0)
        jobs = JobQueue(threads: size)
    }

    deinit {
        jobs.close()
    }

    /// Runs `job` on one of the pool's threads; jobs start in the order given.
    func run(_ job: @escaping @Sendable () -> Void) {
        jobs.push(job)
    }
}

/// The pool's jobs and threads; the threads hold it, the pool closes it.
private final class JobQueue: @unchecked Sendable {
    private let threads: Int
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var jobs: [@Sendable () -> Void] = []
    private var started = false
    private var closed = false

    init(threads: Int) {
        self.threads = threads
    }

    func push(_ job: @escaping @Sendable () -> Void) {
        condition.lock()
        defer { condition.unlock() }
        if !started {
            started = true
            for _ in 0..<threads {
                let thread = Thread { [self] in
                    ThreadName.setCurrent("nl:lane")
                    while let job = next() { job() }
                }
                thread.start()
            }
        }
        jobs.append(job)
        condition.signal()
    }

    /// Ends the threads once the jobs given are done.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// The next job, waiting for one; `nil` once closed and empty.
    private func next() -> (@Sendable () -> Void)? {
        condition.lock()
        defer { condition.unlock() }
        while jobs.isEmpty, !closed { condition.wait() }
        return jobs.isEmpty ? nil : jobs.removeFirst()
    }
}
