internal import CRdKafka

/// Owns an `rd_kafka_topic_partition_list_t` and converts it to and from Swift values.
final class RDKafkaTopicPartitionList {
    let pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>

    init(_ positions: [TopicPartitionOffset] = []) {
        pointer = rd_kafka_topic_partition_list_new(Int32(max(positions.count, 1)))
        for position in positions {
            let element = rd_kafka_topic_partition_list_add(pointer, position.topic, position.partition)!
            element.pointee.offset = position.offset
        }
    }

    /// Takes ownership of a list librdkafka allocated.
    init(owning pointer: UnsafeMutablePointer<rd_kafka_topic_partition_list_t>) {
        self.pointer = pointer
    }

    deinit {
        rd_kafka_topic_partition_list_destroy(pointer)
    }

    /// Reads a list librdkafka owns, without taking ownership.
    static func values(of list: UnsafePointer<rd_kafka_topic_partition_list_t>) -> [TopicPartitionOffset] {
        (0..<Int(list.pointee.cnt)).map { index in
            let element = list.pointee.elems[index]
            return TopicPartitionOffset(topic: String(cString: element.topic), partition: element.partition, offset: element.offset)
        }
    }

    var values: [TopicPartitionOffset] { Self.values(of: pointer) }

    /// The first per-partition error in the list, if any.
    var firstError: KafkaError? {
        for index in 0..<Int(pointer.pointee.cnt) {
            let element = pointer.pointee.elems[index]
            if element.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                return .rdKafka(element.err, "\(String(cString: element.topic))[\(element.partition)]")
            }
        }
        return nil
    }
}
