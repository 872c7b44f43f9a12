/// A small open-addressing map from non-zero 64-bit keys (already well mixed) to counts: much
/// cheaper than `Dictionary`, whose per-process seeded SipHash dominates short texts.
struct KeyTable {
    private var keys: [UInt64]
    private var values: [Int32]
    private let mask: Int

    /// A table for about `capacity` keys.
    init(capacity: Int) {
        var n = 16
        while n < capacity * 2 { n <<= 1 }
        keys = Array(repeating: 0, count: n)
        values = Array(repeating: 0, count: n)
        mask = n - 1
    }

    /// A set of keys (each with count 1).
    init(_ members: some Collection<UInt64>) {
        self.init(capacity: members.count)
        for k in members { self[k] = 1 }
    }

    @inline(__always)
    private func slot(_ k: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> 40) & mask
        while keys[i] != 0 && keys[i] != k { i = (i + 1) & mask }
        return i
    }

    /// The count of a key (0 when absent).
    @inline(__always)
    subscript(_ k: UInt64) -> Int32 {
        get { keys[slot(k | 1)] == (k | 1) ? values[slot(k | 1)] : 0 }
        set {
            let i = slot(k | 1)
            keys[i] = k | 1
            values[i] = newValue
        }
    }

    /// Whether the key is present.
    @inline(__always)
    func contains(_ k: UInt64) -> Bool { keys[slot(k | 1)] == (k | 1) }
}
