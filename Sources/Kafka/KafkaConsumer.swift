import CRdKafka
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A consumer-group member that hands batches of records to the application on a dedicated poll
/// thread and keeps the amount of unfinished work bounded.
///
/// Flow control: every delivered record counts as in flight until the application calls
/// `complete(_:)`. At `maxInFlight` the poll thread waits (up to 100 ms at a time) for credit
/// before taking more, so librdkafka's prefetched data stays queued. Only when the application is
/// stuck — in flight reaches 4 × `maxInFlight` — are the partitions paused, and resumed once below
/// `maxInFlight`; polling goes on meanwhile, so rebalances keep being served. Pausing is a
/// backstop, not the steady-state brake: it discards librdkafka's prefetch queue, and each resume
/// costs a fetch round trip (measured: pause/resume as the normal brake held throughput at
/// ~2 600 articles/s). Memory stays bounded however large the backlog.
public final class KafkaConsumer: Sendable {
    public struct FlowControl: Sendable, Equatable {
        public var maxInFlight: Int
        public var maxBatch: Int
        public init(maxInFlight: Int = 2_000, maxBatch: Int = 256) {
            self.maxInFlight = max(1, maxInFlight)
            self.maxBatch = max(1, maxBatch)
        }
    }

    let handle: KafkaHandle
    let coordinator: RebalanceCoordinator
    private let logger: Logger
    private let flowControl: FlowControl
    private let inFlight = Atomic<Int>(0)
    private let pollThread = Mutex<PollThread?>(nil)
    private let polledAt = Atomic<Int64>(0)

    public init(
        configuration: KafkaConsumerConfiguration, flowControl: FlowControl = .init(),
        listener: (any KafkaRebalanceListener)? = nil, logger: Logger
    ) throws(KafkaError) {
        try LibrdkafkaVersion.check()
        let coordinator = RebalanceCoordinator(listener: listener)
        let context = CallbackContext(logger: logger, rebalance: coordinator)
        self.handle = try KafkaHandle(
            kind: RD_KAFKA_CONSUMER, properties: configuration.librdkafkaProperties, context: context
        ) { conf in
            rd_kafka_conf_set_rebalance_cb(conf, kafkaRebalanceCallback)
        }
        // Serve rebalances, logs and errors from the consumer queue, on our poll thread.
        rd_kafka_poll_set_consumer(handle.pointer)
        self.coordinator = coordinator
        self.logger = logger
        self.flowControl = flowControl
    }

    public func subscribe(topics: [String]) throws(KafkaError) {
        let err = TopicPartitionList.with(topics.map { TopicPartition(topic: $0, partition: articled_partition_unassigned) }) {
            rd_kafka_subscribe(handle.pointer, $0)
        }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, operation: "subscribe \(topics)") }
    }

    /// Starts the poll thread; `deliver` runs on it with each non-empty batch, in partition order.
    /// It must not block: hand the batch over and return.
    public func start(deliver: @escaping @Sendable ([KafkaRecord]) -> Void) {
        pollThread.withLock { thread in
            guard thread == nil else { return }
            thread = PollThread(name: "kafka-consumer") { [self] in
                pollOnce(deliver: deliver)
            }
        }
    }

    /// Marks `count` delivered records as finished (acknowledged downstream or dead-lettered).
    public func complete(_ count: Int) {
        inFlight.subtract(count, ordering: .relaxed)
    }

    public var inFlightCount: Int { inFlight.load(ordering: .relaxed) }
    public var assignment: [TopicPartition] { coordinator.assignment }
    public var rebalanceCount: Int { coordinator.rebalanceCount }
    public var fatalError: KafkaError? { handle.fatalError }
    /// librdkafka's latest statistics (broker round trips, queues).
    public var statistics: KafkaStatistics { handle.context.statistics }
    /// Monotonic nanoseconds of the last completed poll: a watchdog sees a stuck loop by its age.
    public var lastPollUptimeNanoseconds: Int64 { polledAt.load(ordering: .relaxed) }

    /// Stores `offset` (the next offset to consume) per partition for the next commit. Partitions
    /// no longer assigned are skipped silently: their new owner starts from the last commit.
    public func store(offsets: [TopicPartition: Int64]) {
        OffsetStore.store(offsets, handle: handle.pointer, logger: logger)
    }

    /// Commits every stored offset now and waits for the broker's answer.
    public func commit() throws(KafkaError) {
        let err = rd_kafka_commit(handle.pointer, nil, 0)
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR || err == RD_KAFKA_RESP_ERR__NO_OFFSET else {
            throw KafkaError(err, operation: "commit")
        }
    }

    /// The committed offsets of the group for `partitions` (next offset to consume; nil = none).
    public func committed(_ partitions: [TopicPartition], timeout: Duration = .seconds(10)) throws(KafkaError) -> [TopicPartition: Int64?] {
        var result: [TopicPartition: Int64?] = [:]
        let err = TopicPartitionList.with(partitions) { list in
            let err = rd_kafka_committed(handle.pointer, list, Int32(timeout.milliseconds))
            for (topicPartition, offset, _) in TopicPartitionList.entries(in: list) {
                result[topicPartition] = offset >= 0 ? offset : nil
            }
            return err
        }
        guard err == RD_KAFKA_RESP_ERR_NO_ERROR else { throw KafkaError(err, operation: "committed offsets") }
        return result
    }

    public func pause(_ partitions: [TopicPartition]) {
        _ = TopicPartitionList.with(partitions) { rd_kafka_pause_partitions(handle.pointer, $0) }
    }

    public func resume(_ partitions: [TopicPartition]) {
        _ = TopicPartitionList.with(partitions) { rd_kafka_resume_partitions(handle.pointer, $0) }
    }

    /// Stops fetching: the poll thread ends after its current poll. Records already delivered stay
    /// in flight until completed.
    public func stopPolling() async {
        let thread = pollThread.withLock { $0 }
        await thread?.stop()
    }

    /// Commits stored offsets and leaves the group (librdkafka runs the final revoke, which
    /// commits again through the rebalance listener). Call after `stopPolling` and after the
    /// application stored its final offsets.
    public func close() throws(KafkaError) {
        var commitError: KafkaError?
        do { try commit() } catch { commitError = error }
        let err = rd_kafka_consumer_close(handle.pointer)
        if err != RD_KAFKA_RESP_ERR_NO_ERROR { throw KafkaError(err, operation: "close consumer") }
        if let commitError { throw commitError }
    }

    private func pollOnce(deliver: @Sendable ([KafkaRecord]) -> Void) {
        applyFlowControl()
        var batch: [KafkaRecord] = []
        var timeout: Int32 = 100
        while batch.count < flowControl.maxBatch, let message = rd_kafka_consumer_poll(handle.pointer, timeout) {
            defer { rd_kafka_message_destroy(message) }
            timeout = 0
            if message.pointee.err != RD_KAFKA_RESP_ERR_NO_ERROR {
                logConsumeError(message)
                continue
            }
            batch.append(KafkaRecord(copying: message))
        }
        polledAt.store(MonotonicClock.nanoseconds(), ordering: .relaxed)
        guard !batch.isEmpty else { return }
        inFlight.add(batch.count, ordering: .relaxed)
        deliver(batch)
    }

    private func applyFlowControl() {
        var waited = 0
        while inFlight.load(ordering: .relaxed) >= flowControl.maxInFlight && waited < 100 {
            usleep(1_000)  // our own thread: waiting here blocks no Swift task
            waited += 1
        }
        let current = inFlight.load(ordering: .relaxed)
        if !coordinator.isPaused && current >= flowControl.maxInFlight * 4 {
            coordinator.setPaused(true)
            pause(coordinator.assignment)
            logger.warning("paused fetching: in-flight records are not completing", metadata: ["in_flight": "\(current)"])
        } else if coordinator.isPaused && current < flowControl.maxInFlight {
            coordinator.setPaused(false)
            resume(coordinator.assignment)
            logger.info("resumed fetching", metadata: ["in_flight": "\(current)"])
        }
    }

    private func logConsumeError(_ message: UnsafeMutablePointer<rd_kafka_message_t>) {
        let error = KafkaError(message.pointee.err, operation: "consume")
        logger.warning("consume error", metadata: ["error": "\(error)"])
    }
}

extension KafkaRecord {
    init(copying message: UnsafeMutablePointer<rd_kafka_message_t>) {
        let topic = message.pointee.rkt.map { String(cString: rd_kafka_topic_name($0)) } ?? ""
        var timestampType = RD_KAFKA_TIMESTAMP_NOT_AVAILABLE
        let timestamp = rd_kafka_message_timestamp(message, &timestampType)
        self.init(
            topicPartition: TopicPartition(topic: topic, partition: message.pointee.partition),
            offset: message.pointee.offset,
            timestampMilliseconds: timestampType == RD_KAFKA_TIMESTAMP_NOT_AVAILABLE ? nil : timestamp,
            key: Self.bytes(message.pointee.key, message.pointee.key_len),
            value: Self.bytes(message.pointee.payload, message.pointee.len),
            headers: Self.headers(of: message)
        )
    }

    private static func bytes(_ pointer: UnsafeMutableRawPointer?, _ count: Int) -> [UInt8]? {
        guard let pointer else { return nil }
        return Array(UnsafeRawBufferPointer(start: pointer, count: count))
    }

    private static func headers(of message: UnsafeMutablePointer<rd_kafka_message_t>) -> [KafkaHeader] {
        var headers: OpaquePointer?
        guard rd_kafka_message_headers(message, &headers) == RD_KAFKA_RESP_ERR_NO_ERROR, let headers else { return [] }
        var result: [KafkaHeader] = []
        var index = 0
        var name: UnsafePointer<CChar>?
        var value: UnsafeRawPointer?
        var size = 0
        while rd_kafka_header_get_all(headers, index, &name, &value, &size) == RD_KAFKA_RESP_ERR_NO_ERROR {
            let headerValue = value.map { Array(UnsafeRawBufferPointer(start: $0, count: size)) }
            result.append(KafkaHeader(name: name.map { String(cString: $0) } ?? "", value: headerValue))
            index += 1
        }
        return result
    }
}

extension Duration {
    var milliseconds: Int64 {
        let (seconds, attoseconds) = components
        return seconds * 1_000 + attoseconds / 1_000_000_000_000_000
    }
}

extension KafkaConsumer {
    /// Per assigned partition: the next offset this member will consume and the partition's high
    /// watermark as last reported by a fetch (librdkafka's cache: no broker round trip, safe to call
    /// from a metrics scrape). Partitions without both numbers yet are omitted.
    public func positions() -> [(partition: TopicPartition, position: Int64, highWatermark: Int64)] {
        let assigned = assignment
        guard !assigned.isEmpty else { return [] }
        var result: [(partition: TopicPartition, position: Int64, highWatermark: Int64)] = []
        _ = TopicPartitionList.with(assigned) { list in
            _ = rd_kafka_position(handle.pointer, list)
            for (partition, position, _) in TopicPartitionList.entries(in: list) where position >= 0 {
                var low: Int64 = -1
                var high: Int64 = -1
                let err = rd_kafka_get_watermark_offsets(handle.pointer, partition.topic, partition.partition, &low, &high)
                if err == RD_KAFKA_RESP_ERR_NO_ERROR && high >= 0 {
                    result.append((partition, position, high))
                }
            }
            return 0
        }
        return result
    }
}
