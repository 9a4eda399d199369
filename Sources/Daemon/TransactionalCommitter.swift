import Foundation
import Kafka
import Logging
import Pipeline
import Synchronization

/// Exactly-once mode (`processing.guarantee: exactly_once`): outputs, dead letters and the input
/// offsets they came from are committed in one Kafka transaction, so a `read_committed` reader
/// sees each input's result once even when the daemon is killed between produce and commit.
///
/// Why a gate: a transaction may only carry outputs whose input offsets it also commits. Outputs
/// are produced in partition order (exactly-once requires `ordering: partition`; the
/// `OutputSequencer` keeps it whichever worker processed a record), so once the gate is
/// closed, no produce is under way and every produced message is acknowledged, the tracker's
/// committable offsets cover exactly what the transaction holds. A worker still inside a stage
/// does not hold a commit up: it simply produces into the next transaction.
///
/// Commits run every `transaction_interval_ms` on a dedicated thread (the transactional calls
/// block on the broker), before partitions are revoked (on the consumer's poll thread) and at
/// shutdown; a lock serialises them. An error that requires an abort aborts the transaction and
/// stops the daemon with a failure: the restart resumes from the last committed transaction
/// (rewinding a running pipeline in place would need every in-flight record discarded, stage
/// state included).
final class TransactionalCommitter: Sendable {
    private struct Gate {
        var closed = true  // opens once the first transaction has begun
        var activeSends = 0
        var producedSinceBegin = false
    }

    private struct Transaction {
        var open = false
        var committedOffsets: [TopicPartition: Int64] = [:]
        var commits = 0
    }

    private let producer: KafkaProducer
    private let tracker: OffsetTracker
    private let logger: Logger
    private let intervalMilliseconds: Int
    private let timeout: Duration
    private let gate = Mutex(Gate())
    private let unsettled = Atomic<Int>(0)
    private let transaction = Mutex(Transaction())
    private let consumer = Mutex<KafkaConsumer?>(nil)
    private let recordedFailure = Mutex<KafkaError?>(nil)
    private let thread = Mutex<PollThread?>(nil)

    init(producer: KafkaProducer, tracker: OffsetTracker, intervalMilliseconds: Int, timeout: Duration, logger: Logger) {
        self.producer = producer
        self.tracker = tracker
        self.intervalMilliseconds = max(1, intervalMilliseconds)
        self.timeout = timeout
        self.logger = logger
    }

    /// The consumer whose group metadata fences zombies; it is created after this (its rebalance
    /// listener needs the committer).
    func attach(_ consumer: KafkaConsumer) { self.consumer.withLock { $0 = consumer } }

    /// Why the daemon must stop (an aborted transaction, a fenced or failed producer), if so.
    var failure: KafkaError? { recordedFailure.withLock { $0 } }

    // MARK: producing

    /// Called before each produce; waits while a commit is under way.
    func enterProduce() async {
        while true {
            let entered = gate.withLock { gate in
                guard !gate.closed else { return false }
                gate.activeSends += 1
                gate.producedSinceBegin = true
                // Counted before the send is visible as finished, so a commit that sees no active
                // send also sees this message as not yet settled.
                unsettled.add(1, ordering: .sequentiallyConsistent)
                return true
            }
            if entered { return }
            try? await Task.sleep(for: .milliseconds(1))
        }
    }

    /// `accepted`: librdkafka took the message, so a delivery report (→ `settle`) will follow.
    func leaveProduce(accepted: Bool) {
        if !accepted { unsettled.subtract(1, ordering: .sequentiallyConsistent) }
        gate.withLock { $0.activeSends -= 1 }
    }

    /// A delivery report was fully handled (its input offset completed, or the failure recorded).
    func settle() {
        unsettled.subtract(1, ordering: .sequentiallyConsistent)
    }

    /// A message of the open transaction was not delivered: the transaction can only be aborted.
    func deliveryFailed(_ error: KafkaError) {
        record(KafkaError(code: error.code, name: error.name, message: error.message,
                          operation: "deliver in transaction (\(error.operation))", isFatal: error.isFatal,
                          isRetriable: false, transactionRequiresAbort: true))
    }

    // MARK: lifecycle

    /// Registers the transactional id (fencing a crashed predecessor, whose open transaction the
    /// broker then aborts), begins the first transaction and starts the periodic commits.
    func start() async throws(KafkaError) {
        let result: Result<Void, KafkaError> = await Self.onOwnThread { [self] in
            do throws(KafkaError) {
                try producer.initTransactions(timeout: timeout)
                try producer.beginTransaction()
                return .success(())
            } catch {
                return .failure(error)
            }
        }
        try result.get()
        transaction.withLock { $0.open = true }
        gate.withLock { $0.closed = false }
        // Short naps, so stopping is prompt whatever the interval.
        let nap = Double(min(intervalMilliseconds, 100)) / 1000
        let started = PollThread(name: "kafka-txn") { [self] in
            Thread.sleep(forTimeInterval: nap)
            commitIfDue()
        }
        thread.withLock { $0 = started }
    }

    /// Stops the periodic commits (the final one is `commit()` at shutdown).
    func stopPeriodicCommits() async {
        let running = thread.withLock { $0 }
        await running?.stop()
    }

    /// Leaves an unfinished transaction aborted instead of waiting for the broker's timeout.
    func abandon() {
        transaction.withLock { transaction in
            guard transaction.open, failure?.isFatal != true else { return }
            transaction.open = false
            do { try producer.abortTransaction(timeout: timeout) } catch {
                logger.warning("abort transaction failed; the broker aborts it after transaction.timeout.ms",
                               metadata: ["error": "\(error)"])
            }
        }
    }

    // MARK: committing

    private let lastCommitUptime = Atomic<Int64>(0)

    private func commitIfDue() {
        let now = MonotonicClock.nanoseconds()
        guard now - lastCommitUptime.load(ordering: .relaxed) >= Int64(intervalMilliseconds) * 1_000_000 else { return }
        commit()
        lastCommitUptime.store(MonotonicClock.nanoseconds(), ordering: .relaxed)
    }

    /// Commits the open transaction with the offsets of everything it holds, then begins the
    /// next. Blocks (dedicated threads only). Does nothing once a failure is recorded.
    func commit() {
        transaction.withLock { transaction in
            guard transaction.open, failure == nil else { return }
            closeGateAndWaitForQuiet()
            // After a failure the gate stays closed: nothing more may be produced.
            defer { if failure == nil { gate.withLock { $0.closed = false } } }
            guard failure == nil else { return }
            var offsets: [TopicPartition: Int64] = [:]
            for (key, offset) in tracker.committableOffsets() {
                let partition = TopicPartition(topic: key.topic, partition: key.partition)
                if transaction.committedOffsets[partition] != offset { offsets[partition] = offset }
            }
            let produced = gate.withLock { $0.producedSinceBegin }
            guard produced || !offsets.isEmpty else { return }
            do throws(KafkaError) {
                if let consumer = consumer.withLock({ $0 }) {
                    try retrying { () throws(KafkaError) in
                        try producer.sendOffsetsToTransaction(offsets, consumer: consumer, timeout: timeout)
                    }
                }
                try retrying { () throws(KafkaError) in try producer.commitTransaction(timeout: timeout) }
                transaction.committedOffsets.merge(offsets) { _, new in new }
                transaction.commits += 1
                gate.withLock { $0.producedSinceBegin = false }
                try producer.beginTransaction()
                logger.debug("transaction committed", metadata: ["offsets": "\(offsets.count)", "commits": "\(transaction.commits)"])
            } catch {
                transaction.open = false
                record(error)
                if error.transactionRequiresAbort {
                    do { try producer.abortTransaction(timeout: timeout) } catch {
                        logger.error("abort transaction failed", metadata: ["error": "\(error)"])
                    }
                }
            }
        }
    }

    /// Forgets the committed offsets of revoked partitions, so a later re-assignment commits again.
    func forget(_ partitions: [TopicPartition]) {
        transaction.withLock { transaction in
            for partition in partitions { transaction.committedOffsets[partition] = nil }
        }
    }

    /// Closes the gate, then waits until no send is under way and every accepted message has
    /// its delivery report handled (bounded by the transaction timeout: a broker that never
    /// acknowledges is a failure).
    private func closeGateAndWaitForQuiet() {
        gate.withLock { $0.closed = true }
        let deadline = ContinuousClock.now + timeout
        while gate.withLock({ $0.activeSends }) > 0 || unsettled.load(ordering: .sequentiallyConsistent) > 0 {
            if ContinuousClock.now >= deadline {
                record(.local("commit transaction", "messages still unacknowledged after \(timeout)"))
                return
            }
            if let fatal = producer.fatalError {
                record(fatal)
                return
            }
            Thread.sleep(forTimeInterval: 0.000_2)
        }
    }

    /// Retriable errors (coordinator moving, timeouts) are retried a few times with a short pause.
    private func retrying(_ call: () throws(KafkaError) -> Void) throws(KafkaError) {
        var attempt = 0
        while true {
            do {
                try call()
                return
            } catch where error.isRetriable && attempt < 5 {
                attempt += 1
                logger.warning("transactional call failed; retrying", metadata: ["error": "\(error)", "attempt": "\(attempt)"])
                Thread.sleep(forTimeInterval: 0.1 * Double(attempt))
            }
        }
    }

    private func record(_ error: KafkaError) {
        recordedFailure.withLock { if $0 == nil { $0 = error } }
        logger.error("transaction failed; the daemon stops and its restart resumes from the last committed transaction",
                     metadata: ["error": "\(error)"])
    }

    /// Runs a blocking call on a fresh thread and resumes the caller with its result.
    private static func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}
