internal import CRdKafka

extension KafkaError {
    /// Converts a librdkafka response code into a `KafkaError`.
    static func rdKafka(
        _ err: rd_kafka_resp_err_t,
        _ context: String,
        file: String = #fileID,
        line: Int = #line
    ) -> KafkaError {
        let code: Code
        switch err {
        case RD_KAFKA_RESP_ERR__QUEUE_FULL: code = .queueFull
        case RD_KAFKA_RESP_ERR__TIMED_OUT: code = .timeout
        case RD_KAFKA_RESP_ERR__UNKNOWN_TOPIC, RD_KAFKA_RESP_ERR_UNKNOWN_TOPIC_OR_PART,
            RD_KAFKA_RESP_ERR__UNKNOWN_PARTITION:
            code = .unknownTopic
        case RD_KAFKA_RESP_ERR__DESTROY: code = .shutdown
        default: code = .broker
        }
        let retriable =
            err == RD_KAFKA_RESP_ERR__QUEUE_FULL || err == RD_KAFKA_RESP_ERR__TIMED_OUT
            || err == RD_KAFKA_RESP_ERR__TRANSPORT || err == RD_KAFKA_RESP_ERR__ALL_BROKERS_DOWN
            || err == RD_KAFKA_RESP_ERR_REQUEST_TIMED_OUT || err == RD_KAFKA_RESP_ERR_NOT_LEADER_FOR_PARTITION
            || err == RD_KAFKA_RESP_ERR_LEADER_NOT_AVAILABLE || err == RD_KAFKA_RESP_ERR_NOT_COORDINATOR
            || err == RD_KAFKA_RESP_ERR_COORDINATOR_LOAD_IN_PROGRESS
            || err == RD_KAFKA_RESP_ERR_COORDINATOR_NOT_AVAILABLE
        let fatal =
            err == RD_KAFKA_RESP_ERR__FATAL || err == RD_KAFKA_RESP_ERR__AUTHENTICATION
            || err == RD_KAFKA_RESP_ERR_SASL_AUTHENTICATION_FAILED
            || err == RD_KAFKA_RESP_ERR_TOPIC_AUTHORIZATION_FAILED
            || err == RD_KAFKA_RESP_ERR_GROUP_AUTHORIZATION_FAILED
            || err == RD_KAFKA_RESP_ERR__SSL
        // A context holding librdkafka's own message often ends with the code's text already.
        let text = String(cString: rd_kafka_err2str(err))
        return KafkaError(
            code: code,
            reason: context.hasSuffix(text) ? context : "\(context): \(text)",
            rdKafkaCode: err.rawValue,
            rdKafkaName: String(cString: rd_kafka_err2name(err)),
            isRetriable: retriable,
            isFatal: fatal,
            file: file,
            line: line
        )
    }

    /// Converts (and destroys) a librdkafka error object.
    static func rdKafka(
        consuming error: OpaquePointer,
        _ context: String,
        file: String = #fileID,
        line: Int = #line
    ) -> KafkaError {
        defer { rd_kafka_error_destroy(error) }
        let err = rd_kafka_error_code(error)
        return KafkaError(
            code: .transaction,
            reason: "\(context): \(String(cString: rd_kafka_error_string(error)))",
            rdKafkaCode: err.rawValue,
            rdKafkaName: String(cString: rd_kafka_err2name(err)),
            isRetriable: rd_kafka_error_is_retriable(error) != 0,
            isFatal: rd_kafka_error_is_fatal(error) != 0,
            requiresAbort: rd_kafka_error_txn_requires_abort(error) != 0,
            file: file,
            line: line
        )
    }
}
