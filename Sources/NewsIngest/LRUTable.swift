/// A fixed-capacity map from id fingerprint to content fingerprint with least-recently-used
/// eviction: a dictionary into a flat array of slots threaded on a doubly linked recency list.
/// Every operation is O(1).
struct LRUTable {
    private struct Slot {
        var key: UInt64
        var hash: ContentFingerprint
        var newer: Int32
        var older: Int32
    }

    private static let none: Int32 = -1

    let capacity: Int
    private var index: [UInt64: Int32] = [:]
    private var slots: [Slot] = []
    private var free: [Int32] = []
    private var newest = LRUTable.none
    private var oldest = LRUTable.none

    init(capacity: Int) {
        self.capacity = capacity
    }

    var count: Int { index.count }

    /// The remembered hash for `key`, marking it most recently used.
    mutating func hash(for key: UInt64) -> ContentFingerprint? {
        guard let slot = index[key] else { return nil }
        moveToNewest(slot)
        return slots[Int(slot)].hash
    }

    /// Remembers `key` → `hash` as the most recently used entry, evicting the oldest when full.
    mutating func insert(_ key: UInt64, hash: ContentFingerprint) {
        if let slot = index[key] {
            slots[Int(slot)].hash = hash
            moveToNewest(slot)
            return
        }
        if index.count >= capacity {
            remove(slots[Int(oldest)].key)
        }
        let slot: Int32
        let entry = Slot(key: key, hash: hash, newer: Self.none, older: Self.none)
        if let reused = free.popLast() {
            slot = reused
            slots[Int(slot)] = entry
        } else {
            slot = Int32(slots.count)
            slots.append(entry)
        }
        index[key] = slot
        linkAsNewest(slot)
    }

    /// Forgets `key`.
    mutating func remove(_ key: UInt64) {
        guard let slot = index.removeValue(forKey: key) else { return }
        unlink(slot)
        free.append(slot)
    }

    private mutating func moveToNewest(_ slot: Int32) {
        guard slot != newest else { return }
        unlink(slot)
        linkAsNewest(slot)
    }

    private mutating func linkAsNewest(_ slot: Int32) {
        slots[Int(slot)].older = newest
        slots[Int(slot)].newer = Self.none
        if newest != Self.none { slots[Int(newest)].newer = slot }
        newest = slot
        if oldest == Self.none { oldest = slot }
    }

    private mutating func unlink(_ slot: Int32) {
        let (newer, older) = (slots[Int(slot)].newer, slots[Int(slot)].older)
        if newer != Self.none { slots[Int(newer)].older = older } else { newest = older }
        if older != Self.none { slots[Int(older)].newer = newer } else { oldest = newer }
    }
}
