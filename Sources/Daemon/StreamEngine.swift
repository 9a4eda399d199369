import Kafka
import Logging
import Pipeline
import ServiceLifecycle
import Synchronization
import SystemdNotify

/// The wired parts of one running service; separate from the `Service` so the parts can be
/// created with the references they need of each other.
final class StreamEngine: Sendable {
    let configuration: DaemonConfiguration
    let currentProcessor: Mutex<ArticleProcessor>
    var processor: ArticleProcessor { currentProcessor.withLock { $0 } }
    let metrics: DaemonMetrics
    let notifier: SystemdNotifier
    let producerReady = Atomic<Bool>(false)
    let logger: Logger
    let tracker = OffsetTracker()
    let ownership: PartitionOwnership
    let ledger = OutputLedger()
    /// `ordering: partition`: outcomes handed on in each partition's order, whichever worker
    /// processed them.
    let sequencer = OutputSequencer()
    let counters = StreamCounters()
    let consumer: KafkaConsumer
    let producer: KafkaProducer
    /// Set in exactly-once mode: every produce passes its gate and offsets commit in its transactions.
    let transactions: TransactionalCommitter?
    let workerCount: Int
    /// One shared queue (`ordering: partition`) or one per worker (`ordering: key`).
    let queues: [WorkQueue]
    let watch: WorkerWatch
    /// The thread the supervision loops run on, whatever the workers do to the pool.
    let supervisor = DedicatedThreadExecutor(name: "supervisor")
    let retries: (stream: AsyncStream<PendingOutput>, continuation: AsyncStream<PendingOutput>.Continuation)

    struct Work: Sendable {
        let record: KafkaRecord
        let ticket: OffsetTracker.Ticket?
        /// `MonotonicClock` time the poll thread took the record from the consumer.
        let receivedAt: Int64
        /// Its place in its partition's output order; nil with `ordering: key`.
        let place: OutputSequencer.Place?
    }

    init(configuration: DaemonConfiguration, processor: ArticleProcessor, logger: Logger) throws {
        self.configuration = configuration
        self.logger = logger
        self.notifier = try SystemdNotifier()
        let drain = Duration.milliseconds(configuration.processing.drainTimeoutMilliseconds)
        let client = KafkaClientConfiguration(
            bootstrapServers: configuration.kafka.brokers, clientID: configuration.kafka.clientID,
            extra: configuration.kafka.librdkafka
        )
        let exactlyOnce = configuration.processing.guarantee == .exactlyOnce
        let forwarder = DeliveryForwarder()
        let producer = try KafkaProducer(
            configuration: KafkaProducerConfiguration(
                client: client, transactionalID: exactlyOnce ? configuration.kafka.effectiveTransactionalID : nil
            ),
            logger: logger, onDelivery: forwarder.forward
        )
        self.producer = producer
        let transactions = exactlyOnce
            ? TransactionalCommitter(producer: producer, tracker: tracker,
                                     intervalMilliseconds: configuration.processing.transactionIntervalMilliseconds,
                                     timeout: .seconds(30), logger: logger)
            : nil
        self.transactions = transactions
        self.ownership = PartitionOwnership(tracker: tracker, stages: processor.stages, drainTimeout: drain,
                                            transactions: transactions, logger: logger)
        self.consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: configuration.kafka.groupID,
                groupInstanceID: configuration.kafka.groupInstanceID,
                assignmentStrategy: configuration.kafka.assignmentStrategy,
                sessionTimeoutMilliseconds: configuration.kafka.sessionTimeoutMilliseconds,
                autoOffsetReset: configuration.kafka.autoOffsetReset,
                commitMode: exactlyOnce ? .transactional : .storedOffsets
            ),
            flowControl: .init(maxInFlight: configuration.processing.maxInFlight),
            listener: ownership, logger: logger
        )
        transactions?.attach(consumer)
        // Unbounded here, bounded in fact: the consumer stops taking records at max_in_flight.
        let workers = max(1, configuration.processing.workers)
        self.workerCount = workers
        self.queues = (0..<(configuration.processing.ordering == .key ? workers : 1)).map { _ in WorkQueue() }
        self.watch = WorkerWatch(workers: workers)
        self.retries = AsyncStream<PendingOutput>.makeStream()
        let counters = self.counters
        self.metrics = try DaemonMetrics(
            stages: processor.stages, counters: counters, consumer: consumer, producer: producer,
            laggingSince: { counters.newestTimestamp(of: $0) }, stuckWorkers: { [watch] in watch.stuck },
            parkedOutputs: { [sequencer] in sequencer.parkedCount }
        )
        self.currentProcessor = Mutex(processor.observed(by: metrics))
        forwarder.connect(self)
    }

    func run() async throws {
        let producer = self.producer
        for stage in processor.stages { try await stage.start(logger: logger) }
        let changelogs = try await restoreChangelogs(producer: producer)
        checkOutputTopics(producer)
        try await transactions?.start()
        let server = try startMetricsServer()
        defer { server?.stop() }
        try consumer.subscribe(topics: configuration.topics.input)
        logger.info("started", metadata: [
            "input": "\(configuration.topics.input)", "output": "\(configuration.topics.output)",
            "group": "\(configuration.kafka.groupID)", "workers": "\(configuration.processing.workers)",
            "pipeline_version": "\(processor.encoder.pipeline.version)", "guarantee": "\(configuration.processing.guarantee.rawValue)",
        ])
        consumer.start { [self] batch in dispatch(batch) }

        var failure: KafkaError?
        await withTaskGroup(of: Void.self) { group in
            // Unstructured on purpose: a worker stuck in a stage is replaced and never awaited.
            for worker in 0..<workerCount {
                startWorker(worker, generation: 0, carryOver: [], producer: producer)
            }
            group.addTask(executorPreference: supervisor) { [self] in await retryFailedDeliveries(producer: producer) }
            let progress = Task(executorPreference: supervisor) { [self] in await logProgress() }
            let offsetStore = Task(executorPreference: supervisor) { [self] in if transactions == nil { await storeOffsetsPeriodically() } }
            let systemd = Task(executorPreference: supervisor) { [self] in await superviseWithSystemd() }
            let deadlines = Task(executorPreference: supervisor) { [self] in await enforceArticleDeadline(producer: producer) }

            failure = await withTaskExecutorPreference(supervisor) { await waitForShutdownOrFatalError(producer: producer) }
            progress.cancel()
            offsetStore.cancel()
            systemd.cancel()
            _ = try? notifier.stopping()
            logger.info("stopping", metadata: ["in_flight": "\(consumer.inFlightCount)"])
            await consumer.stopPolling()
            for queue in queues { queue.finish() }
            if failure == nil { await drainDeliveries(producer: producer) }
            // After a fatal error nothing more can be delivered: exit (non-zero) without waiting
            // for the workers; only acknowledged offsets are ever committed.
            while watch.liveWorkers > 0 && failure == nil { try? await Task.sleep(for: .milliseconds(10)) }
            deadlines.cancel()
            retries.continuation.finish()
            // Re-sends still queued are abandoned, not drained: their inputs are not committed,
            // so they are re-delivered on the next start (and after a fatal error, each would
            // fail again after its backoff, for hours).
            group.cancelAll()
            await group.waitForAll()
        }
        await commitAndClose(failed: failure != nil)
        await producer.shutdown(timeout: .seconds(5))
        await changelogs.stop()
        for stage in processor.stages { await stage.stop() }
        if let failure { throw failure }
        logger.info("stopped cleanly", metadata: counters.metadata.mapValues { .string($0) })
    }

    /// One line per interval while records flow, so an operator (and the benchmark) sees progress.
    func logProgress() async {
        let interval = Duration.milliseconds(configuration.log.progressIntervalMilliseconds)
        var lastDone = -1
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let done = counters.done
            if done != lastDone {
                lastDone = done
                var metadata = counters.metadata.mapValues { Logger.MetadataValue.string($0) }
                metadata["in_flight"] = "\(consumer.inFlightCount)"
                metadata["parked"] = "\(sequencer.parkedCount)"
                logger.info("progress", metadata: metadata)
            }
        }
    }

    // MARK: 1. poll thread → workers

    func dispatch(_ batch: [KafkaRecord]) {
        counters.recordReceived(batch.count)
        counters.recordTimestamps(of: batch)
        let receivedAt = MonotonicClock.nanoseconds()
        let byKey = configuration.processing.ordering == .key
        // Partition order: one queue for all workers; the sequencer restores each partition's
        // order when the outcomes are handed on.
        let places = byKey ? [] : sequencer.places(for: batch.map(\.topicPartition))
        var perQueue = [[Work]](repeating: [], count: queues.count)
        // A batch holds few partitions: hash each topic name once per batch, not once per record.
        var partitionWorkers: [TopicPartition: Int] = [:]
        for (index, record) in batch.enumerated() {
            let key = InputPartition(topic: record.topicPartition.topic, partition: record.topicPartition.partition)
            let ticket = tracker.begin(key, offset: record.offset)
            let queue: Int
            if !byKey {
                queue = 0
            } else if let recordKey = record.key {
                queue = Int(StableHash.mix(StableHash.fnv1a64(recordKey)) % UInt64(workerCount))
            } else if let known = partitionWorkers[record.topicPartition] {
                queue = known
            } else {
                queue = worker(for: record.topicPartition)
                partitionWorkers[record.topicPartition] = queue
            }
            perQueue[queue].append(Work(record: record, ticket: ticket, receivedAt: receivedAt, place: byKey ? nil : places[index]))
        }
        for (queue, items) in perQueue.enumerated() { queues[queue].push(items) }
    }

    /// With `ordering: key`, records without a key: same partition → same worker, so their
    /// partition's order holds.
    func worker(for partition: TopicPartition) -> Int {
        let spread = StableHash.fnv1a64(partition.topic.utf8) &+ UInt64(UInt32(bitPattern: partition.partition))
        return Int(spread % UInt64(workerCount))
    }

    // MARK: 2. workers

    /// A worker task, on the cooperative pool (see `DedicatedThreadExecutor` for why that is
    /// fine and the supervision loops run elsewhere).
    func startWorker(_ worker: Int, generation: UInt64, carryOver: [Work], producer: KafkaProducer) {
        Task { [self] in await work(worker, generation: generation, carryOver: carryOver, producer: producer) }
    }

    /// `carryOver`: the rest of the batch of the worker this one replaces (see `WorkerWatch`).
    func work(_ worker: Int, generation: UInt64, carryOver: [Work], producer: KafkaProducer) async {
        if !carryOver.isEmpty {
            guard await process(carryOver, worker: worker, generation: generation, producer: producer) else { return }
        }
        let queue = queues[queues.count == 1 ? 0 : worker]
        var ranSince = MonotonicClock.nanoseconds()
        while let items = await queue.next() {
            guard await process(items, worker: worker, generation: generation, producer: producer) else { return }
            // A queue with records left returns without suspending, so under a backlog the workers
            // would hold the pool's threads for good, and the timers that wake the supervision
            // loops (they fire on the pool) with them: the progress log went silent for the whole
            // drain. Letting go every ~25 ms, about as often as the per-worker streams this queue
            // replaced suspended, keeps them on time; every 2 ms lengthened the latency tail.
            let now = MonotonicClock.nanoseconds()
            if now - ranSince > 25_000_000 {
                await Task.yield()
                ranSince = MonotonicClock.nanoseconds()
            }
        }
        watch.workerFinished()
    }

    /// False when this worker was replaced meanwhile: its task ends without taking from the queue again.
    ///
    /// No `Task.yield()` between articles: the loops that must run whatever the workers do are on
    /// the supervisor thread, and yielding the pool every 2 ms multiplied the latency tail
    /// (see `DedicatedThreadExecutor`).
    func process(_ batch: [Work], worker: Int, generation: UInt64, producer: KafkaProducer) async -> Bool {
        let processor = self.processor  // one look-up per batch; a reload applies from the next batch
        guard watch.beginBatch(batch, worker: worker, generation: generation) else { return false }
        for (index, item) in batch.enumerated() {
            guard watch.beginItem(index, worker: worker, generation: generation, now: MonotonicClock.nanoseconds()) else { return false }
            let record = item.record
            let outcome = await processor.process(value: record.value, key: record.key, position: record.sourcePosition)
            guard watch.endItem(worker: worker, generation: generation) else { return false }
            await handOn(outcome, of: item, producer: producer)
        }
        return true
    }

    /// In partition order when the item has a place in it: the outcomes that are next, possibly
    /// other workers' as well, or none when this one has to wait for an earlier record.
    func handOn(_ outcome: ProcessingOutcome, of item: Work, producer: KafkaProducer) async {
        guard let place = item.place else {
            await handle(outcome, of: item, producer: producer)
            return
        }
        var turn = sequencer.arrive(.init(item: item, outcome: outcome), at: place)
        while !turn.isEmpty {
            for finished in turn { await handle(finished.outcome, of: finished.item, producer: producer) }
            turn = sequencer.handedOn(lane: place.lane)
        }
    }

    func replaceProcessor(_ processor: ArticleProcessor) {
        currentProcessor.withLock { $0 = processor.observed(by: metrics) }
        logger.info("stage parameters reloaded", metadata: ["pipeline_version": "\(processor.encoder.pipeline.version)"])
    }

    func handle(_ outcome: ProcessingOutcome, of item: Work, producer: KafkaProducer) async {
        let record = item.record
        switch outcome {
        case .publish(let publication):
            await emit(PendingOutput(ticket: item.ticket, topic: publication.topic ?? configuration.topics.output, key: publication.key,
                                     value: publication.value, headers: [], afterAcknowledgement: publication.afterAcknowledgement,
                                     inputTimestampMilliseconds: record.timestampMilliseconds,
                                     publishedAtMilliseconds: publication.publishedAtMilliseconds,
                                     receivedAtNanoseconds: item.receivedAt, original: record),
                       producer: producer)
        case .drop(let id, let stage, let reason, let afterAcknowledgement):
            logger.debug("dropped", metadata: ["id": "\(id)", "stage": "\(stage)", "reason": "\(reason)"])
            for action in afterAcknowledgement { action() }
            finish(item.ticket, outcome: .dropped)
        case .deadLetter(let letter):
            logger.debug("dead-lettered", metadata: [
                "class": "\(letter.errorClass.rawValue)", "error": "\(letter.message)", "position": "\(record.topicPartition)@\(record.offset)",
            ])
            await emit(deadLetterOutput(letter, record: record, ticket: item.ticket), producer: producer)
        }
    }

    func deadLetterOutput(_ letter: DeadLetter, record: KafkaRecord, ticket: OffsetTracker.Ticket?) -> PendingOutput {
        PendingOutput(
            ticket: ticket, topic: configuration.topics.deadLetter, key: record.key, value: record.value ?? [],
            headers: letter.headers.map { KafkaHeader(name: $0.0, string: $0.1) } + record.headers,
            deadLetterClass: letter.errorClass, inputTimestampMilliseconds: record.timestampMilliseconds
        )
    }

    /// Produces `output`; what happens when librdkafka will not take it: `sendFailed`.
    func emit(_ output: PendingOutput, producer: KafkaProducer) async {
        let token = ledger.register(output)
        do {
            try await send(output, token: token, producer: producer)
            if let received = output.receivedAtNanoseconds, output.attempts == 1 {
                metrics.consumeToProduce.observe(Double(max(0, MonotonicClock.nanoseconds() - received)) / 1e9)
            }
        } catch {
            _ = ledger.take(token)
            await sendFailed(output, error: error, producer: producer)
        }
    }

    /// In exactly-once mode every produce passes the transaction's gate, so a commit sees a quiet
    /// producer and knows which inputs its transaction holds.
    func send(_ output: PendingOutput, token: UInt64, producer: KafkaProducer) async throws(KafkaError) {
        guard let transactions else {
            try await producer.send(topic: output.topic, key: output.key, value: output.value, headers: output.headers, token: token)
            return
        }
        await transactions.enterProduce()
        do {
            try await producer.send(topic: output.topic, key: output.key, value: output.value, headers: output.headers, token: token)
        } catch {
            transactions.leaveProduce(accepted: false)
            throw error
        }
        transactions.leaveProduce(accepted: true)
    }

    // MARK: 3. delivery reports → offsets

    func delivered(_ report: DeliveryReport) {
        guard let output = ledger.take(report.token) else { return }
        defer { transactions?.settle() }
        if let error = report.error, let transactions {
            // A transaction with an undelivered message can only be aborted; the restart
            // re-processes its inputs.
            transactions.deliveryFailed(error)
            return
        }
        if let error = report.error, error.rejectsMessage {
            rejected(output, error: error)
            return
        }
        if let error = report.error {
            logger.warning("delivery failed; will re-send", metadata: ["topic": "\(output.topic)", "error": "\(error)", "attempts": "\(output.attempts)"])
            counters.redelivered.add(1, ordering: .relaxed)
            scheduleRetry(output)
            return
        }
        producerReady.store(true, ordering: .relaxed)
        for action in output.afterAcknowledgement { action() }
        let now = WallClock.milliseconds()
        if let errorClass = output.deadLetterClass {
            metrics.deadLettered(errorClass)
        } else {
            if let input = output.inputTimestampMilliseconds { metrics.endToEndLatency.observe(Double(max(0, now - input)) / 1000) }
            if let received = output.receivedAtNanoseconds {
                metrics.consumeToPublish.observe(Double(max(0, MonotonicClock.nanoseconds() - received)) / 1e9)
            }
            if let published = output.publishedAtMilliseconds { metrics.articleAge.observe(Double(max(0, now - published)) / 1000) }
        }
        finish(output.ticket, outcome: output.deadLetterClass == nil ? .published : .deadLettered)
    }

    func finish(_ ticket: OffsetTracker.Ticket?, outcome: StreamCounters.Outcome) {
        counters.recordDone(outcome)
        if let ticket { _ = tracker.complete(ticket) }
        consumer.complete(1)
    }

    /// Hands the tracker's committable offsets to librdkafka, which commits stored offsets on its
    /// auto-commit interval. Storing per acknowledgement instead cost a partition-list allocation
    /// and consumer locks per record on the delivery thread; every 100 ms is plenty for a 1 s
    /// commit interval.
    func storeCommittableOffsets() {
        var offsets: [TopicPartition: Int64] = [:]
        for (key, offset) in tracker.committableOffsets() {
            offsets[TopicPartition(topic: key.topic, partition: key.partition)] = offset
        }
        consumer.store(offsets: offsets)
    }

    func storeOffsetsPeriodically() async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .milliseconds(100))
            storeCommittableOffsets()
        }
    }

    // MARK: 4. shutdown

    func waitForShutdownOrFatalError(producer: KafkaProducer) async -> KafkaError? {
        while !Task.isShuttingDownGracefully && !Task.isCancelled {
            if let fatal = consumer.fatalError ?? producer.fatalError ?? transactions?.failure {
                logger.critical("fatal Kafka error", metadata: ["error": "\(fatal)"])
                return fatal
            }
            try? await Task.sleep(for: .milliseconds(100))
        }
        return nil
    }

    /// Waits until every produced message is acknowledged (or the drain timeout passes).
    func drainDeliveries(producer: KafkaProducer) async {
        let deadline = ContinuousClock.now + .milliseconds(configuration.processing.drainTimeoutMilliseconds)
        while (consumer.inFlightCount > 0 || ledger.count > 0) && ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        if consumer.inFlightCount > 0 {
            logger.warning("drain timed out; unacknowledged records will be re-delivered", metadata: ["in_flight": "\(consumer.inFlightCount)"])
        }
    }

    /// At least once: store the final offsets, commit and leave. Exactly once: commit the last
    /// transaction (or abort it after a failure), then leave.
    func commitAndClose(failed: Bool) async {
        if let transactions {
            await transactions.stopPeriodicCommits()
            if failed { transactions.abandon() } else { transactions.commit() }
        } else {
            storeCommittableOffsets()
        }
        ownership.markShuttingDown()
        do {
            try consumer.close()
            logger.info("committed and left the group")
        } catch {
            logger.error("final commit failed; the next owner re-processes from the last commit", metadata: ["error": "\(error)"])
        }
    }
}
