import CoreMetrics
import Foundation
import Synchronization
import KafkaClient
import Logging
import NewsSchema

extension StageWorker {
    /// Starts turning a batch into what to send on `options.concurrency` lanes, and returns at once:
    /// ``LaneBatch/finished()`` waits for the outputs, in the batch's order, so each partition's order is kept.
    ///
    /// Lanes take the batch's records one at a time, whatever their partition. A batch's partitions seldom hold
    /// equal shares of it (it may even be one partition's fetched run), so lanes split by partition would leave
    /// one lane with most of the work and the others idle. The lanes run on the worker's own threads, so the
    /// consumer's thread polls the next batch and sends the last one meanwhile.
    func startProcessing(_ batch: [ConsumerRecord]) -> LaneBatch {
        let work = LaneBatch(batch)
        for _ in 0..<min(options.concurrency, batch.count) {
            work.group.enter()
            lanes.run { [self] in
                defer { work.group.leave() }
                let started = ContinuousClock.now
                let encoder = NewsJSON.encoder()
                let decoder = NewsJSON.decoder()
                var ids = TraceIDGenerator()
                while let index = work.take() {
                    work.results.set(index, process(batch[index], encoder: encoder, decoder: decoder, ids: &ids))
                }
                work.laneFinished(after: .now - started)
            }
        }
        return work
    }

    private func process(
        _ record: ConsumerRecord,
        encoder: NewsJSONEncoder,
        decoder: NewsJSONDecoder,
        ids: inout TraceIDGenerator
    ) -> Outgoing {
        let clock = ContinuousClock.now
        let (headers, traceID) = Outgoing.outputHeaders(continuing: record.headers, using: &ids)
        var outgoing = process(record, headers: headers, encoder: encoder, decoder: decoder)
        outgoing.traceID = traceID
        metrics.processing.recordNanoseconds(Int64((ContinuousClock.now - clock) / .nanoseconds(1)))
        return outgoing
    }

    private func process(_ record: ConsumerRecord, headers: [KafkaHeader], encoder: NewsJSONEncoder, decoder: NewsJSONDecoder) -> Outgoing {
        let started = Date()
        do {
            // An envelope's article usually leaves the stage unchanged: its received text is kept, to be copied out
            // again. The input is moved, not copied, into the transform, and its envelope out of it.
            let (input, received) = try S.Input.decode(from: record, maxBytes: options.maxMessageBytes, decoder: decoder)
            switch try stage.transform(consume input, record: record) {
            case .skip(let reason):
                return Outgoing(kind: .skip(reason), source: record, record: nil, articleID: record.keyText)
            case .emit(var envelope):
                envelope.provenance.append(
                    Provenance(stage: stage.name, version: stage.version, host: host, startedAt: started, finishedAt: Date())
                )
                // The output is about the input's size: reserving that (and room for the provenance) up front
                // spares the encoder from growing its buffer.
                let value = try encoder.encodeBytes(envelope, reusing: received, reservingCapacity: record.value.count + 512)
                // The next stage would refuse it, and a broker at its default limit (about 1 MB) would reject it at
                // every restart: the input goes to the dead-letter topic from here instead.
                guard value.count <= options.maxMessageBytes else {
                    throw SchemaError(
                        reason: .oversized,
                        message: "output is \(value.count) bytes (input \(record.value.count)), limit is \(options.maxMessageBytes)"
                    )
                }
                let produced = ProducerRecord(
                    topic: stage.outputTopic(topics),
                    key: Array(envelope.id.utf8),
                    value: value,
                    headers: headers
                )
                return Outgoing(
                    kind: .output, source: record, record: produced, articleID: envelope.id,
                    delivered: DeliveredArticle(id: envelope.article.id, contentHash: envelope.article.contentHash),
                    submittedAt: record.headers.last { $0.isNamed(Headers.submittedAt) }
                )
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
            let completion = Completion(item)
            guard let record = item.record else {
                complete(completion)
                continue
            }
            let output = record.topic
            do {
                // The report keeps only `completion`: librdkafka copied the record, so its bytes and the input's
                // are let go here rather than held until the acknowledgement and freed on the delivery thread.
                try producer.send(record) { [self] result in
                    switch result {
                    case .success:
                        complete(completion)
                    case .failure(let error):
                        // librdkafka has retried for message.timeout.ms already. The offset stays before this
                        // record, so a restart reads it again: stop rather than skip it.
                        let source = completion.source
                        fail(KafkaError(code: error.code, reason: "could not deliver \(output) output of \(source.topic)[\(source.partition)]@\(source.offset): \(error.reason)", isFatal: true))
                    }
                }
            } catch {
                fail(KafkaError(code: error.code, reason: "could not produce to \(record.topic): \(error.reason)", isFatal: true))
                return
            }
        }
    }

    /// Counts an acknowledged outcome and lets its input's offset be stored once every earlier one is done.
    private func complete(_ completion: Completion) {
        count(completion)
        tracker.withLock {
            _ = $0.complete(topic: completion.source.topic, partition: completion.source.partition, offset: completion.source.offset)
        }
    }

    /// Counts an outcome once it is safely written, and tells the stage about delivered envelopes.
    private func count(_ completion: Completion) {
        switch completion.kind {
        case .output:
            statistics.record { $0.produced += 1 }
            metrics.produced.increment()
            if let delivered = completion.delivered { stage.didDeliver(delivered) }
            if let sent = completion.pushedAt {
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

    /// Exactly-once: the batch's outputs and its next input positions commit together, or not at all. With
    /// `alsoCommittingOutside` (on the embedded cluster, which does not store offsets sent to a transaction), the
    /// positions are then committed through the consumer too; a crash between the two reads the batch again.
    func commitInTransaction(
        _ outgoing: [Outgoing],
        batch: [ConsumerRecord],
        consumer: KafkaConsumer,
        producer: KafkaProducer,
        alsoCommittingOutside: Bool
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
            let positions = Array(next.values).sorted()
            try producer.sendOffsetsToTransaction(positions, consumer: consumer, timeout: options.shutdownTimeout)
            try inSlices(upTo: options.shutdownTimeout) { (slice) throws(KafkaError) in try producer.commitTransaction(timeout: slice) }
            outgoing.forEach { count(Completion($0)) }
            if alsoCommittingOutside {
                do {
                    try consumer.commit(positions)
                } catch {
                    // A partition was revoked meanwhile, or the coordinator is out of reach: a restart reads the batch again.
                    logger.debug("offsets not committed outside the transaction: \(error.reason)")
                }
            }
        } catch where !error.isFatal {
            logger.warning("transaction aborted, the batch will be read again: \(error.reason)")
            try? inSlices(upTo: options.shutdownTimeout) { (slice) throws(KafkaError) in try producer.abortTransaction(timeout: slice) }
            try consumer.seek(Array(first.values).sorted())
            if !shouldStop { Thread.sleep(forTimeInterval: 0.5) }
        }
    }

    /// Runs a resumable transactional call (commit, abort) a second at a time, for up to `limit`, so that a stop
    /// request cuts the wait to what is left of the shutdown timeout: with the coordinator out of reach, one call
    /// would block for all of `limit`. A call that timed out resumes where it was.
    private func inSlices(upTo limit: Duration, _ call: (Duration) throws(KafkaError) -> Void) throws(KafkaError) {
        let deadline = ContinuousClock.now + limit
        while true {
            var left = deadline - .now
            if shouldStop { left = min(left, shutdownTimeLeft) }
            do {
                try call(min(.seconds(1), max(left, .milliseconds(100))))
                return
            } catch where error.rdKafkaName == "_TIMED_OUT" && error.isRetriable && left > .seconds(1) {
                continue
            }
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
            "trace.id": "\(item.traceID.map { "\($0)" } ?? "-")",
        ]
    }
}

/// A batch on the lanes: the records, the next one to take, the outputs so far.
final class LaneBatch: @unchecked Sendable {
    let records: [ConsumerRecord]
    /// Entered by each lane; left when it has no record left to take.
    let group = DispatchGroup()
    let results: ResultSlots
    private let next = Atomic<Int>(0)
    private let slowestLane = Mutex<Duration>(.zero)

    init(_ records: [ConsumerRecord]) {
        self.records = records
        results = ResultSlots(count: records.count)
    }

    /// The index of the next record for a lane to process; `nil` once every record is taken.
    func take() -> Int? {
        let index = next.add(1, ordering: .relaxed).oldValue
        return index < records.count ? index : nil
    }

    func laneFinished(after elapsed: Duration) {
        slowestLane.withLock { $0 = max($0, elapsed) }
    }

    /// Waits for every lane: the outputs in the batch's order, and how long the slowest lane worked.
    func finished() -> (outgoing: [Outgoing], elapsed: Duration) {
        group.wait()
        return (results.takeAll(), slowestLane.withLock { $0 })
    }
}

/// Per-index result slots written from concurrent lanes; each index is written by exactly one lane.
final class ResultSlots: @unchecked Sendable {
    private var storage: [Outgoing?]
    private let lock = NSLock()

    init(count: Int) {
        storage = Array(repeating: nil, count: count)
    }

    /// Stores a lane's outcome, moved in: taking it borrowed copied each outcome and freed the lane's own.
    func set(_ index: Int, _ value: consuming Outgoing) {
        lock.lock()
        defer { lock.unlock() }
        storage[index] = consume value
    }

    /// Every slot's value, in index order, moved out (not copied); called once, when every lane is done.
    func takeAll() -> [Outgoing] {
        lock.withLock {
            var values: [Outgoing] = []
            values.reserveCapacity(storage.count)
            for index in storage.indices { values.append(storage[index].take()!) }
            return values
        }
    }
}
