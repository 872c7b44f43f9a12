import Testing

@testable import StageRuntime

@Suite struct DurationTextTests {
    @Test(arguments: [
        ("45s", 45.0), ("1h30m", 5_400), ("2d", 172_800), ("1.5h", 5_400), ("500ms", 0.5), ("1m500ms", 60.5),
        ("2m", 120), ("0s", 0), ("1H30M", 5_400), ("PT1H30M", 5_400), ("P1DT12H", 129_600), ("P2W", 1_209_600),
        ("pt15m", 900), ("PT0.5S", 0.5),
    ])
    func aDurationWithItsUnitsIsItsSeconds(_ text: String, _ seconds: Double) {
        #expect(DurationText.seconds(text) == seconds)
    }

    /// Not durations: a number without its unit (an offset, where an option takes both), a sign, ISO 8601 months and
    /// years (no fixed length), units out of place, and an ISO 8601 text that names no time.
    @Test(arguments: ["", "30", "-30m", "+30m", "P1M", "P1Y", "PT1MS", "10sec", "1.5.5h", "m", "h1", "1 h", "P", "PT", "P1DT", "1e3s"])
    func anythingElseIsNotADuration(_ text: String) {
        #expect(DurationText.seconds(text) == nil)
    }
}
