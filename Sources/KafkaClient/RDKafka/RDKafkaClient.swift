internal import CRdKafka
import Foundation
import Logging
import Synchronization

/// Callbacks a client receives from librdkafka. Held by the client for its whole life; librdkafka gets an
/// unretained pointer to it as the handle's opaque.
final class RDKafkaCallbacks: Sendable {
    let logger: Logger
    let onError: Mutex<(@Sendable (KafkaError) -> Void)?> = Mutex(nil)
    let onRebalance: Mutex<(@Sendable (RDKafkaClient.RebalanceEvent, [TopicPartitionOffset]) -> Void)?> = Mutex(nil)
    /// Set at a consumer's first assignment, before its rebalance handler runs.
    let assigned = Atomic<Bool>(false)

    init(logger: Logger) {
        self.logger = logger
    }
}

/// A handle passed to the thread that destroys it, its only user from then on.
private struct UncheckedHandle: @unchecked Sendable {
    let pointer: OpaquePointer
}

/// Owns one `rd_kafka_t` handle.
final class RDKafkaClient: @unchecked Sendable {
    enum Kind { case producer, consumer }
    enum RebalanceEvent { case assign, revoke, error(KafkaError) }


    /// The handle: `rd_kafka_t *`. Valid until `deinit`.
    let handle: OpaquePointer
    let callbacks: RDKafkaCallbacks
    let kind: Kind
    /// Set once a consumer close gave up waiting: destroying the handle must not start (and wait for) another.
    let skipsConsumerCloseOnDestroy = Atomic<Bool>(false)
    /// Set while destroying the handle would abort the process; see ``RDKafkaConsumerClient/subscribe(topics:)``.
    let destroyWouldAbort = Atomic<Bool>(false)
    /// `bootstrap.servers`, named when the cluster does not answer.
    let bootstrapServers: String

    init(
        kind: Kind,
        properties: [String: String],
        logger: Logger,
        configure: (OpaquePointer) -> Void = { _ in }
    ) throws(KafkaError) {
        let conf = try RDKafkaConfig.make(properties)
        let callbacks = RDKafkaCallbacks(logger: logger)
        rd_kafka_conf_set_opaque(conf, Unmanaged.passUnretained(callbacks).toOpaque())
        rd_kafka_conf_set_log_cb(conf) { rk, level, facility, message in
            guard let rk, let opaque = rd_kafka_opaque(rk) else { return }
            let callbacks = Unmanaged<RDKafkaCallbacks>.fromOpaque(opaque).takeUnretainedValue()
            let text = message.map { String(cString: $0) } ?? ""
            let facilityText = facility.map { String(cString: $0) } ?? ""
            // syslog levels: 0-3 error, 4 warning, 5-6 info/notice, 7 debug.
            var logLevel: Logger.Level =
                switch level {
                case ...3: .error
                case 4: .warning
                case 5, 6: .info
                default: .debug
                }
            // One property set serves a worker's consumer and producer: each ignores the other's keys.
            if facilityText == "CONFWARN", text.contains("will be ignored by this") { logLevel = .debug }
            // A broker connection failure comes twice: this line, and the same text as a transport error through
            // the error callback, which the owner handles (or which is logged as a warning below). One is enough.
            if facilityText == "FAIL" { logLevel = .debug }
            callbacks.logger.log(level: logLevel, "librdkafka: \(text)", metadata: ["rdkafka.facility": "\(facilityText)"])
        }
        rd_kafka_conf_set_error_cb(conf) { rk, err, reason, opaque in
            guard let opaque else { return }
            let callbacks = Unmanaged<RDKafkaCallbacks>.fromOpaque(opaque).takeUnretainedValue()
            var error = KafkaError.rdKafka(rd_kafka_resp_err_t(err), reason.map { String(cString: $0) } ?? "error")
            if rd_kafka_resp_err_t(err) == RD_KAFKA_RESP_ERR__FATAL, let rk {
                var buffer = [CChar](repeating: 0, count: 512)
                let original = rd_kafka_fatal_error(rk, &buffer, buffer.count)
                error = .rdKafka(original, String(cBuffer: buffer))
                error.isFatal = true
            }
            let handler = callbacks.onError.withLock { $0 }
            if let handler {
                handler(error)
            } else if error.isFatal {
                callbacks.logger.error("\(error)")
            } else {
                callbacks.logger.warning("\(error)")
            }
        }
        configure(conf)

        var errorBuffer = [CChar](repeating: 0, count: 512)
        let type = kind == .producer ? RD_KAFKA_PRODUCER : RD_KAFKA_CONSUMER
        guard let handle = rd_kafka_new(type, conf, &errorBuffer, errorBuffer.count) else {
            rd_kafka_conf_destroy(conf)
            throw KafkaError(code: .configuration, reason: String(cBuffer: errorBuffer))
        }
        self.handle = handle
        self.callbacks = callbacks
        self.kind = kind
        bootstrapServers = properties["bootstrap.servers"] ?? ""
    }

    deinit {
        if destroyWouldAbort.load(ordering: .acquiring), !callbacks.assigned.load(ordering: .acquiring) {
            // The handle is left to the process's exit, and its callbacks with it (its threads still log).
            callbacks.logger.debug("librdkafka: handle not destroyed: its group member never had an assignment (librdkafka issue 4312)")
            _ = Unmanaged.passRetained(callbacks)
            return
        }
        guard skipsConsumerCloseOnDestroy.load(ordering: .acquiring) else {
            rd_kafka_destroy(handle)
            return
        }
        // Even without a close, destroying waits for the group's pending requests (the commit the close started)
        // to end, most of a minute with the coordinator out of reach: that wait goes to a thread of its own. The
        // callbacks stay alive for the handle's last log lines.
        let handle = UncheckedHandle(pointer: handle)
        Thread.detachNewThread { [callbacks] in
            ThreadName.setCurrent("nl:destroy")
            rd_kafka_destroy_flags(handle.pointer, RD_KAFKA_DESTROY_F_NO_CONSUMER_CLOSE)
            withExtendedLifetime(callbacks) {}
        }
    }

    /// Low and high watermarks of a partition, asked of the broker.
    func queryWatermarks(topic: String, partition: Int32, timeoutMilliseconds: Int32) throws(KafkaError) -> Watermarks {
        var low: Int64 = 0
        var high: Int64 = 0
        let err = rd_kafka_query_watermark_offsets(handle, topic, partition, &low, &high, timeoutMilliseconds)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else {
            throw .rdKafka(err, "watermarks of \(topic)[\(partition)]")
        }
        return Watermarks(low: low, high: high)
    }

    /// Topics that exist, with their partition counts; only `topic` when given (none if it does not exist).
    ///
    /// Always a request for every topic: one for a topic by name may create it where the broker creates topics on
    /// first use (the embedded cluster does), so a mistyped name would become a new, empty topic.
    func existingTopics(named topic: String?, timeoutMilliseconds: Int32) throws(KafkaError) -> [TopicMetadata] {
        let all = try metadata(topic: nil, timeoutMilliseconds: timeoutMilliseconds)
        guard let topic else { return all }
        return all.filter { $0.name == topic }
    }

    /// Topics and their partition counts, from the cluster's metadata. Asking for one `topic` by name also makes
    /// librdkafka learn its leaders, and may create it on a broker that creates topics on first use.
    func metadata(topic: String?, timeoutMilliseconds: Int32) throws(KafkaError) -> [TopicMetadata] {
        var metadataPointer: UnsafePointer<rd_kafka_metadata>?
        var topicHandle: OpaquePointer?
        if let topic { topicHandle = rd_kafka_topic_new(handle, topic, nil) }
        defer { if let topicHandle { rd_kafka_topic_destroy(topicHandle) } }
        let err = rd_kafka_metadata(handle, topic == nil ? 1 : 0, topicHandle, &metadataPointer, timeoutMilliseconds)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR, let metadata = metadataPointer else {
            // A misspelt address or a cluster down fails here first: say which servers were asked.
            throw .rdKafka(err, "metadata from \(bootstrapServers)")
        }
        defer { rd_kafka_metadata_destroy(metadata) }
        var result: [TopicMetadata] = []
        for index in 0..<Int(metadata.pointee.topic_cnt) {
            let topicMetadata = metadata.pointee.topics[index]
            let name = String(cString: topicMetadata.topic)
            if topicMetadata.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                if topic != nil { throw .rdKafka(topicMetadata.err, "topic \(name)") }
                continue
            }
            var replication = 0
            if topicMetadata.partition_cnt > 0 { replication = Int(topicMetadata.partitions[0].replica_cnt) }
            result.append(TopicMetadata(name: name, partitions: Int(topicMetadata.partition_cnt), replicationFactor: replication))
        }
        return result.sorted { $0.name < $1.name }
    }
}
