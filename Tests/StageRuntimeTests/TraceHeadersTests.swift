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

    /// The stage reads each input's `traceparent` from its bytes: it must take exactly what the library takes, and
    /// give the same trace id and flags.
    @Test func traceParentsAreReadAsTheLibraryReadsThem() {
        var ids = TraceIDGenerator()
        var values: [[UInt8]] = []
        for flags: UInt8 in [0x00, 0x01, 0xA5, 0xFF] {
            for _ in 0..<5 {
                let context = TraceContext(traceID: .random(using: &ids), spanID: .random(using: &ids), flags: TraceFlags(rawValue: flags), state: TraceState())
                values.append(Array(context.traceParentHeaderValue.utf8))
            }
        }
        let valid = values
        // Every byte replaced by a digit, a letter of each case, a delimiter, a space or a byte that is not ASCII.
        let replacements = Array("09afAFgz- x".utf8) + [0x00, 0x80, 0xFF]
        for value in valid {
            for position in value.indices {
                for byte in replacements where byte != value[position] {
                    var changed = value
                    changed[position] = byte
                    values.append(changed)
                }
            }
            values.append(Array(value.dropLast()))
            values.append(value + [UInt8(ascii: "0")])
            values.append(value + Array("-00".utf8))
        }
        let zeros = String(repeating: "0", count: 32)
        for text in [
            "00-\(zeros)-b7ad6b7169203331-01", "00-0af7651916cd43dd8448eb211c80319c-0000000000000000-01",
            "01-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01", "ff-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01",
            "", "00",
        ] {
            values.append(Array(text.utf8))
        }
        var accepted = 0
        var differing: [String] = []
        for value in values {
            let library = String(validating: value, as: UTF8.self).flatMap { try? TraceContext(traceParentHeaderValue: $0) }
            if library != nil { accepted += 1 }
            if TraceHeaders.traceContext(parsing: value) != library {
                differing.append(String(decoding: value, as: UTF8.self))
            }
        }
        #expect(differing.count == 0, "\(differing.count) of \(values.count) differ, e.g. \(differing.prefix(5))")
        // The cases are not all taken or all refused: valid ones and one-digit changes within the hex are taken.
        #expect(accepted > valid.count && accepted < values.count / 2, "\(accepted) of \(values.count) taken")
    }

    /// With a `tracestate`, the trace is continued with its state, and a state the library refuses starts a new trace.
    @Test func aTraceStateIsKeptAndAMalformedOneStartsANewTrace() throws {
        var ids = TraceIDGenerator()
        let parent = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"
        let (kept, keptID) = TraceHeaders.continued(
            [KafkaHeader(name: TraceHeaders.parent, text: parent), KafkaHeader(name: TraceHeaders.state, text: "vendor=value")], using: &ids
        )
        #expect(keptID.description == "0af7651916cd43dd8448eb211c80319c")
        #expect(kept.text(TraceHeaders.state) == "vendor=value")
        let malformed = "no equals sign"
        #expect((try? TraceContext(traceParentHeaderValue: parent, traceStateHeaderValue: malformed)) == nil)
        let (fresh, freshID) = TraceHeaders.continued(
            [KafkaHeader(name: TraceHeaders.parent, text: parent), KafkaHeader(name: TraceHeaders.state, text: malformed)], using: &ids
        )
        #expect(freshID.description != "0af7651916cd43dd8448eb211c80319c")
        #expect(fresh.text(TraceHeaders.state) == nil)
    }
}
