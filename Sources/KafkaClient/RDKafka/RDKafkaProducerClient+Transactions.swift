internal import CRdKafka

extension RDKafkaProducerClient {
    func initTransactions(timeoutMilliseconds: Int32) throws(KafkaError) {
        if let error = rd_kafka_init_transactions(client.handle, timeoutMilliseconds) {
            throw .rdKafka(consuming: error, "init transactions")
        }
    }

    func beginTransaction() throws(KafkaError) {
        if let error = rd_kafka_begin_transaction(client.handle) {
            throw .rdKafka(consuming: error, "begin transaction")
        }
    }

    /// Adds the consumer's next positions to the current transaction, so they commit with its outputs.
    func sendOffsetsToTransaction(
        _ positions: [TopicPartitionOffset],
        consumer: RDKafkaConsumerClient,
        timeoutMilliseconds: Int32
    ) throws(KafkaError) {
        guard let metadata = consumer.groupMetadata() else {
            throw KafkaError(code: .transaction, reason: "the consumer has no group metadata")
        }
        defer { rd_kafka_consumer_group_metadata_destroy(metadata) }
        let list = RDKafkaTopicPartitionList(positions)
        if let error = rd_kafka_send_offsets_to_transaction(client.handle, list.pointer, metadata, timeoutMilliseconds) {
            throw .rdKafka(consuming: error, "send offsets to transaction")
        }
    }

    func commitTransaction(timeoutMilliseconds: Int32) throws(KafkaError) {
        if let error = rd_kafka_commit_transaction(client.handle, timeoutMilliseconds) {
            throw .rdKafka(consuming: error, "commit transaction")
        }
    }

    func abortTransaction(timeoutMilliseconds: Int32) throws(KafkaError) {
        if let error = rd_kafka_abort_transaction(client.handle, timeoutMilliseconds) {
            throw .rdKafka(consuming: error, "abort transaction")
        }
    }
}
