import NewsIngest
import Testing

@Suite struct RecentlySeenTests {
    @Test func exactRePushIsADuplicateAndAChangedArticleReplaces() {
        let seen = RecentlySeen()
        #expect(seen.insert(id: "a-1", contentHash: "h1") == .new)
        #expect(seen.insert(id: "a-1", contentHash: "h1") == .duplicate)
        #expect(seen.contains(id: "a-1", contentHash: "h1"))
        #expect(seen.insert(id: "a-1", contentHash: "h2") == .changed)
        #expect(!seen.contains(id: "a-1", contentHash: "h1"))
        #expect(seen.insert(id: "a-1", contentHash: "h2") == .duplicate)
        #expect(seen.count == 1)
    }

    @Test func leastRecentlyUsedIsEvictedAtCapacity() {
        let seen = RecentlySeen(capacity: 2)
        seen.insert(id: "a", contentHash: "1")
        seen.insert(id: "b", contentHash: "1")
        #expect(seen.contains(id: "a", contentHash: "1"))  // a is now more recent than b
        seen.insert(id: "c", contentHash: "1")  // evicts b
        #expect(seen.count == 2)
        #expect(!seen.contains(id: "b", contentHash: "1"))
        #expect(seen.contains(id: "a", contentHash: "1"))
        #expect(seen.contains(id: "c", contentHash: "1"))
        #expect(seen.insert(id: "b", contentHash: "1") == .new)  // evicts a (c was touched after it)
        #expect(seen.insert(id: "a", contentHash: "1") == .new)
    }

    @Test func removedArticleIsNewAgainAndItsSlotIsReused() {
        let seen = RecentlySeen(capacity: 3)
        seen.insert(id: "a", contentHash: "1")
        seen.insert(id: "b", contentHash: "1")
        seen.remove(id: "a")
        seen.remove(id: "missing")
        #expect(seen.count == 1)
        #expect(seen.insert(id: "a", contentHash: "1") == .new)
        seen.insert(id: "c", contentHash: "1")
        seen.insert(id: "d", contentHash: "1")  // evicts b, the oldest
        #expect(seen.count == 3)
        #expect(seen.insert(id: "b", contentHash: "1") == .new)
    }

    @Test func manyArticlesStayWithinCapacityAndRememberTheNewest() {
        let seen = RecentlySeen(capacity: 1000)
        for index in 0..<5000 {
            seen.insert(id: "a-\(index)", contentHash: "h\(index)")
        }
        #expect(seen.count == 1000)
        #expect((4000..<5000).allSatisfy { seen.contains(id: "a-\($0)", contentHash: "h\($0)") })
        #expect(!(0..<4000).contains { seen.contains(id: "a-\($0)", contentHash: "h\($0)") })
    }

    @Test func capacityIsAtLeastOne() {
        let seen = RecentlySeen(capacity: 0)
        #expect(seen.capacity == 1)
        seen.insert(id: "a", contentHash: "1")
        seen.insert(id: "b", contentHash: "1")
        #expect(seen.count == 1)
    }
}
