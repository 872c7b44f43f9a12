internal import CRdKafka

/// Builds an `rd_kafka_conf_t` from properties. The caller owns the result until it hands it to `rd_kafka_new`.
enum RDKafkaConfig {
    static func make(_ properties: [String: String]) throws(KafkaError) -> OpaquePointer {
        let conf = rd_kafka_conf_new()!
        var errorBuffer = [CChar](repeating: 0, count: 512)
        // Sorted for deterministic error reporting.
        for (key, value) in properties.sorted(by: { $0.key < $1.key }) {
            let result = rd_kafka_conf_set(conf, key, value, &errorBuffer, errorBuffer.count)
            if result != RD_KAFKA_CONF_OK {
                rd_kafka_conf_destroy(conf)
                let message = String(cBuffer: errorBuffer)
                throw KafkaError(code: .configuration, reason: "property \(key)=\(value): \(message)")
            }
        }
        return conf
    }
}

extension String {
    /// Decodes a NUL-terminated C string held in a buffer.
    init(cBuffer buffer: [CChar]) {
        self.init(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
