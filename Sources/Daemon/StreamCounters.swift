import Kafka
import Pipeline
import Synchronization

/// What the stream service has done so far: logged as periodic progress and in the final summary
/// (and the basis for metrics). Lock-free: workers and the delivery thread bump them per record.
final class StreamCounters: Sendable {
    let received = Atomic<Int>(0)
    let published = Atomic<Int>(0)
    let deadLettered = Atomic<Int>(0)
    let dropped = Atomic<Int>(0)
    let redelivered = Atomic<Int>(0)
    private let firstReceivedAt = Atomic<Int64>(0)
    /// Per partition, the timestamp of the newest record received: the basis of lag in seconds.
    private let newestTimestamps = Mutex<[TopicPartition: Int64]>([:])

    func recordTimestamps(of batch: [KafkaRecord]) {
        newestTimestamps.withLock { newest in
            for record in batch { if let timestamp = record.timestampMilliseconds { newest[record.topicPartition] = timestamp } }
        }
    }

    func newestTimestamp(of partition: TopicPartition) -> Int64? {
        newestTimestamps.withLock { $0[partition] }
    }
    private let lastDoneAt = Atomic<Int64>(0)

    func recordReceived(_ count: Int) {
        received.add(count, ordering: .relaxed)
        _ = firstReceivedAt.compareExchange(expected: 0, desired: WallClock.milliseconds(), ordering: .relaxed)
    }

    enum Outcome { case published, deadLettered, dropped }

    func recordDone(_ outcome: Outcome) {
        switch outcome {
        case .published: published.add(1, ordering: .relaxed)
        case .deadLettered: deadLettered.add(1, ordering: .relaxed)
        case .dropped: dropped.add(1, ordering: .relaxed)
        }
        lastDoneAt.store(WallClock.milliseconds(), ordering: .relaxed)
    }

    var done: Int {
        published.load(ordering: .relaxed) + deadLettered.load(ordering: .relaxed) + dropped.load(ordering: .relaxed)
    }

    /// Records finished per second between the first record received and the last one finished.
    var throughput: Double {
        let first = firstReceivedAt.load(ordering: .relaxed)
        let last = lastDoneAt.load(ordering: .relaxed)
        guard first > 0, last > first else { return 0 }
        return Double(done) * 1_000 / Double(last - first)
    }

    var metadata: [String: String] {
        [
            "received": "\(received.load(ordering: .relaxed))",
            "published": "\(published.load(ordering: .relaxed))",
            "dead_lettered": "\(deadLettered.load(ordering: .relaxed))",
            "dropped": "\(dropped.load(ordering: .relaxed))",
            "redelivered": "\(redelivered.load(ordering: .relaxed))",
            "records_per_second": "\(Int(throughput.rounded()))",
        ]
    }
}
