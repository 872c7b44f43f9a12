/// How many records the next batch may take, so that processing one batch stays within a time budget.
///
/// The consumer serves rebalances and stop requests only between batches. While a member works through a
/// long batch, a rebalance keeps the rest of the group waiting, and a broker that stops waiting drops the
/// member: its commit on revocation then fails and the partitions' next owner repeats its work. The limit
/// follows how long each record of the last batch took, between one record and `ceiling`. Before any batch has
/// shown the pace, it is `first`: a full batch of slow records (a long article in a debug build takes about
/// 100 ms to extract entities from) would hold a rebalance for seconds.
struct BatchSizer: Sendable {
    /// The most records a batch takes, however fast they are.
    let ceiling: Int
    /// How long processing one batch should take at most.
    let budget: Duration
    /// Records the next batch may take.
    private(set) var limit: Int

    init(ceiling: Int, first: Int, budget: Duration) {
        precondition(ceiling > 0 && first > 0 && budget > .zero)
        self.ceiling = ceiling
        self.budget = budget
        self.limit = min(first, ceiling)
    }

    /// Learns from a batch of `count` records that took `elapsed` to process.
    mutating func processed(_ count: Int, in elapsed: Duration) {
        guard count > 0 else { return }
        let perRecord = elapsed / count
        guard perRecord > .zero else {
            limit = ceiling
            return
        }
        limit = Int(min(Double(ceiling), max(1, (budget / perRecord).rounded(.down))))
    }
}
