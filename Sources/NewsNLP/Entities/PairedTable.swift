/// The static-feature weights of both tagging stages in one table, so that one probe per feature
/// serves both stages (the two rows of a key sit side by side).
struct PairedTable: Sendable {
    private var slots: [UInt64]  // key32 << 32 | pair index
    private var mask: Int
    private var rows: [SIMD16<Float>]  // stage 1 at 2k, stage 2 at 2k + 1

    /// Merges two stages given as sorted keys and a reader of their weight rows (`row(stage, index)`);
    /// a key missing from one stage gets a zero row there.
    init(_ first: [UInt32], _ second: [UInt32], row: (Int, Int) -> SIMD16<Float>) {
        var keys: [UInt32] = []
        keys.reserveCapacity(max(first.count, second.count) * 3 / 2)
        rows = []
        rows.reserveCapacity(keys.capacity * 2)
        var i = 0
        var j = 0
        while i < first.count || j < second.count {
            let a = i < first.count ? first[i] : UInt32.max
            let b = j < second.count ? second[j] : UInt32.max
            let k = min(a, b)
            keys.append(k)
            rows.append(a == k ? row(0, i) : .zero)
            rows.append(b == k ? row(1, j) : .zero)
            if a == k { i += 1 }
            if b == k { j += 1 }
        }
        var capacity = 16
        while capacity < keys.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: 0, count: capacity)
        for (index, k) in keys.enumerated() {
            var s = TagModel.slot(k, mask: mask)
            while slots[s] != 0 { s = (s + 1) & mask }
            slots[s] = UInt64(k) << 32 | UInt64(index)
        }
    }

    /// One stage's view of the table.
    struct Stage: WeightScoring {
        let table: PairedTable
        let offset: Int

        @inline(__always)
        func score(_ features: ArraySlice<UInt64>) -> SIMD16<Float> { table.score(features, offset: offset) }
    }

    /// Stage 1's (`0`) or stage 2's (`1`) view.
    func stage(_ n: Int) -> Stage { Stage(table: self, offset: n) }

    /// The summed scores of one stage.
    @inline(__always)
    func score(_ features: ArraySlice<UInt64>, offset: Int) -> SIMD16<Float> {
        var a = SIMD16<Float>.zero
        forEachRow(of: features) { rows, p in a += rows[p + offset] }
        return a
    }

    /// The summed scores of both stages for a set of features.
    @inline(__always)
    func score(_ features: [UInt64]) -> (SIMD16<Float>, SIMD16<Float>) {
        var a = SIMD16<Float>.zero
        var b = SIMD16<Float>.zero
        forEachRow(of: features[...]) { rows, p in
            a += rows[p]
            b += rows[p + 1]
        }
        return (a, b)
    }

    /// Calls `body` with the rows and the index of the stage-1 row of each feature in the table.
    @inline(__always)
    private func forEachRow(
        of features: ArraySlice<UInt64>,
        _ body: (UnsafeBufferPointer<SIMD16<Float>>, Int) -> Void
    ) {
        slots.withUnsafeBufferPointer { slots in
            rows.withUnsafeBufferPointer { rows in
                for h in features {
                    let k = TagModel.key32(h)
                    var i = TagModel.slot(k, mask: mask)
                    while true {
                        let s = slots[i]
                        if s == 0 { break }
                        if UInt32(truncatingIfNeeded: s >> 32) == k {
                            body(rows, Int(truncatingIfNeeded: s & 0xFFFF_FFFF) * 2)
                            break
                        }
                        i = (i + 1) & mask
                    }
                }
            }
        }
    }
}
