import CoreMetrics
import Foundation
import Synchronization
import KafkaClient
import Logging
import NewsSchema

extension StageWorker {
    func clientConfigurations() -> (KafkaConsumerConfiguration, KafkaProducerConfiguration) {
        var consumerConfiguration = KafkaConsumerConfiguration(kafka: options.kafka, groupID: options.group)
        consumerConfiguration.maxMessageBytes = max(options.maxMessageBytes * 2, 8 * 1024 * 1024)
        // A rebalance revokes only the partitions that move; the others are processed throughout.
        consumerConfiguration.partitionAssignmentStrategy = ResolvedWorkerOptions.partitionAssignmentStrategy
        var producerConfiguration = KafkaProducerConfiguration(kafka: options.kafka)
        // An output up to the limit must leave: librdkafka would refuse a larger one than its own limit at once,
        // and the worker would stop on it at every restart. The room above is for the key and headers.
        producerConfiguration.maxMessageBytes = max(producerConfiguration.maxMessageBytes, options.maxMessageBytes + 65_536)
        // Consumers read committed records only, in both modes (the configuration's default).
        if options.exactlyOnce {
            consumerConfiguration.autoCommit = false
            producerConfiguration.transactionalID = options.transactionalID
        }
        return (consumerConfiguration, producerConfiguration)
    }

    func consumeLoop() throws(KafkaError) {
        var (consumerConfiguration, producerConfiguration) = clientConfigurations()
        // Made at once, so that a setting librdkafka refuses stops the worker before it waits for anything.
        var unjoined = try makeConsumer(consumerConfiguration)
        let producer = try KafkaProducer(configuration: producerConfiguration, logger: logger)
        producer.onError { [self] error in kafkaError(error) }
        let input = stage.inputTopic(topics)
        let clusterTopics = try awaitTopics([input, stage.outputTopic(topics), topics.deadLetter], producer: producer)
        let embedded = EmbeddedCluster.groupProperties(
            forClusterWith: clusterTopics, given: consumerConfiguration.kafka.additionalProperties
        )
        if !embedded.isEmpty {
            // The group's timings are fixed when a consumer is made; this one has not joined the group yet.
            _ = unjoined.close(timeout: .seconds(1))
            consumerConfiguration.kafka.additionalProperties.merge(embedded) { given, _ in given }
            unjoined = try makeConsumer(consumerConfiguration)
            logger.info(
                "on the embedded cluster: using its group timings",
                metadata: ["kafka.properties": "\(embedded.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))"]
            )
        }
        // The embedded cluster does not store offsets sent to a transaction: a restarted worker read its whole input
        // again. There, each transaction's offsets are also committed through the consumer once it has committed.
        let commitsOutsideTransactions = options.exactlyOnce && clusterTopics.contains(EmbeddedCluster.markerTopic)
        if commitsOutsideTransactions {
            logger.info("on the embedded cluster, which does not store offsets sent to a transaction: committing them through the consumer too")
        }
        let consumer = unjoined
        consumer.onRebalance { [self] event in handleRebalance(event, consumer: consumer, producer: producer) }
        if shouldStop {
            // Stopped (or failed) before the topics were there.
            try finish(consumer: consumer, producer: producer)
            return
        }
        if options.exactlyOnce { try producer.initTransactions() }
        try consumer.subscribe(topics: [input])
        logger.info(
            "started",
            metadata: [
                "kafka.topic": "\(input)", "kafka.group": "\(options.group)",
                "mode": "\(options.exactlyOnce ? "exactly-once" : "at-least-once")",
            ]
        )

        var lastSummary = ContinuousClock.now
        var lastSnapshot = statistics.snapshot
        var lastLag = ContinuousClock.now
        var sizer = BatchSizer(ceiling: options.exactlyOnce ? 1_000 : 256, first: 64, budget: batchBudget)
        while !shouldStop {
            health.loopTurned()
            let batch: [ConsumerRecord]
            do {
                // With a batch on the lanes, take only what is already here: that batch is to be sent next.
                let wait = onLanes.withLock { $0 == nil } ? Duration.milliseconds(100) : .zero
                batch = try pollBatch(consumer, maxRecords: sizer.limit, firstWithin: wait)
            } catch where !error.isFatal {
                logger.warning("consume: \(error.reason)")
                continue
            }
            if !batch.isEmpty {
                health.brokersReachable()
                statistics.record { $0.consumed += batch.count }
                metrics.consumed.increment(by: Int64(batch.count))
            }
            if options.exactlyOnce {
                // A transaction holds one batch's outputs and offsets: processed and committed before the next poll.
                if !batch.isEmpty {
                    let (outgoing, elapsed) = startProcessing(batch).finished()
                    sizer.processed(batch.count, in: elapsed)
                    try commitInTransaction(
                        outgoing, batch: batch, consumer: consumer, producer: producer,
                        alsoCommittingOutside: commitsOutsideTransactions
                    )
                }
            } else {
                // This batch goes to the lanes while the last one is sent: polling and producing overlap processing.
                let previous = onLanes.withLock { $0.take() }
                if !batch.isEmpty { onLanes.withLock { $0 = startProcessing(batch) } }
                if let previous {
                    let (count, elapsed) = sendFinished(previous, consumer: consumer, producer: producer)
                    sizer.processed(count, in: elapsed)
                    waitForRoom()
                }
                storeReadyOffsets(consumer)
            }
            metrics.inFlight.record(tracker.withLock { $0.inFlight })
            if ContinuousClock.now - lastLag >= .seconds(2) {
                if let lag = try? consumer.lag() { metrics.lag(lag.map { ($0.topic, $0.partition, $0.offset) }) }
                // librdkafka says when it loses the last broker, not when one is back: ask one (nothing to process
                // meanwhile, as no record can arrive).
                if health.brokersAreUnreachable, (try? consumer.metadata(topic: input, timeout: .seconds(1))) != nil {
                    health.brokersReachable()
                    logger.info("a broker is reachable again")
                }
                lastLag = .now
            }
            if let interval = options.summaryInterval, ContinuousClock.now - lastSummary >= interval {
                let snapshot = statistics.snapshot
                logSummary(snapshot, previous: lastSnapshot, over: ContinuousClock.now - lastSummary)
                lastSummary = .now
                lastSnapshot = snapshot
            }
        }
        try finish(consumer: consumer, producer: producer)
    }

    /// Waits until the cluster answers and holds every one of `names`: alive, not ready, with a warning when the
    /// reason changes and every 30 s. Subscribing to a missing topic would wait silently, or, where the broker
    /// creates topics on first use (the embedded cluster does), make an empty one with the broker's defaults, so
    /// a mistyped prefix would look like a quiet stage. Waiting rather than exiting lets workers start before
    /// their topics, as `kubectl apply` of the topics and the workers together does. Asking creates none.
    ///
    /// - Returns: Every topic the cluster holds, or none when the worker was stopped first.
    private func awaitTopics(_ names: [String], producer: KafkaProducer) throws(KafkaError) -> Set<String> {
        var lastReason = ""
        var lastWarning = ContinuousClock.now
        health.waiting(for: "asking the cluster for its topics")
        defer { health.waiting(for: nil) }
        while !shouldStop {
            health.loopTurned()
            let reason: String
            do throws(KafkaError) {
                let existing = Set(try producer.metadata(timeout: .seconds(5)).map(\.name))
                let missing = names.filter { !existing.contains($0) }
                if missing.isEmpty { return existing }
                reason = "no topic \(missing.joined(separator: ", ")) on the cluster: create the pipeline's topics (newsline topics create) or check the topic prefix"
            } catch where !error.isFatal {
                reason = "the cluster does not answer: \(error.reason)"
            }
            health.waiting(for: reason)
            if reason != lastReason || ContinuousClock.now - lastWarning >= .seconds(30) {
                logger.warning("waiting to start: \(reason)")
                lastReason = reason
                lastWarning = .now
            }
            Thread.sleep(forTimeInterval: 1)
        }
        return []
    }

    private func makeConsumer(_ configuration: KafkaConsumerConfiguration) throws(KafkaError) -> KafkaConsumer {
        let consumer = try KafkaConsumer(configuration: configuration, logger: logger)
        consumer.onError { [self] error in kafkaError(error) }
        return consumer
    }

    private func kafkaError(_ error: KafkaError) {
        metrics.kafkaError(code: error.rdKafkaName ?? error.code.description)
        if error.rdKafkaName == "_ALL_BROKERS_DOWN" { health.brokersUnreachable(error.reason) }
        if error.isFatal {
            fail(error)
        } else {
            logger.warning("kafka: \(error.reason)", metadata: ["kafka.error": "\(error.rdKafkaName ?? "")"])
        }
    }

    /// Waits up to `wait` for a first record, then takes what arrives before a short deadline.
    private func pollBatch(_ consumer: KafkaConsumer, maxRecords: Int, firstWithin wait: Duration) throws(KafkaError)
        -> [ConsumerRecord]
    {
        var batch: [ConsumerRecord] = []
        guard let first = try consumer.poll(timeout: wait) else { return batch }
        batch.append(first)
        let deadline = ContinuousClock.now + .milliseconds(options.exactlyOnce ? 100 : 5)
        while batch.count < maxRecords, ContinuousClock.now < deadline, let next = try consumer.poll(timeout: .zero) {
            batch.append(next)
        }
        return batch
    }

    /// Waits for a batch's lanes and sends its outputs: how many records it had, and how long its slowest lane took.
    private func sendFinished(_ lanes: LaneBatch, consumer: KafkaConsumer, producer: KafkaProducer) -> (Int, Duration) {
        let (outgoing, elapsed) = lanes.finished()
        send(outgoing, consumer: consumer, producer: producer)
        return (outgoing.count, elapsed)
    }

    /// Sends what the batch on the lanes makes, if there is one, so its offsets can be stored before a revocation
    /// or shutdown commits. After a fatal error it is only waited for: its records are read again.
    private func sendBatchOnLanes(consumer: KafkaConsumer, producer: KafkaProducer) {
        guard let lanes = onLanes.withLock({ $0.take() }) else { return }
        if failure.withLock({ $0 }) == nil {
            _ = sendFinished(lanes, consumer: consumer, producer: producer)
        } else {
            _ = lanes.finished()
        }
    }

    private func waitForRoom() {
        while tracker.withLock({ $0.inFlight }) > maxInFlight, !shouldStop {
            Thread.sleep(forTimeInterval: 0.001)
        }
    }

    private func handleRebalance(_ event: KafkaConsumer.RebalanceEvent, consumer: KafkaConsumer, producer: KafkaProducer) {
        switch event {
        case .assigned(let partitions):
            metrics.rebalance("assigned")
            health.groupJoined()
            if partitions.isEmpty {
                // A cooperative rebalance ends with an assignment of what was added, often nothing.
                logger.debug("rebalance done, no partitions added")
            } else {
                logger.info("partitions assigned", metadata: ["kafka.partitions": "\(describe(partitions))"])
            }
        case .revoked(let partitions):
            metrics.rebalance("revoked")
            logger.info("partitions revoked", metadata: ["kafka.partitions": "\(describe(partitions))"])
            if !options.exactlyOnce {
                // Send what the lanes hold, let acknowledgements arrive so their offsets are stored, then commit
                // before letting go.
                sendBatchOnLanes(consumer: consumer, producer: producer)
                try? producer.flush(timeout: shutdownTimeLeft)
                storeReadyOffsets(consumer)
                // Closing commits the stored offsets itself as it unassigns, within the time the close is given. A
                // commit waited for here would not be: with the coordinator out of reach it blocks until requests
                // time out, most of a minute.
                if !shouldStop { try? consumer.commit() }
            }
            tracker.withLock { $0.forget(partitions) }
            metrics.forgetLag(partitions.map { ($0.topic, $0.partition) })
        case .failed(let error):
            metrics.rebalance("failed")
            logger.warning("rebalance failed: \(error.reason)")
        }
    }

    private func describe(_ partitions: [TopicPartitionOffset]) -> String {
        partitions.map { "\($0.topic)[\($0.partition)]" }.joined(separator: ",")
    }

    private func finish(consumer: KafkaConsumer, producer: KafkaProducer) throws(KafkaError) {
        sendBatchOnLanes(consumer: consumer, producer: producer)
        let fatal = failure.withLock { $0 }
        // Leaving the group gets the last part of the shutdown timeout, however long flushing takes.
        let leaving = min(.milliseconds(500), options.shutdownTimeout / 4)
        if fatal == nil {
            do {
                try producer.flush(timeout: shutdownTimeLeft - leaving)
            } catch {
                logger.warning("shutdown: \(producer.outstandingCount) outputs not acknowledged; their inputs will be read again")
            }
        }
        // Acknowledged work is stored even after a fatal error: those records are done.
        if !options.exactlyOnce { storeReadyOffsets(consumer) }
        if !consumer.close(timeout: max(shutdownTimeLeft, leaving)) {
            logger.warning(
                "shutdown: could not commit and leave the group within the shutdown timeout (is the cluster reachable?); records not committed will be read again"
            )
        }
        producer.close(timeout: .milliseconds(100))
        let snapshot = statistics.snapshot
        logger.info(
            "stopped",
            metadata: [
                "in": "\(snapshot.consumed)", "out": "\(snapshot.produced)",
                "dead": "\(snapshot.deadLettered)", "skipped": "\(snapshot.skipped)",
            ]
        )
        if let fatal { throw fatal }
    }

    private func logSummary(_ now: StageStatistics.Snapshot, previous: StageStatistics.Snapshot, over elapsed: Duration) {
        let seconds = elapsed / .seconds(1)
        let rate = seconds > 0 ? Double(now.consumed - previous.consumed) / seconds : 0
        logger.info(
            "summary",
            metadata: [
                "in": "\(now.consumed)", "out": "\(now.produced)", "dead": "\(now.deadLettered)",
                "skipped": "\(now.skipped)", "rate": "\(String(format: "%.1f", rate))/s",
                "inflight": "\(tracker.withLock { $0.inFlight })",
            ]
        )
    }
}
