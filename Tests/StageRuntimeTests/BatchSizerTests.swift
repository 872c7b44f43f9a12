import Testing

@testable import StageRuntime

@Suite struct BatchSizerTests {
    @Test func fastRecordsFillTheCeiling() {
        var sizer = BatchSizer(ceiling: 64, first: 64, budget: .milliseconds(500))
        #expect(sizer.limit == 64)
        sizer.processed(64, in: .milliseconds(2))
        #expect(sizer.limit == 64)
    }

    @Test func slowRecordsShrinkTheBatchToWhatFitsTheBudget() {
        var sizer = BatchSizer(ceiling: 64, first: 64, budget: .milliseconds(500))
        sizer.processed(64, in: .seconds(6.4))
        #expect(sizer.limit == 5)
    }

    @Test func aRecordSlowerThanTheBudgetStillLeavesOneRecordPerBatch() {
        var sizer = BatchSizer(ceiling: 64, first: 64, budget: .milliseconds(500))
        sizer.processed(2, in: .seconds(3))
        #expect(sizer.limit == 1)
    }

    @Test func theLimitRecoversOnceRecordsAreFastAgain() {
        var sizer = BatchSizer(ceiling: 1_000, first: 1_000, budget: .milliseconds(500))
        sizer.processed(10, in: .seconds(2))
        #expect(sizer.limit == 2)
        sizer.processed(2, in: .milliseconds(1))
        #expect(sizer.limit == 1_000)
    }

    @Test func theFirstBatchTakesNoMoreThanItsOwnLimitUntilThePaceIsKnown() {
        var sizer = BatchSizer(ceiling: 256, first: 64, budget: .milliseconds(500))
        #expect(sizer.limit == 64)
        sizer.processed(0, in: .zero)
        #expect(sizer.limit == 64)
        sizer.processed(64, in: .milliseconds(1))
        #expect(sizer.limit == 256)
        #expect(BatchSizer(ceiling: 16, first: 64, budget: .milliseconds(500)).limit == 16)
    }

    @Test func anEmptyBatchTeachesNothing() {
        var sizer = BatchSizer(ceiling: 64, first: 64, budget: .milliseconds(500))
        sizer.processed(64, in: .seconds(6.4))
        sizer.processed(0, in: .zero)
        #expect(sizer.limit == 5)
    }
}
