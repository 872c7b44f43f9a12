internal import CRdKafka
import Logging
import Foundation
import Synchronization

/// A consumer handle. Every call blocks the calling thread for at most its timeout: call them from a
/// dedicated thread, never from Swift's cooperative pool.
final class RDKafkaConsumerClient: @unchecked Sendable {
    let client: RDKafkaClient

    init(properties: [String: String], logger: Logger) throws(KafkaError) {
        client = try RDKafkaClient(kind: .consumer, properties: properties, logger: logger) { conf in
            rd_kafka_conf_set_rebalance_cb(conf) { rk, err, partitions, opaque in
                guard let rk else { return }
                let protocolName = rd_kafka_rebalance_protocol(rk).map { String(cString: $0) } ?? "NONE"
                let cooperative = protocolName == "COOPERATIVE"
                let callbacks = opaque.map { Unmanaged<RDKafkaCallbacks>.fromOpaque($0).takeUnretainedValue() }
                let handler = callbacks?.onRebalance.withLock { $0 }
                let values = partitions.map { RDKafkaTopicPartitionList.values(of: $0) } ?? []
                switch err {
                case RD_KAFKA_RESP_ERR__ASSIGN_PARTITIONS:
                    callbacks?.assigned.store(true, ordering: .releasing)
                    if cooperative {
                        if let error = rd_kafka_incremental_assign(rk, partitions) { rd_kafka_error_destroy(error) }
                    } else {
                        rd_kafka_assign(rk, partitions)
                    }
                    handler?(.assign, values)
                case RD_KAFKA_RESP_ERR__REVOKE_PARTITIONS:
                    // The handler finishes in-flight work and commits before the partitions go.
                    handler?(.revoke, values)
                    if cooperative {
                        if let error = rd_kafka_incremental_unassign(rk, partitions) { rd_kafka_error_destroy(error) }
                    } else {
                        rd_kafka_assign(rk, nil)
                    }
                default:
                    handler?(.error(.rdKafka(err, "rebalance")), values)
                    rd_kafka_assign(rk, nil)
                }
            }
        }
        rd_kafka_poll_set_consumer(client.handle)
        usesStickyAssignor = properties["partition.assignment.strategy"]?.contains("cooperative-sticky") ?? false
    }

    /// Whether the group's assignor may be `cooperative-sticky`.
    private let usesStickyAssignor: Bool

    /// librdkafka before 2.3.0 aborts when destroying a `cooperative-sticky` member that took part in a group's
    /// JoinGroup but never got an assignment (`rd_kafka_sticky_assignor_state_destroy: Assertion 'assignor_state'
    /// failed`, librdkafka issue 4312): a worker stopped during its first rebalance, or a replay refused. Closing
    /// it is safe, destroying it is not.
    private static let stickyStateMayBeMissing = rd_kafka_version() < 0x0203_0000

    var handle: OpaquePointer { client.handle }

    /// Subscribes to `topics`. From then on, until its first assignment, a consumer of the `cooperative-sticky`
    /// assignor on a librdkafka older than 2.3.0 is not destroyed, but left to the process's exit (see
    /// ``stickyStateMayBeMissing``).
    func subscribe(topics: [String]) throws(KafkaError) {
        if usesStickyAssignor, Self.stickyStateMayBeMissing { client.destroyWouldAbort.store(true, ordering: .releasing) }
        let list = RDKafkaTopicPartitionList(topics.map { .init(topic: $0, partition: RD_KAFKA_PARTITION_UA, offset: 0) })
        let err = rd_kafka_subscribe(handle, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "subscribe to \(topics.joined(separator: ","))") }
    }

    func assign(_ positions: [TopicPartitionOffset]) throws(KafkaError) {
        let list = RDKafkaTopicPartitionList(positions)
        let err = rd_kafka_assign(handle, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "assign") }
    }

    /// Returns the next record, `nil` when none arrived within the timeout (a partition's end counts as none).
    func poll(timeoutMilliseconds: Int32) throws(KafkaError) -> ConsumerRecord? {
        guard case .record(let record) = try pollEvent(timeoutMilliseconds: timeoutMilliseconds) else { return nil }
        return record
    }

    /// Returns the next record or end of a partition (with `enable.partition.eof`), `nil` when neither arrived
    /// within the timeout.
    func pollEvent(timeoutMilliseconds: Int32) throws(KafkaError) -> KafkaConsumer.Event? {
        guard let message = rd_kafka_consumer_poll(handle, timeoutMilliseconds) else { return nil }
        defer { rd_kafka_message_destroy(message) }
        let m = message.pointee
        if m.err == RD_KAFKA_RESP_ERR__PARTITION_EOF {
            // An end without its topic cannot be placed, and says nothing.
            guard let rkt = m.rkt else { return nil }
            return .partitionEnd(TopicPartitionOffset(topic: topicName(rkt), partition: m.partition, offset: m.offset))
        }
        if m.err != RD_KAFKA_RESP_ERR_NO_ERROR { throw Self.consumeError(message) }
        return .record(record(from: message))
    }

    private static func consumeError(_ message: UnsafeMutablePointer<rd_kafka_message_t>) -> KafkaError {
        var context = "consume"
        if let rkt = message.pointee.rkt { context += " from \(String(cString: rd_kafka_topic_name(rkt)))" }
        return .rdKafka(message.pointee.err, context)
    }

    /// The topic the last record came from, by librdkafka's handle for it, and its name: a worker reads one topic,
    /// and a name of more than 15 bytes would otherwise be a new string on the heap for every record.
    private let lastTopic = Mutex<(handle: OpaquePointer?, name: String)>((nil, ""))

    /// The name of a record's topic.
    private func topicName(_ handle: OpaquePointer) -> String {
        let name = rd_kafka_topic_name(handle)!
        return lastTopic.withLock { last in
            // The name is compared too: a handle freed and its address reused for another topic is not mistaken.
            if last.handle == handle, last.name.withCString({ strcmp($0, name) == 0 }) { return last.name }
            last = (handle, String(cString: name))
            return last.name
        }
    }

    private func record(from message: UnsafeMutablePointer<rd_kafka_message_t>) -> ConsumerRecord {
        let m = message.pointee
        let topic = topicName(m.rkt)
        let value: [UInt8] =
            if let payload = m.payload, m.len > 0 {
                Array(UnsafeRawBufferPointer(start: payload, count: m.len))
            } else {
                []
            }
        let key: [UInt8]? = m.key.map { Array(UnsafeRawBufferPointer(start: $0, count: m.key_len)) }
        var headers: [KafkaHeader] = []
        var headerList: OpaquePointer?
        if rd_kafka_message_headers(message, &headerList) == RD_KAFKA_RESP_ERR_NO_ERROR, let headerList {
            var index = 0
            var name: UnsafePointer<CChar>?
            var valuePointer: UnsafeRawPointer?
            var size = 0
            while rd_kafka_header_get_all(headerList, index, &name, &valuePointer, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
                let headerValue = valuePointer.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
                headers.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: headerValue))
                index += 1
            }
        }
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        return ConsumerRecord(
            topic: topic,
            partition: m.partition,
            offset: m.offset,
            key: key,
            value: value,
            headers: headers,
            timestampMilliseconds: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp
        )
    }

    /// Stores positions to be committed (the offset of the next record to read).
    func storeOffsets(_ positions: [TopicPartitionOffset]) throws(KafkaError) {
        let list = RDKafkaTopicPartitionList(positions)
        let err = rd_kafka_offsets_store(handle, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "store offsets") }
        if let error = list.firstError { throw error }
    }

    /// Commits the given positions, or every stored offset when `nil`; waits for the broker.
    func commit(_ positions: [TopicPartitionOffset]?) throws(KafkaError) {
        let list = positions.map { RDKafkaTopicPartitionList($0) }
        let err = rd_kafka_commit(handle, list?.pointer, 0)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR && err != RD_KAFKA_RESP_ERR__NO_OFFSET {
            throw .rdKafka(err, "commit")
        }
        if let error = list?.firstError { throw error }
    }

    func committed(_ partitions: [TopicPartitionOffset], timeoutMilliseconds: Int32) throws(KafkaError) -> [TopicPartitionOffset] {
        let list = RDKafkaTopicPartitionList(partitions)
        let err = rd_kafka_committed(handle, list.pointer, timeoutMilliseconds)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "committed offsets") }
        return list.values
    }

    func seek(_ positions: [TopicPartitionOffset], timeoutMilliseconds: Int32) throws(KafkaError) {
        let list = RDKafkaTopicPartitionList(positions)
        if let error = rd_kafka_seek_partitions(handle, list.pointer, timeoutMilliseconds) {
            throw .rdKafka(consuming: error, "seek")
        }
        if let error = list.firstError { throw error }
    }

    func assignment() throws(KafkaError) -> [TopicPartitionOffset] {
        var listPointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>?
        let err = rd_kafka_assignment(handle, &listPointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "assignment") }
        guard let listPointer else { return [] }
        return RDKafkaTopicPartitionList(owning: listPointer).values
    }

    /// For each partition, the first offset whose timestamp is at or after the given one (milliseconds).
    func offsetsForTimes(_ positions: [TopicPartitionOffset], timeoutMilliseconds: Int32) throws(KafkaError) -> [TopicPartitionOffset] {
        let list = RDKafkaTopicPartitionList(positions)
        let err = rd_kafka_offsets_for_times(handle, list.pointer, timeoutMilliseconds)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "offsets for times") }
        if let error = list.firstError { throw error }
        return list.values
    }

    /// For each assigned partition, the high watermark librdkafka last saw minus the read position: the
    /// records not read yet. No broker request; partitions without both figures are left out.
    func lag() throws(KafkaError) -> [TopicPartitionOffset] {
        let list = RDKafkaTopicPartitionList(try assignment())
        let err = rd_kafka_position(handle, list.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "position") }
        return list.values.compactMap { position in
            var low: Int64 = -1
            var high: Int64 = -1
            let result = rd_kafka_get_watermark_offsets(handle, position.topic, position.partition, &low, &high)
            guard result == RD_KAFKA_RESP_ERR_NO_ERROR, high >= 0, position.offset >= 0 else { return nil }
            return TopicPartitionOffset(topic: position.topic, partition: position.partition, offset: max(0, high - position.offset))
        }
    }

    /// Revokes the assignment (the rebalance handler runs on this thread), commits stored offsets, leaves the
    /// group and stops fetching. Without a timeout it waits as long as librdkafka does: with the group coordinator
    /// out of reach, until requests time out, which can be most of a minute. With one it gives up then and returns
    /// `false`: the group drops the member after its session timeout, and offsets not committed are read again.
    /// Then drops the handlers, which often hold the consumer itself: the handle is destroyed once the last
    /// reference goes.
    @discardableResult
    func close(timeoutMilliseconds: Int32?) -> Bool {
        defer {
            client.callbacks.onRebalance.withLock { $0 = nil }
            client.callbacks.onError.withLock { $0 = nil }
        }
        guard let timeoutMilliseconds else {
            rd_kafka_consumer_close(handle)
            return true
        }
        // The close runs on librdkafka's threads and hands its events (the revocation among them) to this queue,
        // which is served here until the close is done or the time is up.
        let queue = rd_kafka_queue_new(handle)
        defer { rd_kafka_queue_destroy(queue) }
        if let error = rd_kafka_consumer_close_queue(handle, queue) {
            rd_kafka_error_destroy(error)
            client.skipsConsumerCloseOnDestroy.store(true, ordering: .releasing)
            return false
        }
        let deadline = ContinuousClock.now + .milliseconds(Int64(timeoutMilliseconds))
        while rd_kafka_consumer_closed(handle) == 0 {
            let left = (deadline - .now).milliseconds
            guard left > 0 else {
                client.skipsConsumerCloseOnDestroy.store(true, ordering: .releasing)
                return false
            }
            // Serves callbacks (the rebalance handler's) and returns what is left of fetched records and consumer
            // errors, which no one reads any more.
            if let message = rd_kafka_consume_queue(queue, min(left, 100)) { rd_kafka_message_destroy(message) }
        }
        return true
    }

    /// The `rd_kafka_consumer_group_metadata_t *` for sending offsets to a transaction; the caller destroys it.
    func groupMetadata() -> OpaquePointer? {
        rd_kafka_consumer_group_metadata(handle)
    }
}
