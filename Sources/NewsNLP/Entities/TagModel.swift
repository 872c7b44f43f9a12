/// The weights of one averaged-perceptron tagging stage, in an open-addressing table keyed by
/// 32 bits of each feature's hash, one 16-lane row (9 tags used) per feature.
struct TagModel: Sendable, WeightScoring {
    private var slots: [UInt64]  // key32 << 32 | row index
    private var mask: Int
    private(set) var rows: [SIMD16<Float>]

    /// Builds a table from feature hashes and their tag weights (duplicate key32s are summed).
    init(features: [(key: UInt64, weights: SIMD16<Float>)]) {
        var byKey: [UInt32: SIMD16<Float>] = [:]
        for f in features { byKey[Self.key32(f.key), default: .zero] += f.weights }
        self.init(table: byKey.sorted { $0.key < $1.key }.map { ($0.key, $0.value) })
    }

    /// Builds a table from 32-bit keys (non-zero, unique) and weights.
    init(table: [(UInt32, SIMD16<Float>)]) {
        var capacity = 16
        while capacity < table.count * 2 { capacity <<= 1 }
        mask = capacity - 1
        slots = Array(repeating: 0, count: capacity)
        rows = []
        rows.reserveCapacity(table.count)
        for (k, w) in table {
            var i = Self.slot(k, mask: mask)
            while slots[i] != 0 { i = (i + 1) & mask }
            slots[i] = UInt64(k) << 32 | UInt64(rows.count)
            rows.append(w)
        }
    }

    /// The stored 32-bit key of a feature hash (never zero).
    @inline(__always)
    static func key32(_ h: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: h >> 32) | 1 }

    /// The first slot probed for a key.
    @inline(__always)
    static func slot(_ k: UInt32, mask: Int) -> Int { Int(truncatingIfNeeded: UInt64(k) &* 0x9E37_79B1) & mask }

    /// The weight row of a feature, if the model has one.
    @inline(__always)
    func row(_ h: UInt64) -> Int? {
        let k = Self.key32(h)
        var i = Self.slot(k, mask: mask)
        while true {
            let s = slots[i]
            if s == 0 { return nil }
            if UInt32(truncatingIfNeeded: s >> 32) == k { return Int(truncatingIfNeeded: s & 0xFFFF_FFFF) }
            i = (i + 1) & mask
        }
    }

    /// The summed tag scores of a set of features.
    @inline(__always)
    func score(_ features: ArraySlice<UInt64>) -> SIMD16<Float> {
        var total = SIMD16<Float>.zero
        rows.withUnsafeBufferPointer { r in
            for h in features { if let i = row(h) { total += r[i] } }
        }
        return total
    }

    /// Rows with their keys, sorted by key (for serialization).
    func entries() -> [(UInt32, SIMD16<Float>)] {
        slots.filter { $0 != 0 }
            .map { (UInt32(truncatingIfNeeded: $0 >> 32), rows[Int(truncatingIfNeeded: $0 & 0xFFFF_FFFF)]) }
            .sorted { $0.0 < $1.0 }
    }

    var count: Int { rows.count }
}

/// Something that sums the tag weights of a set of features.
protocol WeightScoring {
    /// The summed tag scores of a set of features.
    func score(_ features: ArraySlice<UInt64>) -> SIMD16<Float>
}
