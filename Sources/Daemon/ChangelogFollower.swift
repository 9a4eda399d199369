import Kafka
import Logging
import Pipeline
import Synchronization

/// Keeps a `ChangelogBackedStage` in step with its compacted topic: reads every partition from the
/// beginning (by assignment, no consumer group), then follows it for as long as the daemon runs,
/// so entries written by other instances arrive too.
///
/// Behaviour while restoring: the daemon starts consuming articles only after the follower has
/// caught up (no new entry for `quietPeriod`), so no article is checked against a half-loaded
/// index. The time it took is logged as `restore_seconds`.
///
/// Entries this process wrote itself carry its `writer` id in a header and are skipped unread:
/// they are in the stage already, and decoding each and looking it up under the stage's lock
/// (which every worker's check takes too) made the latency tail: p99 500–760 ms before the skip,
/// 178 ms after (Benchmarks/README.md).
final class ChangelogFollower: Sendable {
    private let consumer: KafkaConsumer
    private let stage: any ChangelogBackedStage
    private let topic: String
    private let writer: [UInt8]
    private let logger: Logger
    private let applied = Atomic<Int>(0)
    private let lastAppliedAt = Atomic<Int64>(0)

    /// The header naming the process that wrote a changelog entry.
    static let writerHeader = "articled.writer"

    init(stage: any ChangelogBackedStage, topic: String, writer: [UInt8], client: KafkaClientConfiguration, logger: Logger) throws(KafkaError) {
        self.stage = stage
        self.topic = topic
        self.writer = writer
        self.logger = logger
        self.consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: client, groupID: "articled-changelog-reader"),
            flowControl: .init(maxInFlight: 1 << 30), logger: logger
        )
    }

    /// Starts following and returns once the existing entries are loaded.
    func start(quietPeriod: Duration = .seconds(1)) async throws(KafkaError) {
        let started = ContinuousClock.now
        let partitions = (0..<Int32(try consumer.partitionCount(of: topic))).map { TopicPartition(topic: topic, partition: $0) }
        try consumer.assign(Dictionary(uniqueKeysWithValues: partitions.map { ($0, KafkaOffset.beginning) }))
        consumer.start { [weak self] records in self?.apply(records) }
        lastAppliedAt.store(MonotonicClock.nanoseconds(), ordering: .relaxed)
        let quiet = Int64(quietPeriod.components.seconds) * 1_000_000_000 + quietPeriod.components.attoseconds / 1_000_000_000
        while MonotonicClock.nanoseconds() - lastAppliedAt.load(ordering: .relaxed) < quiet {
            try? await Task.sleep(for: .milliseconds(50))
        }
        let elapsed = ContinuousClock.now - started
        logger.info("changelog restored", metadata: [
            "stage": "\(stage.name)", "topic": "\(topic)", "entries": "\(applied.load(ordering: .relaxed))",
            "restore_seconds": "\(Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18)",
        ])
    }

    private func apply(_ records: [KafkaRecord]) {
        for record in records where !isOwn(record) { stage.restore(key: record.key ?? [], value: record.value) }
        applied.add(records.count, ordering: .relaxed)
        lastAppliedAt.store(MonotonicClock.nanoseconds(), ordering: .relaxed)
        consumer.complete(records.count)
    }

    private func isOwn(_ record: KafkaRecord) -> Bool {
        record.headers.contains { $0.name == Self.writerHeader && $0.value == writer }
    }

    func stop() async {
        await consumer.stopPolling()
        try? consumer.close()
    }
}
