import Foundation
import Synchronization

/// What `/healthz` and `/readyz` report: is the poll loop turning, has the worker joined its group, can it
/// reach a broker, is its producer usable.
final class HealthState: Sendable {
    /// How long the loop may go without turning before the worker counts as stuck.
    static let stuckAfter: Duration = .seconds(30)

    private let lastTurn = Mutex<ContinuousClock.Instant?>(nil)
    private let joined = Atomic<Bool>(false)
    private let fatal = Mutex<String?>(nil)
    private let waitingReason = Mutex<String?>(nil)
    private let unreachable = Mutex<(since: ContinuousClock.Instant, reason: String)?>(nil)

    func loopTurned() { lastTurn.withLock { $0 = .now } }
    func groupJoined() { joined.store(true, ordering: .releasing) }
    func failed(_ reason: String) { fatal.withLock { $0 = $0 ?? reason } }
    /// What the worker waits for before it joins its group (its cluster, its topics); `nil` once it stops waiting.
    func waiting(for reason: String?) { waitingReason.withLock { $0 = reason } }
    /// librdkafka lost its connections to every broker it knows.
    func brokersUnreachable(_ reason: String) { unreachable.withLock { $0 = $0 ?? (.now, reason) } }
    /// A broker answered again.
    func brokersReachable() { unreachable.withLock { $0 = nil } }
    /// Whether every broker was out of reach when last heard of.
    var brokersAreUnreachable: Bool { unreachable.withLock { $0 != nil } }

    /// `nil` when alive, else why not.
    var livenessProblem: String? {
        guard let turned = lastTurn.withLock({ $0 }) else { return "the poll loop has not started" }
        let idle = ContinuousClock.now - turned
        return idle > Self.stuckAfter ? "the poll loop has not turned for \(idle)" : nil
    }

    /// `nil` when ready to work, else why not.
    var readinessProblem: String? {
        if let reason = fatal.withLock({ $0 }) { return "fatal error: \(reason)" }
        if let problem = livenessProblem { return problem }
        if let reason = waitingReason.withLock({ $0 }) { return "waiting to start: \(reason)" }
        if let (since, reason) = unreachable.withLock({ $0 }) {
            let seconds = Int((ContinuousClock.now - since) / .seconds(1))
            return "no broker reachable for \(seconds) s: \(reason)"
        }
        return joined.load(ordering: .acquiring) ? nil : "not yet a member of the consumer group"
    }
}
