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
        var child: TraceContext
        if let value = headers.text(parent),
            let context = try? TraceContext(traceParentHeaderValue: value, traceStateHeaderValue: headers.text(state))
        {
            child = context
            child = TraceContext(traceID: context.traceID, spanID: .random(), flags: context.flags, state: context.state)
        } else {
            child = TraceContext(traceID: .random(), spanID: .random(), flags: .sampled, state: TraceState())
        }
        var result = headers.filter { $0.name != parent && $0.name != state }
        result.append(KafkaHeader(name: parent, text: child.traceParentHeaderValue))
        if let stateValue = child.traceStateHeaderValue, !stateValue.isEmpty {
            result.append(KafkaHeader(name: state, text: stateValue))
        }
        return (result, child.traceID.description)
    }
}
