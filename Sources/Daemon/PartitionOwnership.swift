import Kafka
import Logging
import Pipeline
import Synchronization

/// Keeps the offset tracker in step with the group's assignment.
///
/// On revoke it waits (bounded by the drain timeout) for the partitions' in-flight records to be
/// acknowledged, then hands back what is committable: the consumer commits it before releasing
/// the partitions, so the next owner starts exactly where this instance stopped. In exactly-once
/// mode the consumer commits nothing itself: the open transaction is committed instead, with the
/// offsets of everything it holds.
final class PartitionOwnership: KafkaRebalanceListener {
    private let tracker: OffsetTracker
    private let stages: [any Stage]
    private let drainTimeout: Duration
    private let transactions: TransactionalCommitter?
    private let logger: Logger
    private let shuttingDown = Atomic<Bool>(false)

    init(tracker: OffsetTracker, stages: [any Stage], drainTimeout: Duration, transactions: TransactionalCommitter? = nil, logger: Logger) {
        self.tracker = tracker
        self.stages = stages
        self.drainTimeout = drainTimeout
        self.transactions = transactions
        self.logger = logger
    }

    /// After shutdown has already drained, the final revoke must not wait a second time.
    func markShuttingDown() { shuttingDown.store(true, ordering: .relaxed) }

    func partitionsAssigned(_ partitions: [TopicPartition]) {
        for partition in partitions { tracker.assign(Self.key(partition)) }
        let inputs = partitions.map { InputPartition(topic: $0.topic, partition: $0.partition) }
        for stage in stages { stage.partitionsAssigned(inputs) }
    }

    func partitionsRevoked(_ partitions: [TopicPartition]) -> [TopicPartition: Int64] {
        let keys = Set(partitions.map(Self.key))
        if !shuttingDown.load(ordering: .relaxed) { waitForDrain(keys) }
        var done: [TopicPartition: Int64] = [:]
        if let transactions {
            transactions.commit()
            transactions.forget(partitions)
        } else {
            let committable = tracker.committableOffsets()
            for partition in partitions {
                if let offset = committable[Self.key(partition)] { done[partition] = offset }
            }
        }
        for partition in partitions { tracker.revoke(Self.key(partition)) }
        let inputs = partitions.map { InputPartition(topic: $0.topic, partition: $0.partition) }
        for stage in stages { stage.partitionsRevoked(inputs) }
        return done
    }

    func partitionsLost(_ partitions: [TopicPartition]) {
        transactions?.forget(partitions)
        for partition in partitions { tracker.revoke(Self.key(partition)) }
        let inputs = partitions.map { InputPartition(topic: $0.topic, partition: $0.partition) }
        for stage in stages { stage.partitionsRevoked(inputs) }
    }

    private func waitForDrain(_ keys: Set<InputPartition>) {
        let deadline = ContinuousClock.now + drainTimeout
        var pending = tracker.pendingCount(in: keys)
        while pending > 0 && ContinuousClock.now < deadline {
            // The poll thread is ours alone: sleeping here starves no Swift task.
            usleep(5_000)
            pending = tracker.pendingCount(in: keys)
        }
        if pending > 0 {
            logger.warning("revoke drain timed out; the new owner will re-process", metadata: ["pending": "\(pending)"])
        }
    }

    static func key(_ partition: TopicPartition) -> InputPartition {
        InputPartition(topic: partition.topic, partition: partition.partition)
    }
}

#if canImport(Glibc)
import Glibc
#endif
