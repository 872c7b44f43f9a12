public import KafkaClient
import W3CTraceContext

/// W3C trace context on Kafka headers: each stage continues the trace of its input with a span of its own.
public enum TraceHeaders {
    /// The `traceparent` (and `tracestate`) header names.
    public static let parent = "traceparent"
    public static let state = "tracestate"

    /// A new trace, for a message that starts one (`newsline push`): the header and the trace id.
    public static func start() -> (headers: [KafkaHeader], traceID: String) {
        let context = TraceContext(traceID: .random(), spanID: .random(), flags: .sampled, state: TraceState())
        return ([KafkaHeader(name: parent, text: context.traceParentHeaderValue)], context.traceID.description)
    }

    /// The input's headers with its trace continued by a new span (a new trace when it had none or an
    /// invalid one), and that trace's id for the logs. Given `last`, a header of that name is dropped from the
    /// input's and `last` ends the list: a stage builds its outputs' headers in one array.
    static func continued(
        _ headers: [KafkaHeader],
        last: KafkaHeader? = nil,
        using ids: inout some RandomNumberGenerator
    ) -> (headers: [KafkaHeader], traceID: TraceID) {
        let parentContext = headers.text(parent).flatMap {
            try? TraceContext(traceParentHeaderValue: $0, traceStateHeaderValue: headers.text(state))
        }
        let child = TraceContext(
            traceID: parentContext?.traceID ?? .random(using: &ids),
            spanID: .random(using: &ids),
            flags: parentContext?.flags ?? .sampled,
            state: parentContext?.state ?? TraceState()
        )
        var result: [KafkaHeader] = []
        result.reserveCapacity(headers.count + 3)
        for header in headers where header.name != parent && header.name != state && header.name != last?.name {
            result.append(header)
        }
        result.append(KafkaHeader(name: parent, value: traceParent(of: child)))
        if let stateValue = child.traceStateHeaderValue, !stateValue.isEmpty {
            result.append(KafkaHeader(name: state, text: stateValue))
        }
        if let last { result.append(last) }
        return (result, child.traceID)
    }

    /// The `traceparent` value of `context`, as `TraceContext.traceParentHeaderValue` spells it, written straight
    /// into bytes: every record a stage processes gets one, and the library's goes through string interpolation.
    static func traceParent(of context: TraceContext) -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(55)
        bytes.append(contentsOf: [UInt8(ascii: "0"), UInt8(ascii: "0"), UInt8(ascii: "-")])
        withUnsafeBytes(of: context.traceID.bytes) { appendHex($0, to: &bytes) }
        bytes.append(UInt8(ascii: "-"))
        withUnsafeBytes(of: context.spanID.bytes) { appendHex($0, to: &bytes) }
        bytes.append(UInt8(ascii: "-"))
        withUnsafeBytes(of: context.flags.rawValue) { appendHex($0, to: &bytes) }
        return bytes
    }

    /// Two lowercase hex digits a byte.
    private static func appendHex(_ raw: UnsafeRawBufferPointer, to bytes: inout [UInt8]) {
        for byte in raw {
            bytes.append(hexDigits[Int(byte >> 4)])
            bytes.append(hexDigits[Int(byte & 0x0F)])
        }
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)
}

/// Random trace and span ids for one processing lane: seeded once from the system's generator, then SplitMix64
/// (Steele, Lea and Flood, 2014). Ids must be unique, not secret; a system call for each one cost a stage about a
/// microsecond a record.
struct TraceIDGenerator: RandomNumberGenerator {
    private var state: UInt64

    init() {
        var system = SystemRandomNumberGenerator()
        state = system.next()
    }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }
}
