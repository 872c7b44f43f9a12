import Foundation
import NewsSchema
import Testing

@Suite struct NewsJSONDateTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (1_796_072_400.123, "2026-11-30T21:00:00.123Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),
        (-1.0, "1969-12-31T23:59:59.000Z"),
        (4_107_542_399.999, "2100-02-28T23:59:59.999Z"),
    ])
    func formatsUTCWithMilliseconds(seconds: Double, text: String) {
        #expect(NewsJSON.formatDate(Date(timeIntervalSince1970: seconds)) == text)
        #expect(NewsJSON.parseDate(text).map(NewsJSON.formatDate) == text)
    }

    /// Years of other than four digits are padded or widened, and a year before 1 BC keeps its sign.
    @Test(arguments: [
        (-30_610_224_001.75, "0999-12-31T23:59:58.250Z"),
        (-62_167_219_200.0, "0000-01-01T00:00:00.000Z"),
        (-62_198_755_200.0, "-0001-01-01T00:00:00.000Z"),
        (253_402_300_800.0, "10000-01-01T00:00:00.000Z"),
    ])
    func formatsYearsOutsideFourDigits(seconds: Double, text: String) {
        #expect(NewsJSON.formatDate(Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func roundsToTheNearestMillisecond() {
        #expect(NewsJSON.formatDate(Date(timeIntervalSince1970: 1.0006)) == "1970-01-01T00:00:01.001Z")
        #expect(NewsJSON.formatDate(Date(timeIntervalSince1970: 59.9999)) == "1970-01-01T00:01:00.000Z")
    }

    @Test(arguments: [
        ("2026-11-30T21:00:00Z", "2026-11-30T21:00:00.000Z"),
        ("2026-11-30T21:00:00.1Z", "2026-11-30T21:00:00.100Z"),
        ("2026-11-30T21:00:00.123456789Z", "2026-11-30T21:00:00.123Z"),
        ("2026-11-30T23:00:00.000+02:00", "2026-11-30T21:00:00.000Z"),
        ("2026-11-30T16:00:00-0500", "2026-11-30T21:00:00.000Z"),
    ])
    func parsesFractionsAndOffsets(text: String, canonical: String) throws {
        let date = try #require(NewsJSON.parseDate(text))
        #expect(NewsJSON.formatDate(date) == canonical)
    }

    @Test(arguments: [
        "", "2026-11-30", "2026-11-30T21:00:00", "2026-13-01T00:00:00Z", "2026-02-29T00:00:00Z",
        "2026-11-30T24:00:00Z", "2026-11-30T21:00:00.Z", "2026-11-30T21:00:00Zjunk", "yesterday",
    ])
    func rejectsMalformedTimes(text: String) {
        #expect(NewsJSON.parseDate(text) == nil)
    }

    @Test func submittedAtHeaderIsMillisecondsSinceTheEpoch() {
        let date = Date(timeIntervalSince1970: 1_796_072_400.123)
        #expect(Headers.millisecondsText(date) == "1796072400123")
        #expect(
            Headers.date(fromMillisecondsText: "1796072400123").map(NewsJSON.formatDate) == "2026-11-30T21:00:00.123Z"
        )
        #expect(Headers.date(fromMillisecondsText: "12a") == nil)
    }
}
