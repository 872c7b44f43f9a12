internal import CRdKafka
import Logging

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
