import Synchronization

/// Counts of what a worker did, for its summary line and for embedding code (the bench) to read;
/// the exported metrics are `WorkerMetrics`, which swift-metrics cannot read back.
final class StageStatistics: Sendable {
    struct Snapshot: Sendable {
        var consumed = 0
        var produced = 0
        var deadLettered = 0
        var skipped = 0
    }

    private let counts = Mutex(Snapshot())

    func record(_ update: (inout Snapshot) -> Void) {
        counts.withLock { update(&$0) }
    }

    var snapshot: Snapshot { counts.withLock { $0 } }
}
