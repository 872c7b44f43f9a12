internal import CRdKafka
import Logging
import Foundation
import Synchronization

/// The per-message callback, retained in the message's opaque until librdkafka reports delivery, with the record's
/// topic: the report names it without reading librdkafka's name into a new string for every message.
final class DeliveryCallback {
    let topic: String
    let completion: @Sendable (Result<DeliveryReport, KafkaError>) -> Void
    init(topic: String, _ completion: @escaping @Sendable (Result<DeliveryReport, KafkaError>) -> Void) {
        self.topic = topic
        self.completion = completion
    }
}

/// A producer handle with its own poll thread, which serves delivery reports and errors.
final class RDKafkaProducerClient: @unchecked Sendable {
    let client: RDKafkaClient
    private let stopped = Atomic<Bool>(false)
    private let pollThreadDone = DispatchSemaphore(value: 0)
    /// Topics whose metadata this producer has fetched (or tried to).
    private let knownTopics = Mutex<Set<String>>([])

    init(properties: [String: String], logger: Logger) throws(KafkaError) {
        client = try RDKafkaClient(kind: .producer, properties: properties, logger: logger) { conf in
            rd_kafka_conf_set_dr_msg_cb(conf) { _, message, _ in
                guard let message, let opaque = message.pointee._private else { return }
                let callback = Unmanaged<DeliveryCallback>.fromOpaque(opaque).takeRetainedValue()
                let err = message.pointee.err
                if err == RD_KAFKA_RESP_ERR_NO_ERROR {
                    callback.completion(
                        .success(DeliveryReport(topic: callback.topic, partition: message.pointee.partition, offset: message.pointee.offset))
                    )
                } else {
                    callback.completion(.failure(.rdKafka(err, "delivery")))
                }
            }
        }
        // The thread holds the client until `stopPolling()` ends it; `KafkaProducer.deinit` calls that.
        let thread = Thread { [self] in
            ThreadName.setCurrent("nl:producer")
            while !stopped.load(ordering: .acquiring) {
                rd_kafka_poll(client.handle, 50)
            }
            pollThreadDone.signal()
        }
        thread.start()
    }

    /// Enqueues a record. The callback runs on the poll thread once the broker acknowledged it or it failed.
    /// Waits while the local queue is full, up to `queueFullTimeout`.
    func produce(
        _ record: ProducerRecord,
        queueFullTimeout: Duration = .seconds(30),
        completion: @escaping @Sendable (Result<DeliveryReport, KafkaError>) -> Void
    ) throws(KafkaError) {
        guard !stopped.load(ordering: .acquiring) else {
            throw KafkaError(code: .shutdown, reason: "the producer is closed")
        }
        learn(record.topic)
        let callback = Unmanaged.passRetained(DeliveryCallback(topic: record.topic, completion)).toOpaque()
        let deadline = ContinuousClock.now + queueFullTimeout
        while true {
            let err = Self.produceva(client.handle, record, opaque: callback)
            if err == RD_KAFKA_RESP_ERR_NO_ERROR { return }
            if err == RD_KAFKA_RESP_ERR__QUEUE_FULL, ContinuousClock.now < deadline {
                // The poll thread drains delivery reports; give it a moment.
                Thread.sleep(forTimeInterval: 0.005)
                continue
            }
            Unmanaged<DeliveryCallback>.fromOpaque(callback).release()
            throw .rdKafka(err, "produce to \(record.topic)")
        }
    }

    /// Fetches a topic's metadata before its first record. librdkafka looks up a topic it has no metadata
    /// for only once a second (confluentinc/librdkafka#3202), so a new producer's first records would wait
    /// up to a second for their leaders. Tried once per topic: a missing topic fails its records as before.
    private func learn(_ topic: String) {
        guard knownTopics.withLock({ $0.insert(topic).inserted }) else { return }
        _ = try? client.metadata(topic: topic, timeoutMilliseconds: 5_000)
    }

    private static func produceva(
        _ handle: OpaquePointer,
        _ record: ProducerRecord,
        opaque: UnsafeMutableRawPointer
    ) -> rd_kafka_resp_err_t {
        // A header list of our own (VTYPE_HEADERS), never one librdkafka builds from single headers: on
        // a failed call 2.0.x frees that one twice. A list passed in is owned by the message once the call
        // succeeds; on failure 2.0.x has already freed it with the message, so it is not freed here either.
        var headerList: OpaquePointer?
        if !record.headers.isEmpty {
            headerList = rd_kafka_headers_new(record.headers.count)
            for header in record.headers {
                if let value = header.value {
                    value.withUnsafeBytes { bytes in
                        _ = rd_kafka_header_add(headerList, header.name, -1, bytes.baseAddress, bytes.count)
                    }
                } else {
                    _ = rd_kafka_header_add(headerList, header.name, -1, nil, 0)
                }
            }
        }
        return record.topic.withCString { topic in
            var vus: [rd_kafka_vu_t] = []
            vus.reserveCapacity(7)
            vus.append(RD_KAFKA_VTYPE_TOPIC) { $0.u.cstr = topic }
            if let partition = record.partition { vus.append(RD_KAFKA_VTYPE_PARTITION) { $0.u.i32 = partition } }
            vus.append(RD_KAFKA_VTYPE_MSGFLAGS) { $0.u.i = RD_KAFKA_MSG_F_COPY }
            vus.append(RD_KAFKA_VTYPE_OPAQUE) { $0.u.ptr = opaque }
            if let timestamp = record.timestampMilliseconds { vus.append(RD_KAFKA_VTYPE_TIMESTAMP) { $0.u.i64 = timestamp } }
            if let headerList { vus.append(RD_KAFKA_VTYPE_HEADERS) { $0.u.headers = headerList } }
            return record.value.withUnsafeBytes { value in
                vus.append(RD_KAFKA_VTYPE_VALUE) {
                    $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: value.baseAddress)
                    $0.u.mem.size = value.count
                }
                return withOptionalBytes(record.key) { key in
                    if let key {
                        vus.append(RD_KAFKA_VTYPE_KEY) {
                            $0.u.mem.ptr = UnsafeMutableRawPointer(mutating: key.baseAddress)
                            $0.u.mem.size = key.count
                        }
                    }
                    guard let error = rd_kafka_produceva(handle, vus, vus.count) else {
                        return RD_KAFKA_RESP_ERR_NO_ERROR
                    }
                    let code = rd_kafka_error_code(error)
                    rd_kafka_error_destroy(error)
                    return code
                }
            }
        }
    }

    /// Waits until every enqueued record was delivered or failed.
    func flush(timeout: Duration) throws(KafkaError) {
        let err = rd_kafka_flush(client.handle, timeout.milliseconds)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "flush") }
    }

    /// The number of records not yet acknowledged.
    var outstanding: Int { Int(rd_kafka_outq_len(client.handle)) }

    /// Stops the poll thread. Call after a flush; the handle is destroyed with the client.
    func stopPolling() {
        if !stopped.exchange(true, ordering: .acquiringAndReleasing) {
            pollThreadDone.wait()
            // Serve what the flush left behind so every callback runs exactly once.
            rd_kafka_poll(client.handle, 0)
        }
    }
}

extension [rd_kafka_vu_t] {
    /// Appends one `produceva` argument of `type`, filled by `set`.
    fileprivate mutating func append(_ type: rd_kafka_vtype_t, _ set: (inout rd_kafka_vu_t) -> Void) {
        var vu = rd_kafka_vu_t()
        vu.vtype = type
        set(&vu)
        append(vu)
    }
}

private func withOptionalBytes<R>(_ bytes: [UInt8]?, _ body: (UnsafeRawBufferPointer?) -> R) -> R {
    guard let bytes else { return body(nil) }
    return bytes.withUnsafeBytes { body($0) }
}

extension Duration {
    /// Whole milliseconds, clamped to `0...Int32.max`: librdkafka reads -1 ms as "no limit", which a duration
    /// computed as what is left of another would otherwise become now and then.
    var milliseconds: Int32 {
        let (seconds, attoseconds) = components
        let total = seconds.multipliedReportingOverflow(by: 1000)
        guard !total.overflow else { return seconds < 0 ? 0 : .max }
        return Int32(clamping: max(0, total.partialValue + attoseconds / 1_000_000_000_000_000))
    }
}
