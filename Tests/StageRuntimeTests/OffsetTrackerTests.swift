import KafkaClient
import Testing

@testable import StageRuntime

@Suite struct OffsetTrackerTests {
    @Test func anOffsetIsStoredOnlyOnceEveryEarlierRecordOfItsPartitionIsDone() {
        var tracker = OffsetTracker()
        for offset in Int64(10)...13 { tracker.begin(topic: "t", partition: 0, offset: offset) }
        #expect(tracker.complete(topic: "t", partition: 0, offset: 12) == nil)
        #expect(tracker.complete(topic: "t", partition: 0, offset: 11) == nil)
        #expect(tracker.complete(topic: "t", partition: 0, offset: 10) == TopicPartitionOffset(topic: "t", partition: 0, offset: 13))
        #expect(tracker.inFlight == 1)
        #expect(tracker.complete(topic: "t", partition: 0, offset: 13) == TopicPartitionOffset(topic: "t", partition: 0, offset: 14))
        #expect(tracker.inFlight == 0)
    }

    @Test func partitionsAdvanceIndependently() {
        var tracker = OffsetTracker()
        tracker.begin(topic: "t", partition: 0, offset: 5)
        tracker.begin(topic: "t", partition: 1, offset: 7)
        #expect(tracker.complete(topic: "t", partition: 1, offset: 7)?.offset == 8)
        #expect(tracker.complete(topic: "t", partition: 0, offset: 5)?.offset == 6)
    }

    @Test func partitionsOfTopicsWithNamesOfOneLengthAreKeptApart() {
        var tracker = OffsetTracker()
        tracker.begin(topic: "articles.a", partition: 3, offset: 40)
        tracker.begin(topic: "articles.b", partition: 3, offset: 7)
        tracker.begin(topic: "articles.b", partition: 3, offset: 8)
        #expect(tracker.complete(topic: "articles.b", partition: 3, offset: 7)?.offset == 8)
        #expect(tracker.complete(topic: "articles.a", partition: 3, offset: 40)?.offset == 41)
        #expect(tracker.inFlight == 1)
        #expect(
            tracker.takeReady() == [
                TopicPartitionOffset(topic: "articles.a", partition: 3, offset: 41),
                TopicPartitionOffset(topic: "articles.b", partition: 3, offset: 8),
            ]
        )
        #expect(tracker.complete(topic: "articles.b", partition: 3, offset: 8)?.offset == 9)
    }

    @Test func aRevokedPartitionIsForgottenAndItsLateAcknowledgementsIgnored() {
        var tracker = OffsetTracker()
        tracker.begin(topic: "t", partition: 0, offset: 1)
        tracker.begin(topic: "t", partition: 0, offset: 2)
        _ = tracker.complete(topic: "t", partition: 0, offset: 2)
        tracker.forget([TopicPartitionOffset(topic: "t", partition: 0, offset: 0)])
        #expect(tracker.inFlight == 0)
        #expect(tracker.complete(topic: "t", partition: 0, offset: 1) == nil)
        #expect(tracker.inFlight == 0)
    }

    @Test func aLongRunKeepsItsMemoryBounded() {
        var tracker = OffsetTracker()
        for offset in Int64(0)..<5_000 {
            tracker.begin(topic: "t", partition: 0, offset: offset)
            #expect(tracker.complete(topic: "t", partition: 0, offset: offset)?.offset == offset + 1)
        }
        #expect(tracker.inFlight == 0)
    }

    @Test func dropsDoneOffsetsFromItsListWithoutLosingTheOnesStillPending() {
        var tracker = OffsetTracker()
        for offset in Int64(0)..<3_000 { tracker.begin(topic: "t", partition: 0, offset: offset) }
        // Past 1,024 done from the front, the list is compacted while 1,000 remain pending, one of them done.
        #expect(tracker.complete(topic: "t", partition: 0, offset: 2_500) == nil)
        for offset in Int64(0)..<2_000 {
            #expect(tracker.complete(topic: "t", partition: 0, offset: offset)?.offset == offset + 1)
        }
        #expect(tracker.inFlight == 999)
        #expect(tracker.takeReady() == [TopicPartitionOffset(topic: "t", partition: 0, offset: 2_000)])
        for offset in Int64(2_000)..<2_500 { _ = tracker.complete(topic: "t", partition: 0, offset: offset) }
        #expect(tracker.takeReady() == [TopicPartitionOffset(topic: "t", partition: 0, offset: 2_501)])
        for offset in Int64(2_501)..<3_000 { _ = tracker.complete(topic: "t", partition: 0, offset: offset) }
        #expect(tracker.inFlight == 0)
        #expect(tracker.takeReady() == [TopicPartitionOffset(topic: "t", partition: 0, offset: 3_000)])
    }

    @Test func anAcknowledgementOfNoRecordInFlightChangesNothing() {
        var tracker = OffsetTracker()
        for offset in Int64(20)..<24 { tracker.begin(topic: "t", partition: 0, offset: offset) }
        #expect(tracker.complete(topic: "t", partition: 0, offset: 22) == nil)
        // The same acknowledgement twice, and offsets this worker never read, before and after its own.
        #expect(tracker.complete(topic: "t", partition: 0, offset: 22) == nil)
        for offset: Int64 in [5, 19, 24, 99] { #expect(tracker.complete(topic: "t", partition: 0, offset: offset) == nil) }
        #expect(tracker.inFlight == 3)
        #expect(tracker.complete(topic: "t", partition: 0, offset: 20)?.offset == 21)
        #expect(tracker.complete(topic: "t", partition: 0, offset: 21)?.offset == 23)
        #expect(tracker.complete(topic: "t", partition: 0, offset: 23)?.offset == 24)
        #expect(tracker.inFlight == 0)
    }
}
