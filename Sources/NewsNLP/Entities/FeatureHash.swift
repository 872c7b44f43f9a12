/// Deterministic 64-bit hashing for features (FNV-1a plus a SplitMix64 finaliser).
///
/// Swift's `Hasher` is seeded per process, so it cannot name features stored in a model file.
enum FeatureHash {
    static let basis: UInt64 = 0xCBF2_9CE4_8422_2325
    static let prime: UInt64 = 0x0000_0100_0000_01B3

    @inline(__always)
    static func add(_ h: UInt64, _ v: UInt32) -> UInt64 { (h ^ UInt64(v)) &* prime }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A feature from a template id and one value.
    @inline(__always)
    static func feature(_ template: UInt64, _ a: UInt64) -> UInt64 { mix(a &+ template &* 0x2545_F491_4F6C_DD1D) }

    /// A feature from a template id and two values.
    @inline(__always)
    static func feature(_ template: UInt64, _ a: UInt64, _ b: UInt64) -> UInt64 {
        mix(mix(a &+ template &* 0x2545_F491_4F6C_DD1D) ^ b)
    }

    /// A feature from a template id and three values.
    @inline(__always)
    static func feature(_ template: UInt64, _ a: UInt64, _ b: UInt64, _ c: UInt64) -> UInt64 {
        mix(mix(mix(a &+ template &* 0x2545_F491_4F6C_DD1D) ^ b) ^ c)
    }

    /// Hash of a string's scalars.
    static func string(_ s: String) -> UInt64 {
        var h = basis
        for u in s.unicodeScalars { h = add(h, u.value) }
        return h
    }
}

/// A small deterministic generator (SplitMix64) for shuffling training data.
struct SplitMix64: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return FeatureHash.mix(state &- 0x9E37_79B9_7F4A_7C15)
    }
}
