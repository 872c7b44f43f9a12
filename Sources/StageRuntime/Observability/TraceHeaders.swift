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
        // One pass: the other headers are kept in order, the last `traceparent` is the one read.
        var result: [KafkaHeader] = []
        result.reserveCapacity(headers.count + 3)
        var parentIndex: Int?
        var hasState = false
        for (index, header) in headers.enumerated() {
            if header.isNamed(parent) {
                parentIndex = index
            } else if header.isNamed(state) {
                hasState = true
            } else if let last, header.isNamed(last.name) {
                continue
            } else {
                result.append(header)
            }
        }
        let parentContext: TraceContext?
        if hasState {
            // Rare: the library reads the pair, and a malformed trace state starts a new trace as it says.
            parentContext = headers.text(parent).flatMap {
                try? TraceContext(traceParentHeaderValue: $0, traceStateHeaderValue: headers.text(state))
            }
        } else {
            parentContext = parentIndex.flatMap { headers[$0].value }.flatMap(traceContext(parsing:))
        }
        let child = TraceContext(
            traceID: parentContext?.traceID ?? .random(using: &ids),
            spanID: .random(using: &ids),
            flags: parentContext?.flags ?? .sampled,
            state: parentContext?.state ?? TraceState()
        )
        result.append(KafkaHeader(name: parent, value: traceParent(of: child)))
        if let stateValue = child.traceStateHeaderValue, !stateValue.isEmpty {
            result.append(KafkaHeader(name: state, text: stateValue))
        }
        if let last { result.append(last) }
        return (result, child.traceID)
    }

    /// A `traceparent` value read from its bytes, by the rules `TraceContext(traceParentHeaderValue:)` applies
    /// (version 00, 55 bytes, lowercase hex, trace and span ids not all zero), without making strings of the
    /// header: every record a stage processes has one. `nil` where the library would throw.
    static func traceContext(parsing value: [UInt8]) -> TraceContext? {
        value.withUnsafeBufferPointer { bytes -> TraceContext? in
            guard bytes.count == 55, bytes[0] == UInt8(ascii: "0"), bytes[1] == UInt8(ascii: "0"),
                bytes[2] == UInt8(ascii: "-"), bytes[35] == UInt8(ascii: "-"), bytes[52] == UInt8(ascii: "-")
            else { return nil }
            var traceBytes = TraceID.null.bytes
            var spanBytes = SpanID.null.bytes
            var flags: UInt8 = 0
            guard withUnsafeMutableBytes(of: &traceBytes, { readHex(bytes, from: 3, into: $0) }),
                withUnsafeMutableBytes(of: &spanBytes, { readHex(bytes, from: 36, into: $0) }),
                withUnsafeMutableBytes(of: &flags, { readHex(bytes, from: 53, into: $0) })
            else { return nil }
            let traceID = TraceID(bytes: traceBytes)
            let spanID = SpanID(bytes: spanBytes)
            guard traceID != .null, spanID != .null else { return nil }
            return TraceContext(traceID: traceID, spanID: spanID, flags: TraceFlags(rawValue: flags), state: TraceState())
        }
    }

    /// Reads `target.count` bytes written as two lowercase hex digits each, from `start`; `false` at any other byte.
    private static func readHex(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, into target: UnsafeMutableRawBufferPointer) -> Bool {
        var position = start
        for index in target.indices {
            guard let high = hexValue(bytes[position]), let low = hexValue(bytes[position + 1]) else { return false }
            target[index] = high << 4 | low
            position += 2
        }
        return true
    }

    @inline(__always)
    private static func hexValue(_ digit: UInt8) -> UInt8? {
        switch digit {
        case UInt8(ascii: "0")...UInt8(ascii: "9"): digit &- UInt8(ascii: "0")
        case UInt8(ascii: "a")...UInt8(ascii: "f"): digit &- UInt8(ascii: "a") &+ 10
        default: nil
        }
    }

    /// The `traceparent` value of `context`, as `TraceContext.traceParentHeaderValue` spells it, written straight
    /// into bytes: every record a stage processes gets one, and the library's goes through string interpolation.
    static func traceParent(of context: TraceContext) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: 55) { buffer, initialized in
            buffer[0] = UInt8(ascii: "0")
            buffer[1] = UInt8(ascii: "0")
            buffer[2] = UInt8(ascii: "-")
            withUnsafeBytes(of: context.traceID.bytes) { writeHex($0, into: buffer, at: 3) }
            buffer[35] = UInt8(ascii: "-")
            withUnsafeBytes(of: context.spanID.bytes) { writeHex($0, into: buffer, at: 36) }
            buffer[52] = UInt8(ascii: "-")
            withUnsafeBytes(of: context.flags.rawValue) { writeHex($0, into: buffer, at: 53) }
            initialized = 55
        }
    }

    /// Two lowercase hex digits a byte, written from `start`.
    @inline(__always)
    private static func writeHex(_ raw: UnsafeRawBufferPointer, into buffer: UnsafeMutableBufferPointer<UInt8>, at start: Int) {
        var position = start
        for byte in raw {
            buffer[position] = hexDigit(byte >> 4)
            buffer[position + 1] = hexDigit(byte & 0x0F)
            position += 2
        }
    }

    @inline(__always)
    private static func hexDigit(_ nibble: UInt8) -> UInt8 {
        nibble < 10 ? UInt8(ascii: "0") &+ nibble : UInt8(ascii: "a") &+ nibble &- 10
    }
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
