import KafkaClient
import Testing
import W3CTraceContext

@testable import StageRuntime

@Suite struct TraceHeadersTests {
    private func parts(_ headers: [KafkaHeader]) throws -> [Substring] {
        try #require(headers.text(TraceHeaders.parent)).split(separator: "-")
    }

    @Test func aStageKeepsTheTraceAndStartsASpanOfItsOwn() throws {
        var ids = TraceIDGenerator()
        let input = [
            KafkaHeader(name: TraceHeaders.parent, text: "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
            KafkaHeader(name: "other", text: "kept"),
        ]
        let (headers, traceID) = TraceHeaders.continued(input, using: &ids)
        let output = try parts(headers)
        #expect(traceID.description == "0af7651916cd43dd8448eb211c80319c")
        #expect(output[1] == "0af7651916cd43dd8448eb211c80319c")
        #expect(output[2] != "b7ad6b7169203331" && output[2].count == 16)
        #expect(headers.text("other") == "kept")
        #expect(headers.filter { $0.name == TraceHeaders.parent }.count == 1)
    }

    @Test func recordsWithoutATraceGetDistinctNewOnes() throws {
        var ids = TraceIDGenerator()
        var traces = Set<String>()
        var spans = Set<Substring>()
        for _ in 0..<1_000 {
            let (headers, traceID) = TraceHeaders.continued([], using: &ids)
            traces.insert(traceID.description)
            spans.insert(try parts(headers)[2])
        }
        #expect(traces.count == 1_000 && spans.count == 1_000)
        // Two lanes seeded separately do not repeat each other's ids.
        var other = TraceIDGenerator()
        #expect(!traces.contains(TraceHeaders.continued([], using: &other).traceID.description))
    }

    @Test func theTraceParentIsSpelledAsTheLibrarySpellsIt() {
        var ids = TraceIDGenerator()
        for flags in [TraceFlags.sampled, TraceFlags(rawValue: 0), TraceFlags(rawValue: 0xA5)] {
            for _ in 0..<100 {
                let context = TraceContext(traceID: .random(using: &ids), spanID: .random(using: &ids), flags: flags, state: TraceState())
                #expect(TraceHeaders.traceParent(of: context) == Array(context.traceParentHeaderValue.utf8))
            }
        }
    }
}
