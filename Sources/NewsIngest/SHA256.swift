/// SHA-256 (FIPS 180-4), written here because the package depends on Foundation only.
///
/// Used for content hashes and article ids, not for security; tested against the FIPS vectors.
struct SHA256 {
    private static let roundConstants: [UInt32] = [
        0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
        0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
        0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
        0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
        0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
        0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
        0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
        0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
    ]

    /// The digest of `bytes` as 32 bytes.
    static func digest(_ bytes: some Collection<UInt8>) -> [UInt8] {
        // A native string's UTF-8 and an array are read in place; anything else is copied once.
        if let digest = bytes.withContiguousStorageIfAvailable(digest(contiguous:)) { return digest }
        return Array(bytes).withUnsafeBufferPointer(digest(contiguous:))
    }

    private static func digest(contiguous message: UnsafeBufferPointer<UInt8>) -> [UInt8] {
        var state = State()
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
            // Whole blocks straight from the message, then the tail with the 0x80 byte and the 8-byte length: one
            // block, or two when a tail of 56 bytes or more leaves no room for those nine.
            let wholeBlocks = message.count / 64
            if let base = message.baseAddress {
                for block in 0..<wholeBlocks {
                    state.compress(UnsafeRawPointer(base + block * 64), schedule: schedule)
                }
            }
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { last in
                last.initialize(repeating: 0)
                let tail = UnsafeBufferPointer(rebasing: message[(wholeBlocks * 64)...])
                for (index, byte) in tail.enumerated() { last[index] = byte }
                last[tail.count] = 0x80
                let lastBytes = tail.count < 56 ? 64 : 128
                let bitLength = UInt64(message.count) &* 8
                for index in 0..<8 {
                    last[lastBytes - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * index))
                }
                let base = UnsafeRawPointer(last.baseAddress!)
                state.compress(base, schedule: schedule)
                if lastBytes == 128 { state.compress(base + 64, schedule: schedule) }
            }
        }
        return state.bytes
    }

    /// The eight working words between blocks.
    private struct State {
        var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85, h2: UInt32 = 0x3c6e_f372, h3: UInt32 = 0xa54f_f53a
        var h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c, h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19

        /// Folds the 64-byte block at `block` into the state.
        mutating func compress(_ block: UnsafeRawPointer, schedule: UnsafeMutableBufferPointer<UInt32>) {
            for i in 0..<16 {
                schedule[i] = UInt32(bigEndian: block.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
            }
            for i in 16..<64 {
                let s0 = SHA256.rotate(schedule[i - 15], 7) ^ SHA256.rotate(schedule[i - 15], 18) ^ (schedule[i - 15] >> 3)
                let s1 = SHA256.rotate(schedule[i - 2], 17) ^ SHA256.rotate(schedule[i - 2], 19) ^ (schedule[i - 2] >> 10)
                schedule[i] = schedule[i - 16] &+ s0 &+ schedule[i - 7] &+ s1
            }
            var (a, b, c, d, e, f, g, h) = (h0, h1, h2, h3, h4, h5, h6, h7)
            SHA256.roundConstants.withUnsafeBufferPointer { constants in
                for i in 0..<64 {
                    let sum1 = SHA256.rotate(e, 6) ^ SHA256.rotate(e, 11) ^ SHA256.rotate(e, 25)
                    let choice = (e & f) ^ (~e & g)
                    let temp1 = h &+ sum1 &+ choice &+ constants[i] &+ schedule[i]
                    let sum0 = SHA256.rotate(a, 2) ^ SHA256.rotate(a, 13) ^ SHA256.rotate(a, 22)
                    let majority = (a & b) ^ (a & c) ^ (b & c)
                    let temp2 = sum0 &+ majority
                    (h, g, f, e, d, c, b, a) = (g, f, e, d &+ temp1, c, b, a, temp1 &+ temp2)
                }
            }
            h0 &+= a
            h1 &+= b
            h2 &+= c
            h3 &+= d
            h4 &+= e
            h5 &+= f
            h6 &+= g
            h7 &+= h
        }

        /// The digest: the words, big-endian.
        var bytes: [UInt8] {
            [h0, h1, h2, h3, h4, h5, h6, h7].flatMap { word in
                (0..<4).map { UInt8(truncatingIfNeeded: word >> (24 - 8 * UInt32($0))) }
            }
        }
    }

    /// The digest of the UTF-8 bytes of `text` as 64 lowercase hex digits.
    static func hex(_ text: String) -> String {
        hex(digest(text.utf8))
    }

    /// Lowercase hex of `bytes`.
    static func hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var output = [UInt8]()
        output.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            output.append(digits[Int(byte >> 4)])
            output.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: output, as: UTF8.self)
    }

    fileprivate static func rotate(_ value: UInt32, _ count: UInt32) -> UInt32 {
        (value >> count) | (value << (32 - count))
    }
}
