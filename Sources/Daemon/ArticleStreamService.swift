import Kafka
import Logging
import Pipeline
import ServiceLifecycle
import Synchronization
import SystemdNotify
import Telemetry

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

    private let engine = Mutex<Engine?>(nil)

    public func run() async throws {
        let engine = try Engine(configuration: configuration, processor: processor, logger: logger)
        self.engine.withLock { $0 = engine }
        defer { self.engine.withLock { $0 = nil } }
        try await engine.run()
    }

    /// Swaps in a processor with new stage parameters (SIGHUP). Articles already being processed
    /// finish with the old one; nothing is lost or processed twice. Returns false when not running.
    @discardableResult
    public func replaceProcessor(_ processor: ArticleProcessor) -> Bool {
        guard let engine = engine.withLock({ $0 }) else { return false }
        engine.replaceProcessor(processor)
        return true
    }
}

/// The wired parts of one running service; separate from the `Service` so the parts can be
/// created with the references they need of each other.
private final class Engine: Sendable {
    private let configuration: DaemonConfiguration
    private let currentProcessor: Mutex<ArticleProcessor>
    private var processor: ArticleProcessor { currentProcessor.withLock { $0 } }
    private let metrics: DaemonMetrics
    private let notifier: SystemdNotifier
    private let producerReady = Atomic<Bool>(false)
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

    init(configuration: DaemonConfiguration, processor: ArticleProcessor, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        self.notifier = try SystemdNotifier()
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
        let forwarder = DeliveryForwarder()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(client: client), logger: logger,
            onDelivery: forwarder.forward
        )
        self.producer.withLock { $0 = producer }
        let counters = self.counters
        self.metrics = try DaemonMetrics(
            stages: processor.stages, counters: counters, consumer: consumer, producer: producer,
            laggingSince: { counters.newestTimestamp(of: $0) }
        )
        self.currentProcessor = Mutex(processor.observed(by: metrics))
        forwarder.connect(self)
    }

    private var kafkaProducer: KafkaProducer? { producer.withLock { $0 } }

    func run() async throws {
        guard let producer = kafkaProducer else { return }
        for stage in processor.stages { try await stage.start(logger: logger) }
        let followers = try await restoreChangelogs(producer: producer)
        checkOutputTopics(producer)
        let server = try startMetricsServer()
        defer { server?.stop() }
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
            let systemd = Task { [self] in await superviseWithSystemd() }

            failure = await waitForShutdownOrFatalError(producer: producer)
            progress.cancel()
            offsetStore.cancel()
            systemd.cancel()
            _ = try? notifier.stopping()
            logger.info("stopping", metadata: ["in_flight": "\(consumer.inFlightCount)"])
            await consumer.stopPolling()
            for input in workerInputs { input.finish() }
            await drainDeliveries(producer: producer)
            retries.continuation.finish()
            await group.waitForAll()
        }
        commitAndClose()
        await producer.shutdown(timeout: .seconds(5))
        for follower in followers { await follower.stop() }
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
        counters.recordTimestamps(of: batch)
        var perWorker = [[Work]](repeating: [], count: workerInputs.count)
        for record in batch {
            let key = InputPartition(topic: record.topicPartition.topic, partition: record.topicPartition.partition)
            let ticket = tracker.begin(key, offset: record.offset)
            perWorker[worker(for: record)].append(Work(record: record, ticket: ticket))
        }
        for (worker, items) in perWorker.enumerated() where !items.isEmpty {
            workerInputs[worker].yield(items)
        }
    }

    /// Same partition (or, with `ordering: key`, same key) → same worker, so their order holds.
    private func worker(for record: KafkaRecord) -> Int {
        let spread: UInt64
        if configuration.processing.ordering == .key, let key = record.key {
            spread = StableHash.mix(StableHash.fnv1a64(key))
        } else {
            spread = StableHash.fnv1a64(record.topicPartition.topic.utf8) &+ UInt64(UInt32(bitPattern: record.topicPartition.partition))
        }
        return Int(spread % UInt64(workerInputs.count))
    }

    // MARK: 2. workers

    private func work(_ stream: AsyncStream<[Work]>, producer: KafkaProducer) async {
        for await items in stream {
            let processor = self.processor  // one look-up per batch; a reload applies from the next batch
            for item in items { await process(item, with: processor, producer: producer) }
        }
    }

    func replaceProcessor(_ processor: ArticleProcessor) {
        currentProcessor.withLock { $0 = processor.observed(by: metrics) }
        logger.info("stage parameters reloaded", metadata: ["pipeline_version": "\(processor.encoder.pipeline.version)"])
    }

    private func process(_ item: Work, with processor: ArticleProcessor, producer: KafkaProducer) async {
        let record = item.record
        let position = SourcePosition(
            topic: record.topicPartition.topic, partition: record.topicPartition.partition,
            offset: record.offset, timestampMilliseconds: record.timestampMilliseconds
        )
        switch await processor.process(value: record.value, key: record.key, position: position) {
        case .publish(let publication):
            await emit(PendingOutput(ticket: item.ticket, topic: publication.topic ?? configuration.topics.output, key: publication.key,
                                     value: publication.value, headers: [], afterAcknowledgement: publication.afterAcknowledgement,
                                     inputTimestampMilliseconds: record.timestampMilliseconds,
                                     publishedAtMilliseconds: publication.publishedAtMilliseconds),
                       original: record, producer: producer)
        case .drop(let id, let stage, let reason, let afterAcknowledgement):
            logger.debug("dropped", metadata: ["id": "\(id)", "stage": "\(stage)", "reason": "\(reason)"])
            for action in afterAcknowledgement { action() }
            finish(item.ticket, outcome: .dropped)
        case .deadLetter(let letter):
            logger.debug("dead-lettered", metadata: [
                "class": "\(letter.errorClass.rawValue)", "error": "\(letter.message)", "position": "\(record.topicPartition)@\(record.offset)",
            ])
            await emit(deadLetterOutput(letter, record: record, ticket: item.ticket), original: record, producer: producer)
        }
    }

    private func deadLetterOutput(_ letter: DeadLetter, record: KafkaRecord, ticket: OffsetTracker.Ticket?) -> PendingOutput {
        PendingOutput(
            ticket: ticket, topic: configuration.topics.deadLetter, key: record.key, value: record.value ?? [],
            headers: letter.headers.map { KafkaHeader(name: $0.0, string: $0.1) } + record.headers,
            deadLetterClass: letter.errorClass, inputTimestampMilliseconds: record.timestampMilliseconds
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
            if output.topic != configuration.topics.deadLetter {
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

    fileprivate func delivered(_ report: DeliveryReport) {
        guard var output = ledger.take(report.token) else { return }
        if let error = report.error {
            logger.warning("delivery failed; will re-send", metadata: ["topic": "\(output.topic)", "error": "\(error)", "attempts": "\(output.attempts)"])
            output.attempts += 1
            counters.redelivered.add(1, ordering: .relaxed)
            retries.continuation.yield(output)
            return
        }
        producerReady.store(true, ordering: .relaxed)
        for action in output.afterAcknowledgement { action() }
        let now = WallClock.milliseconds()
        if let errorClass = output.deadLetterClass {
            metrics.deadLettered(errorClass)
        } else {
            if let input = output.inputTimestampMilliseconds { metrics.endToEndLatency.observe(Double(max(0, now - input)) / 1000) }
            if let published = output.publishedAtMilliseconds { metrics.articleAge.observe(Double(max(0, now - published)) / 1000) }
        }
        finish(output.ticket, outcome: output.deadLetterClass == nil ? .published : .deadLettered)
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

    // MARK: stage state in Kafka

    /// Loads every changelog-backed stage's state before the first article, then keeps following
    /// it; new entries go to the same topic through the daemon's producer.
    private func restoreChangelogs(producer: KafkaProducer) async throws -> [ChangelogFollower] {
        var followers: [ChangelogFollower] = []
        let client = KafkaClientConfiguration(bootstrapServers: configuration.kafka.brokers, clientID: configuration.kafka.clientID,
                                              extra: configuration.kafka.librdkafka)
        for case let stage as any ChangelogBackedStage in processor.stages {
            guard let topic = stage.changelogTopic else { continue }
            let logger = self.logger
            stage.attachChangelog(ChangelogSink { key, value in
                do {
                    // Token 0 is never registered in the ledger: its delivery report is ignored.
                    try producer.trySend(topic: topic, key: key, value: value, token: 0)
                } catch {
                    logger.warning("changelog entry not written", metadata: ["topic": "\(topic)", "error": "\(error)"])
                }
            })
            let follower = try ChangelogFollower(stage: stage, topic: topic, client: client, logger: logger)
            if stage.blocksWhileRestoring {
                try await follower.start()
            } else {
                stage.setRestoring(true)
                Task {
                    do { try await follower.start() } catch { logger.error("changelog restore failed", metadata: ["error": "\(error)"]) }
                    stage.setRestoring(false)
                }
            }
            followers.append(follower)
        }
        return followers
    }

    // MARK: health, metrics, systemd

    /// A metadata round trip proves the producer can reach the cluster (readiness) and catches
    /// missing output topics before the first article needs them.
    private func checkOutputTopics(_ producer: KafkaProducer) {
        do {
            let topics = try producer.topicPartitionCounts(timeout: .seconds(10))
            producerReady.store(true, ordering: .relaxed)
            for topic in [configuration.topics.output, configuration.topics.deadLetter] where topics[topic] == nil {
                logger.error("topic does not exist (yet); records for it will wait and retry", metadata: ["topic": "\(topic)"])
            }
        } catch {
            logger.warning("brokers not reachable yet", metadata: ["error": "\(error)"])
        }
    }

    private var isHealthy: Bool {
        let age = MonotonicClock.nanoseconds() - consumer.lastPollUptimeNanoseconds
        return age < Int64(configuration.metrics.healthMaxPollAgeMilliseconds) * 1_000_000
    }

    /// Ready once the group has given this member its (possibly empty) share and the producer
    /// has reached the cluster.
    private var isReady: Bool { consumer.rebalanceCount > 0 && producerReady.load(ordering: .relaxed) }

    private func startMetricsServer() throws -> HTTPHealthServer? {
        let address = configuration.metrics.address
        guard !address.isEmpty, address != "off" else { return nil }
        let logger = self.logger
        let server = HTTPHealthServer(
            address: try ListenAddress(parsing: address), registry: metrics.registry,
            health: { [weak self] in
                (self?.isHealthy ?? false) ? (200, "ok\n") : (503, "consumer loop not progressing\n")
            },
            readiness: { [weak self] in
                (self?.isReady ?? false) ? (200, "ready\n") : (503, "waiting for partition assignment and broker connection\n")
            },
            errorSink: { logger.warning("metrics endpoint", metadata: ["error": "\($0)"]) }
        )
        let port = try server.start()
        logger.info("metrics endpoint listening", metadata: ["address": "\(address)", "port": "\(port)"])
        return server
    }

    /// READY=1 after the first assignment, WATCHDOG=1 only while the poll loop progresses,
    /// STATUS= with throughput and lag. No-ops outside systemd.
    private func superviseWithSystemd() async {
        guard notifier.isEnabled else { return }
        while !isReady && !Task.isCancelled { try? await Task.sleep(for: .milliseconds(100)) }
        guard !Task.isCancelled else { return }
        _ = try? notifier.ready(status: "ready: \(consumer.assignment.count) partition(s)")
        await withTaskGroup(of: Void.self) { group in
            if let policy = try? WatchdogPolicy.fromEnvironment() {
                group.addTask { [self] in
                    await notifier.runWatchdog(interval: policy.pingInterval, isHealthy: { [weak self] in self?.isHealthy ?? false }) { [logger] event in
                        if event == .withheld { logger.error("watchdog ping withheld: consumer loop not progressing") }
                    }
                }
            }
            group.addTask { [self] in
                var lastDone = counters.done
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(5))
                    let done = counters.done
                    let lag = consumer.positions().reduce(Int64(0)) { $0 + max(0, $1.highWatermark - $1.position) }
                    _ = try? notifier.status("\((done - lastDone) / 5) articles/s, lag \(lag), in flight \(consumer.inFlightCount), \(consumer.assignment.count) partition(s)")
                    lastDone = done
                }
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

/// Lets the producer be created before the engine that handles its delivery reports is complete.
///
/// It holds a weak reference, not a closure: a closure kept in a `Mutex` and read back through the
/// generic `withLock` got wrapped in one more reabstraction thunk on every read, so each delivery
/// report went one call deeper — slowing down and finally overflowing the stack (found by the
/// backlog benchmark).
private final class DeliveryForwarder: Sendable {
    private struct Target: Sendable {
        weak var engine: Engine?
    }

    private let target = Mutex(Target())

    func connect(_ engine: Engine) {
        target.withLock { $0.engine = engine }
    }

    @Sendable func forward(_ report: DeliveryReport) {
        let engine = target.withLock { $0.engine }
        engine?.delivered(report)
    }
}
