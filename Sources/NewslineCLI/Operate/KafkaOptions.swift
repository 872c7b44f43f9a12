import ArgumentParser
import Foundation
import KafkaClient
import NewsSchema
import Logging
import StageRuntime

/// Options every command that talks to Kafka shares.
struct KafkaOptions: ParsableArguments {
    @Option(help: "Kafka bootstrap servers, host:port[,host:port]. Env: NEWSLINE_BROKERS.")
    var brokers: String?

    @Option(help: "Prefix of every topic name. Env: NEWSLINE_TOPIC_PREFIX. Default: none.")
    var topicPrefix: String?

    @Option(name: .customLong("kafka-property"), help: "A librdkafka property key=value (repeatable).")
    var kafkaProperties: [String] = []

    @Option(help: "A file of librdkafka properties, one key=value per line; its bootstrap.servers serves when no brokers are given. Env: NEWSLINE_KAFKA_CONFIG.")
    var kafkaConfig: String?

    func validate() throws {
        for property in kafkaProperties where WorkerOptions.keyAndValue(property) == nil {
            throw ValidationError("--kafka-property expects key=value, got '\(property)'")
        }
        _ = try WorkerOptions.topicPrefix(flag: topicPrefix)
        // Brokers and properties are checked here, so their errors come with the command's own usage line.
        _ = try configuration()
    }

    /// The pipeline's topics under the prefix the workers would use (validated by `validate()`).
    var topics: Topics {
        Topics(prefix: (try? WorkerOptions.topicPrefix(flag: topicPrefix)) ?? "")
    }

    func configuration() throws -> KafkaConfiguration {
        try WorkerOptions.kafkaConfiguration(brokers: brokers, kafkaConfig: kafkaConfig, kafkaProperties: kafkaProperties)
    }

    /// A topic name with the prefix applied, unless it already carries it.
    func topic(_ name: String) -> String {
        let prefix = topics.prefix
        return name.hasPrefix(prefix) ? name : prefix + name
    }
}

/// Logging for one-shot commands: warnings and worse, to standard error.
let cliLogger: Logger = {
    var logger = Logger(label: "newsline")
    logger.logLevel = .warning
    return logger
}()

extension KafkaConsumer {
    /// A topic's metadata.
    ///
    /// - Throws: `CLIError` naming the topic when the cluster has none by that name.
    func existingTopic(_ name: String) throws -> TopicMetadata {
        guard let topic = try metadata(topic: name).first else { throw CLIError("no topic \(name) on the cluster") }
        return topic
    }

    /// The offsets this consumer's group has committed on `partitions` of `topic`; a partition without one is left
    /// out. Asking does not join the group.
    func committedOffsets(topic: String, partitions: [Int32]) throws -> [Int32: Int64] {
        let asked = partitions.map { TopicPartitionOffset(topic: topic, partition: $0, offset: KafkaOffset.invalid) }
        var offsets: [Int32: Int64] = [:]
        for position in try committed(asked) where position.offset >= 0 {
            offsets[position.partition] = position.offset
        }
        return offsets
    }
}
