import CoreMetrics
import Foundation
import Synchronization
import KafkaClient
import Logging
import NewsSchema

extension StageWorker {
    /// Turns a batch into what to send, keeping each partition's order; partitions run concurrently.
    func process(_ batch: [ConsumerRecord]) -> [Outgoing] {
        var collected: [[ConsumerRecord]] = []
        var groupIndex: [String: Int] = [:]
        for record in batch {
            let key = "\(record.topic)#\(record.partition)"
            if let index = groupIndex[key] {
                collected[index].append(record)
            } else {
                groupIndex[key] = collected.count
                collected.append([record])
            }
        }
        let groups = collected
        let results = ResultSlots(count: groups.count)
        let width = min(options.concurrency, groups.count)
        DispatchQueue.concurrentPerform(iterations: width) { lane in
            let encoder = NewsJSON.encoder()
            let decoder = NewsJSON.decoder()
            var ids = TraceIDGenerator()
            for index in stride(from: lane, to: groups.count, by: width) {
                results.set(index, groups[index].map { process($0, encoder: encoder, decoder: decoder, ids: &ids) })
            }
        }
        return results.values.flatMap { $0 }
    }

    private func process(
        _ record: ConsumerRecord,
        encoder: NewsJSONEncoder,
        decoder: NewsJSONDecoder,
        ids: inout TraceIDGenerator
    ) -> Outgoing {
        let clock = ContinuousClock.now
        let (headers, traceID) = TraceHeaders.continued(record.headers, using: &ids)
        var outgoing = process(record, headers: headers, encoder: encoder, decoder: decoder)
        outgoing.traceID = traceID
        metrics.processing.recordNanoseconds(Int64((ContinuousClock.now - clock) / .nanoseconds(1)))
        return outgoing
    }

    private func process(_ record: ConsumerRecord, headers: [KafkaHeader], encoder: NewsJSONEncoder, decoder: NewsJSONDecoder) -> Outgoing {
        let started = Date()
        let output = stage.outputTopic(topics)
        do {
            let input = try EnvelopeDecoding.decode(
                S.Input.self,
                from: record.value,
                maxBytes: options.maxMessageBytes,
                decoder: decoder
            )
            switch try stage.transform(input, record: record) {
            case .skip(let reason):
                return Outgoing(source: record, kind: .skip(reason), record: nil, articleID: record.keyText)
            case .emit(var envelope):
                envelope.provenance.append(
                    Provenance(stage: stage.name, version: stage.version, host: host, startedAt: started, finishedAt: Date())
                )
                // The output is about the input's size: reserving that (and room for the provenance) up front
                // spares the encoder from growing its buffer.
                let value = try encoder.encodeBytes(envelope, reservingCapacity: record.value.count + 512)
                let produced = ProducerRecord(
                    topic: output,
                    key: Array(envelope.id.utf8),
                    value: value,
                    headers: Outgoing.forwardedHeaders(headers)
                        + [KafkaHeader(name: Headers.schemaVersion, text: "\(NewsSchemaVersion.current)")]
                )
                return Outgoing(source: record, kind: .output, record: produced, articleID: envelope.id, envelope: envelope)
            }
        } catch let error as SchemaError {
            return .deadLetter(
                for: record, headers: headers, stage: stage.name, reason: error.reason, message: error.message,
                topic: topics.deadLetter, encoder: encoder
            )
        } catch {
            return .deadLetter(
                for: record, headers: headers, stage: stage.name, reason: .transformFailed, message: "\(error)",
                topic: topics.deadLetter, encoder: encoder
            )
        }
    }

    /// At-least-once: produce everything; each acknowledgement may move its partition's stored offset.
    func send(_ outgoing: [Outgoing], consumer: KafkaConsumer, producer: KafkaProducer) {
        tracker.withLock { tracker in
            for item in outgoing {
                tracker.begin(topic: item.source.topic, partition: item.source.partition, offset: item.source.offset)
            }
        }
        for item in outgoing {
            log(item)
            guard let record = item.record else {
                done(item)
                acknowledge(item.source, consumer: consumer)
                continue
            }
            let source = item.source
            do {
                try producer.send(record) { [self] result in
                    switch result {
                    case .success:
                        done(item)
                        acknowledge(source, consumer: consumer)
                    case .failure(let error):
                        // librdkafka has retried for message.timeout.ms already. The offset stays before this
                        // record, so a restart reads it again: stop rather than skip it.
                        fail(KafkaError(code: error.code, reason: "could not deliver \(record.topic) output of \(source.topic)[\(source.partition)]@\(source.offset): \(error.reason)", isFatal: true))
                    }
                }
            } catch {
                fail(KafkaError(code: error.code, reason: "could not produce to \(record.topic): \(error.reason)", isFatal: true))
                return
            }
        }
    }

    /// Counts an outcome once it is safely written, and tells the stage about delivered envelopes.
    private func done(_ item: Outgoing) {
        switch item.kind {
        case .output:
            statistics.record { $0.produced += 1 }
            metrics.produced.increment()
            if let envelope = item.envelope { stage.didDeliver(envelope) }
            if let sent = item.source.headers.text(Headers.submittedAt).flatMap(Headers.date(fromMillisecondsText:)) {
                metrics.endToEnd.recordNanoseconds(Int64(max(0, Date().timeIntervalSince(sent)) * 1e9))
            }
        case .deadLetter(let reason, _):
            statistics.record { $0.deadLettered += 1 }
            metrics.deadLettered[reason]?.increment()
        case .skip:
            statistics.record { $0.skipped += 1 }
            metrics.skipped.increment()
        }
    }

    private func acknowledge(_ source: ConsumerRecord, consumer: KafkaConsumer) {
        tracker.withLock { _ = $0.complete(topic: source.topic, partition: source.partition, offset: source.offset) }
    }

    /// Stores, in one call, every position that moved since the last store. Runs on the consumer's thread.
    func storeReadyOffsets(_ consumer: KafkaConsumer) {
        let positions = tracker.withLock { $0.takeReady() }
        guard !positions.isEmpty else { return }
        do {
            try consumer.storeOffsets(positions)
        } catch {
            // A partition was revoked meanwhile: its next owner reads those records again.
            logger.debug("offsets not stored: \(error.reason)")
        }
    }

    /// Exactly-once: the batch's outputs and its next input positions commit together, or not at all.
    func commitInTransaction(
        _ outgoing: [Outgoing],
        batch: [ConsumerRecord],
        consumer: KafkaConsumer,
        producer: KafkaProducer
    ) throws(KafkaError) {
        var next: [String: TopicPartitionOffset] = [:]
        var first: [String: TopicPartitionOffset] = [:]
        for record in batch {
            let key = "\(record.topic)#\(record.partition)"
            next[key] = TopicPartitionOffset(topic: record.topic, partition: record.partition, offset: record.offset + 1)
            if first[key] == nil {
                first[key] = TopicPartitionOffset(topic: record.topic, partition: record.partition, offset: record.offset)
            }
        }
        do {
            try producer.beginTransaction()
            for item in outgoing {
                log(item)
                if let record = item.record { try producer.send(record) { _ in } }
            }
            try producer.sendOffsetsToTransaction(Array(next.values).sorted(), consumer: consumer)
            try producer.commitTransaction(timeout: options.shutdownTimeout)
            outgoing.forEach(done)
        } catch where !error.isFatal {
            logger.warning("transaction aborted, the batch will be read again: \(error.reason)")
            try? producer.abortTransaction(timeout: options.shutdownTimeout)
            try consumer.seek(Array(first.values).sorted())
            Thread.sleep(forTimeInterval: 0.5)
        }
    }

    private func log(_ item: Outgoing) {
        switch item.kind {
        case .output:
            if logger.logLevel <= .debug {
                logger.debug("processed", metadata: metadata(item))
            }
        case .skip(let reason):
            logger.info("skipped: \(reason)", metadata: metadata(item))
        case .deadLetter(let reason, let message):
            var metadata = metadata(item)
            metadata["deadletter.reason"] = "\(reason.rawValue)"
            logger.warning("dead-lettered: \(message)", metadata: metadata)
        }
    }

    private func metadata(_ item: Outgoing) -> Logger.Metadata {
        [
            "kafka.topic": "\(item.source.topic)",
            "kafka.partition": "\(item.source.partition)",
            "kafka.offset": "\(item.source.offset)",
            "article.id": "\(item.articleID ?? "-")",
            "trace.id": "\(item.traceID ?? "-")",
        ]
    }
}

/// Per-index result slots written from concurrent lanes; each index is written by exactly one lane.
final class ResultSlots: @unchecked Sendable {
    private var storage: [[Outgoing]]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: [], count: count)
    }

    func set(_ index: Int, _ value: [Outgoing]) {
        lock.withLock { storage[index] = value }
    }

    var values: [[Outgoing]] { lock.withLock { storage } }
}
