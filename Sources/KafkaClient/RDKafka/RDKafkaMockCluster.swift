internal import CRdKafka
import Foundation
import Logging

#if canImport(Glibc)
import Glibc
#endif

/// librdkafka's mock cluster, owned through the producer handle it lives in.
final class RDKafkaMockCluster: @unchecked Sendable {
    private let client: RDKafkaClient
    private let cluster: OpaquePointer

    init(brokers: Int, logger: Logger) throws(KafkaError) {
        // The mock needs a handle to run in; it is never used to produce.
        client = try RDKafkaClient(kind: .producer, properties: ["log.connection.close": "false"], logger: logger)
        guard let cluster = rd_kafka_mock_cluster_new(client.handle, Int32(brokers)) else {
            throw KafkaError(code: .configuration, reason: "could not start the embedded cluster")
        }
        self.cluster = cluster
        let ports = Self.ports(in: String(cString: rd_kafka_mock_cluster_bootstraps(cluster)))
        let set = Self.disableNagle(onListenersAt: ports)
        if set < ports.count {
            logger.debug("embedded cluster: TCP_NODELAY set on \(set) of \(ports.count) broker listeners")
        }
    }

    /// The ports of a `host:port,host:port` list.
    static func ports(in bootstrapServers: String) -> Set<UInt16> {
        Set(bootstrapServers.split(separator: ",").compactMap { $0.split(separator: ":").last.flatMap { UInt16($0) } })
    }

    /// Turns Nagle's algorithm off on this process's sockets listening on `ports`: the connections the brokers
    /// accept inherit it (Linux does so). The mock leaves it on, so a small response written while an earlier one
    /// waits for its TCP acknowledgement is held until the client's delayed acknowledgement, about 40 ms later:
    /// the last records of a burst were acknowledged that much late. Kafka's own brokers set `TCP_NODELAY`.
    ///
    /// - Returns: How many listeners it was set on.
    static func disableNagle(onListenersAt ports: Set<UInt16>) -> Int {
        #if canImport(Glibc)
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd") else { return 0 }
        var set = 0
        for entry in entries {
            guard let descriptor = Int32(entry) else { continue }
            var address = sockaddr_in()
            var length = socklen_t(MemoryLayout<sockaddr_in>.size)
            let named = withUnsafeMutablePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(descriptor, $0, &length) }
            }
            guard named == 0, address.sin_family == sa_family_t(AF_INET), ports.contains(UInt16(bigEndian: address.sin_port))
            else { continue }
            var listening: Int32 = 0
            var size = socklen_t(MemoryLayout<Int32>.size)
            guard getsockopt(descriptor, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) == 0, listening != 0 else { continue }
            var on: Int32 = 1
            if setsockopt(descriptor, Int32(IPPROTO_TCP), TCP_NODELAY, &on, socklen_t(MemoryLayout<Int32>.size)) == 0 { set += 1 }
        }
        return set
        #else
        return 0
        #endif
    }

    deinit {
        rd_kafka_mock_cluster_destroy(cluster)
    }

    var bootstrapServers: String { String(cString: rd_kafka_mock_cluster_bootstraps(cluster)) }

    func createTopic(_ name: String, partitions: Int, replicationFactor: Int) throws(KafkaError) {
        let err = rd_kafka_mock_topic_create(cluster, name, Int32(partitions), Int32(replicationFactor))
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "create topic \(name)") }
    }

    func setBrokerDown(_ broker: Int32, down: Bool) throws(KafkaError) {
        let err = down ? rd_kafka_mock_broker_set_down(cluster, broker) : rd_kafka_mock_broker_set_up(cluster, broker)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "broker \(broker)") }
    }

    func setBrokerRoundTrip(_ broker: Int32, milliseconds: Int) throws(KafkaError) {
        let err = rd_kafka_mock_broker_set_rtt(cluster, broker, Int32(milliseconds))
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw .rdKafka(err, "broker \(broker) rtt") }
    }

    /// Makes the next `count` requests of a Kafka API (by its ApiKey number) fail with an error code.
    func failNextRequests(apiKey: Int16, count: Int, errorCode: Int32) {
        let errors = [rd_kafka_resp_err_t](repeating: rd_kafka_resp_err_t(errorCode), count: count)
        errors.withUnsafeBufferPointer { buffer in
            rd_kafka_mock_push_request_errors_array(cluster, apiKey, count, buffer.baseAddress)
        }
    }
}
