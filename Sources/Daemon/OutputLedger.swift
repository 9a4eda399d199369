import Kafka
import Pipeline
import Synchronization

/// A message produced for one input record and not yet acknowledged by the broker.
struct PendingOutput: Sendable {
    /// nil only for records of a partition no longer owned; they are produced but never committed.
    let ticket: OffsetTracker.Ticket?
    let topic: String
    let key: [UInt8]?
    let value: [UInt8]
    let headers: [KafkaHeader]
    /// Stage hooks to run once the broker has acknowledged this message.
    var afterAcknowledgement: [@Sendable () -> Void] = []
    /// Set for dead letters (counted by class on acknowledgement).
    var deadLetterClass: DeadLetterClass?
    /// For the latency metrics: the input record's timestamp and the article's `published_at`.
    var inputTimestampMilliseconds: Int64?
    var publishedAtMilliseconds: Int64?
    /// `MonotonicClock` time the input was taken from the consumer (consume → publish latency).
    var receivedAtNanoseconds: Int64?
    /// For outputs: the input record, kept until the ack so a message the broker refuses for good
    /// can still be dead-lettered with its original bytes.
    var original: KafkaRecord?
    var attempts: Int = 1
    /// When a failed message may be sent again (set by `StreamEngine.scheduleRetry`).
    var retryDue: ContinuousClock.Instant?
}

/// Maps the producer's per-message token back to what was sent, so a delivery report can
/// complete the right input offset, or re-send the message when delivery failed.
///
/// Keeping the bytes until the ack costs at most `max_in_flight` messages of memory and is what
/// lets a failed delivery be retried instead of lost.
final class OutputLedger: Sendable {
    private let entries = Mutex<[UInt64: PendingOutput]>([:])
    private let nextToken = Atomic<UInt64>(1)

    func register(_ output: PendingOutput) -> UInt64 {
        let token = nextToken.add(1, ordering: .relaxed).oldValue
        entries.withLock { $0[token] = output }
        return token
    }

    func take(_ token: UInt64) -> PendingOutput? {
        entries.withLock { $0.removeValue(forKey: token) }
    }

    var count: Int { entries.withLock { $0.count } }
}
