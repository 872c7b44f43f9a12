import Foundation

/// The binary model format (little-endian):
/// `"NLNER002"`, UInt32 window, UInt32 stage count; then per stage UInt32 feature count n,
/// UInt32 byte length of the keys followed by the n sorted 32-bit feature keys as LEB128 deltas,
/// n row exponents (Int8 e: the row's scale is 2^(e/8)), and n × 9 Int8 weights; then the
/// lexicon: UInt32 count, UInt32 longest phrase, and count × (UInt64 phrase hash, UInt32 kind bits).
/// Version 002: first-order transition features, Viterbi decoding (001 was greedy, second-order history).
enum NERModelFile {
    static let magic = Array("NLNER002".utf8)

    static func encode(_ tagger: NERTagger) -> Data {
        var out = Data(magic)
        func u32(_ v: UInt32) { withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) } }
        u32(UInt32(tagger.window))
        u32(UInt32(tagger.stages.count))
        for stage in tagger.stages {
            let entries = stage.entries()
            u32(UInt32(entries.count))
            var keys: [UInt8] = []
            var last: UInt32 = 0
            for (k, _) in entries {
                var delta = k - last
                last = k
                while delta >= 0x80 {
                    keys.append(UInt8(delta & 0x7F) | 0x80)
                    delta >>= 7
                }
                keys.append(UInt8(delta))
            }
            u32(UInt32(keys.count))
            out.append(contentsOf: keys)
            var weights: [UInt8] = []
            weights.reserveCapacity(entries.count * TagSet.count)
            for (_, w) in entries {
                var largest: Float = 1e-6
                for t in 0..<TagSet.count { largest = max(largest, abs(w[t])) }
                let e = max(-127, min(127, (8 * log2(largest / 127)).rounded(.up)))
                out.append(UInt8(bitPattern: Int8(e)))
                let scale = pow(2, e / 8)
                for t in 0..<TagSet.count {
                    let q = max(-127, min(127, (w[t] / scale).rounded()))
                    weights.append(UInt8(bitPattern: Int8(q)))
                }
            }
            out.append(contentsOf: weights)
        }
        u32(UInt32(tagger.lexicon.count))
        u32(UInt32(tagger.lexiconMaxLength))
        for (h, bits) in tagger.lexicon.sorted(by: { $0.key < $1.key }) {
            u32(UInt32(truncatingIfNeeded: h))
            u32(UInt32(truncatingIfNeeded: h >> 32))
            u32(bits)
        }
        return out
    }

    static func decode(_ data: Data) throws -> NERTagger {
        let bytes = [UInt8](data)
        var p = 0
        func need(_ n: Int) throws {
            guard p + n <= bytes.count else { throw NLPError(.badModel, "entity model file is truncated") }
        }
        func u32() throws -> UInt32 {
            try need(4)
            defer { p += 4 }
            return UInt32(bytes[p]) | UInt32(bytes[p + 1]) << 8 | UInt32(bytes[p + 2]) << 16 | UInt32(bytes[p + 3])
                << 24
        }
        try need(magic.count)
        guard Array(bytes[0..<magic.count]) == magic else {
            throw NLPError(.badModel, "not a NewsNLP entity model (bad magic)")
        }
        p = magic.count
        let window = Int(try u32())
        let stageCount = Int(try u32())
        guard (1...2).contains(stageCount) else { throw NLPError(.badModel, "bad stage count \(stageCount)") }
        // Per stage: its keys and where its exponents and weights start. Weight rows are read
        // straight from `bytes` into the final table (no per-stage copy: a lower peak RSS at load).
        var stages: [(keys: [UInt32], exponents: Int)] = []
        for _ in 0..<stageCount {
            let n = Int(try u32())
            let keyBytes = Int(try u32())
            try need(keyBytes + n + n * TagSet.count)
            var keys: [UInt32] = []
            keys.reserveCapacity(n)
            var last: UInt32 = 0
            let end = p + keyBytes
            while p < end {
                var v: UInt32 = 0
                var shift: UInt32 = 0
                while true {
                    let b = bytes[p]
                    p += 1
                    v |= UInt32(b & 0x7F) << shift
                    shift += 7
                    if b < 0x80 || shift > 28 { break }
                }
                last &+= v
                keys.append(last)
            }
            guard keys.count == n else { throw NLPError(.badModel, "key count mismatch") }
            stages.append((keys, p))
            p += n + n * TagSet.count
        }
        func row(_ stage: Int, _ r: Int) -> SIMD16<Float> {
            let exponents = stages[stage].exponents
            let scale = pow(2, Float(Int8(bitPattern: bytes[exponents + r])) / 8)
            let weights = exponents + stages[stage].keys.count + r * TagSet.count
            var w = SIMD16<Float>.zero
            for t in 0..<TagSet.count { w[t] = Float(Int8(bitPattern: bytes[weights + t])) * scale }
            return w
        }
        var tagger: NERTagger
        if stages.count == 2 {
            tagger = NERTagger(stages: [], window: window)
            tagger.paired = PairedTable(stages[0].keys, stages[1].keys, row: row)
        } else {
            let keys = stages[0].keys
            tagger = NERTagger(stages: [TagModel(table: keys.indices.map { (keys[$0], row(0, $0)) })], window: window)
        }
        let lexiconCount = Int(try u32())
        tagger.lexiconMaxLength = Int(try u32())
        for _ in 0..<lexiconCount {
            let lo = UInt64(try u32())
            let hi = UInt64(try u32())
            tagger.lexicon[hi << 32 | lo] = try u32()
        }
        return tagger
    }
}
