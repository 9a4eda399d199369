import Kafka
import Logging
import Pipeline
import ServiceLifecycle
import Synchronization

/// The daemon's one loop: consume → process → produce → commit, at least once.
///
/// Follow an article through it in order:
/// 1. the consumer's poll thread receives a batch and `dispatch` gives each record a ticket in the
///    offset tracker and queues it for the worker that owns its partition (one partition, one
///    worker: per-partition order holds);
/// 2. a worker runs the `ArticleProcessor` (decode → stages → encode) and produces the enriched
///    record, or the original bytes to the dead-letter topic, registering it in the ledger;
/// 3. the producer's delivery report completes the ticket; every 100 ms the partitions' contiguous
///    done prefixes are stored, and librdkafka commits stored offsets every second;
/// 4. on SIGTERM/SIGINT fetching stops, workers finish what they hold, the producer flushes, the
///    final offsets are committed and the service returns normally (exit 0 for systemd).
public final class ArticleStreamService: Service {
    private let configuration: DaemonConfiguration
    private let processor: ArticleProcessor
    private let logger: Logger

    public init(configuration: DaemonConfiguration, processor: ArticleProcessor, logger: Logger) {
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
    }

    public func run() async throws {
        let engine = try Engine(configuration: configuration, processor: processor, logger: logger)
        try await engine.run()
    }
}

/// The wired parts of one running service; separate from the `Service` so the parts can be
/// created with the references they need of each other.
private final class Engine: Sendable {
    private let configuration: DaemonConfiguration
    private let processor: ArticleProcessor
    private let logger: Logger
    private let tracker = OffsetTracker()
    private let ownership: PartitionOwnership
    private let ledger = OutputLedger()
    private let counters = StreamCounters()
    private let consumer: KafkaConsumer
    private let producer: Mutex<KafkaProducer?> = Mutex(nil)
    private let workerInputs: [AsyncStream<[Work]>.Continuation]
    private let workerStreams: [AsyncStream<[Work]>]
    private let retries: (stream: AsyncStream<PendingOutput>, continuation: AsyncStream<PendingOutput>.Continuation)

    struct Work: Sendable {
        let record: KafkaRecord
        let ticket: OffsetTracker.Ticket?
    }

    init(configuration: DaemonConfiguration, processor: ArticleProcessor, logger: Logger) throws(KafkaError) {
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
        let drain = Duration.milliseconds(configuration.processing.drainTimeoutMilliseconds)
        self.ownership = PartitionOwnership(tracker: tracker, stages: processor.stages, drainTimeout: drain, logger: logger)
        let client = KafkaClientConfiguration(
            bootstrapServers: configuration.kafka.brokers, clientID: configuration.kafka.clientID,
            extra: configuration.kafka.librdkafka
        )
        self.consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: configuration.kafka.groupID,
                groupInstanceID: configuration.kafka.groupInstanceID,
                assignmentStrategy: configuration.kafka.assignmentStrategy,
                sessionTimeoutMilliseconds: configuration.kafka.sessionTimeoutMilliseconds,
                autoOffsetReset: configuration.kafka.autoOffsetReset
            ),
            flowControl: .init(maxInFlight: configuration.processing.maxInFlight),
            listener: ownership, logger: logger
        )
        var inputs: [AsyncStream<[Work]>.Continuation] = []
        var streams: [AsyncStream<[Work]>] = []
        for _ in 0..<configuration.processing.workers {
            // Unbounded here, bounded in fact: the consumer stops taking records at max_in_flight.
            // Elements are slices of a poll batch: one hand-over per batch, not per record.
            let (stream, continuation) = AsyncStream<[Work]>.makeStream()
            inputs.append(continuation)
            streams.append(stream)
        }
        self.workerInputs = inputs
        self.workerStreams = streams
        self.retries = AsyncStream<PendingOutput>.makeStream()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(client: client), logger: logger
        ) { [weak self] report in
            self?.delivered(report)
        }
        self.producer.withLock { $0 = producer }
    }

    private var kafkaProducer: KafkaProducer? { producer.withLock { $0 } }

    func run() async throws {
        guard let producer = kafkaProducer else { return }
        for stage in processor.stages { try await stage.start(logger: logger) }
        try consumer.subscribe(topics: configuration.topics.input)
        logger.info("started", metadata: [
            "input": "\(configuration.topics.input)", "output": "\(configuration.topics.output)",
            "group": "\(configuration.kafka.groupID)", "workers": "\(configuration.processing.workers)",
            "pipeline_version": "\(processor.encoder.pipeline.version)",
        ])
        consumer.start { [self] batch in dispatch(batch) }

        var failure: KafkaError?
        await withTaskGroup(of: Void.self) { group in
            for stream in workerStreams {
                group.addTask { [self] in await work(stream, producer: producer) }
            }
            group.addTask { [self] in await retryFailedDeliveries(producer: producer) }
            let progress = Task { [self] in await logProgress() }
            let offsetStore = Task { [self] in await storeOffsetsPeriodically() }

            failure = await waitForShutdownOrFatalError(producer: producer)
            progress.cancel()
            offsetStore.cancel()
            logger.info("stopping", metadata: ["in_flight": "\(consumer.inFlightCount)"])
            await consumer.stopPolling()
            for input in workerInputs { input.finish() }
            await drainDeliveries(producer: producer)
            retries.continuation.finish()
            await group.waitForAll()
        }
        commitAndClose()
        await producer.shutdown(timeout: .seconds(5))
        for stage in processor.stages { await stage.stop() }
        if let failure { throw failure }
        logger.info("stopped cleanly", metadata: counters.metadata.mapValues { .string($0) })
    }

    /// One line per interval while records flow, so an operator (and the benchmark) sees progress.
    private func logProgress() async {
        let interval = Duration.milliseconds(configuration.log.progressIntervalMilliseconds)
        var lastDone = -1
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let done = counters.done
            if done != lastDone {
                lastDone = done
                var metadata = counters.metadata.mapValues { Logger.MetadataValue.string($0) }
                metadata["in_flight"] = "\(consumer.inFlightCount)"
                logger.info("progress", metadata: metadata)
            }
        }
    }

    // MARK: 1. poll thread → workers

    private func dispatch(_ batch: [KafkaRecord]) {
        counters.recordReceived(batch.count)
        var perWorker = [[Work]](repeating: [], count: workerInputs.count)
        for record in batch {
            let key = OffsetTracker.PartitionKey(topic: record.topicPartition.topic, partition: record.topicPartition.partition)
            let ticket = tracker.begin(key, offset: record.offset)
            let spread = StableHash.fnv1a64(record.topicPartition.topic.utf8) &+ UInt64(UInt32(bitPattern: record.topicPartition.partition))
            perWorker[Int(spread % UInt64(workerInputs.count))].append(Work(record: record, ticket: ticket))
        }
        for (worker, items) in perWorker.enumerated() where !items.isEmpty {
            workerInputs[worker].yield(items)
        }
    }

    // MARK: 2. workers

    private func work(_ stream: AsyncStream<[Work]>, producer: KafkaProducer) async {
        for await items in stream {
            for item in items { await process(item, producer: producer) }
        }
    }

    private func process(_ item: Work, producer: KafkaProducer) async {
        let record = item.record
        let position = SourcePosition(
            topic: record.topicPartition.topic, partition: record.topicPartition.partition,
            offset: record.offset, timestampMilliseconds: record.timestampMilliseconds
        )
        switch await processor.process(value: record.value, key: record.key, position: position) {
        case .publish(let key, let value, _, let afterAcknowledgement):
            await emit(PendingOutput(ticket: item.ticket, topic: configuration.topics.output, key: key, value: value, headers: [],
                                     afterAcknowledgement: afterAcknowledgement),
                       original: record, producer: producer)
        case .drop(let id, let stage, let reason, let afterAcknowledgement):
            logger.debug("dropped", metadata: ["id": "\(id)", "stage": "\(stage)", "reason": "\(reason)"])
            for action in afterAcknowledgement { action() }
            finish(item.ticket, outcome: .dropped)
        case .deadLetter(let letter):
            logger.warning("dead-lettered", metadata: [
                "class": "\(letter.errorClass.rawValue)", "error": "\(letter.message)", "position": "\(record.topicPartition)@\(record.offset)",
            ])
            await emit(deadLetterOutput(letter, record: record, ticket: item.ticket), original: record, producer: producer)
        }
    }

    private func deadLetterOutput(_ letter: DeadLetter, record: KafkaRecord, ticket: OffsetTracker.Ticket?) -> PendingOutput {
        PendingOutput(
            ticket: ticket, topic: configuration.topics.deadLetter, key: record.key, value: record.value ?? [],
            headers: letter.headers.map { KafkaHeader(name: $0.0, string: $0.1) } + record.headers
        )
    }

    /// Produces `output`; a message the broker will never take (e.g. too large) is dead-lettered
    /// with the original bytes instead, so it is neither lost nor retried forever.
    private func emit(_ output: PendingOutput, original: KafkaRecord, producer: KafkaProducer) async {
        let token = ledger.register(output)
        do {
            try await producer.send(topic: output.topic, key: output.key, value: output.value, headers: output.headers, token: token)
        } catch {
            _ = ledger.take(token)
            if output.topic == configuration.topics.output {
                let letter = DeadLetter(
                    errorClass: .produce, message: "\(error)",
                    position: SourcePosition(topic: original.topicPartition.topic, partition: original.topicPartition.partition,
                                             offset: original.offset, timestampMilliseconds: original.timestampMilliseconds),
                    firstFailureMilliseconds: WallClock.milliseconds()
                )
                await emit(deadLetterOutput(letter, record: original, ticket: output.ticket), original: original, producer: producer)
            } else {
                logger.error("dead-letter produce failed; retrying", metadata: ["error": "\(error)"])
                retries.continuation.yield(output)
            }
        }
    }

    // MARK: 3. delivery reports → offsets

    private func delivered(_ report: DeliveryReport) {
        guard var output = ledger.take(report.token) else { return }
        if let error = report.error {
            logger.warning("delivery failed; will re-send", metadata: ["topic": "\(output.topic)", "error": "\(error)", "attempts": "\(output.attempts)"])
            output.attempts += 1
            counters.redelivered.add(1, ordering: .relaxed)
            retries.continuation.yield(output)
            return
        }
        for action in output.afterAcknowledgement { action() }
        finish(output.ticket, outcome: output.topic == configuration.topics.deadLetter ? .deadLettered : .published)
    }

    private func finish(_ ticket: OffsetTracker.Ticket?, outcome: StreamCounters.Outcome) {
        counters.recordDone(outcome)
        if let ticket { _ = tracker.complete(ticket) }
        consumer.complete(1)
    }

    /// Hands the tracker's committable offsets to librdkafka, which commits stored offsets on its
    /// auto-commit interval. Storing per acknowledgement instead cost a partition-list allocation
    /// and consumer locks per record on the delivery thread; every 100 ms is plenty for a 1 s
    /// commit interval.
    private func storeCommittableOffsets() {
        var offsets: [TopicPartition: Int64] = [:]
        for (key, offset) in tracker.committableOffsets() {
            offsets[TopicPartition(topic: key.topic, partition: key.partition)] = offset
        }
        consumer.store(offsets: offsets)
    }

    private func storeOffsetsPeriodically() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
            storeCommittableOffsets()
        }
    }

    private func retryFailedDeliveries(producer: KafkaProducer) async {
        for await output in retries.stream {
            try? await Task.sleep(for: .milliseconds(min(100 * (1 << min(output.attempts, 6)), 5_000)))
            let token = ledger.register(output)
            do {
                try await producer.send(topic: output.topic, key: output.key, value: output.value, headers: output.headers, token: token)
            } catch {
                _ = ledger.take(token)
                logger.error("re-send failed", metadata: ["topic": "\(output.topic)", "error": "\(error)"])
                var again = output
                again.attempts += 1
                retries.continuation.yield(again)
            }
        }
    }

    // MARK: 4. shutdown

    private func waitForShutdownOrFatalError(producer: KafkaProducer) async -> KafkaError? {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let fatal = consumer.fatalError ?? producer.fatalError {
                logger.critical("fatal Kafka error", metadata: ["error": "\(fatal)"])
                return fatal
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Waits until every produced message is acknowledged (or the drain timeout passes).
    private func drainDeliveries(producer: KafkaProducer) async {
        let deadline = ContinuousClock.now + .milliseconds(configuration.processing.drainTimeoutMilliseconds)
        while (consumer.inFlightCount > 0 || ledger.count > 0) && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if consumer.inFlightCount > 0 {
            logger.warning("drain timed out; unacknowledged records will be re-delivered", metadata: ["in_flight": "\(consumer.inFlightCount)"])
        }
    }

    private func commitAndClose() {
        storeCommittableOffsets()
        ownership.markShuttingDown()
        do {
            try consumer.close()
            logger.info("committed and left the group")
        } catch {
            logger.error("final commit failed; the next owner re-processes from the last commit", metadata: ["error": "\(error)"])
        }
    }
}
