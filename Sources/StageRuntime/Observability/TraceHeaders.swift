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
    /// invalid one), and that trace's id for the logs.
    static func continued(_ headers: [KafkaHeader]) -> (headers: [KafkaHeader], traceID: String) {
        let parentContext = headers.text(parent).flatMap {
            try? TraceContext(traceParentHeaderValue: $0, traceStateHeaderValue: headers.text(state))
        }
        let child = TraceContext(
            traceID: parentContext?.traceID ?? .random(),
            spanID: .random(),
            flags: parentContext?.flags ?? .sampled,
            state: parentContext?.state ?? TraceState()
        )
        var result = headers.filter { $0.name != parent && $0.name != state }
        result.append(KafkaHeader(name: parent, text: child.traceParentHeaderValue))
        if let stateValue = child.traceStateHeaderValue, !stateValue.isEmpty {
            result.append(KafkaHeader(name: state, text: stateValue))
        }
        return (result, child.traceID.description)
    }
}
