import Kafka
import Logging
import Synchronization

/// Reads topics from the beginning with a throw-away consumer group, for checks and demos:
/// how many records arrived, and what they look like. Not part of the daemon's data path.
public struct TopicReader: Sendable {
    private let client: KafkaClientConfiguration
    private let logger: Logger

    public init(client: KafkaClientConfiguration, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Collects records until `expected` arrived or nothing new came for `idleTimeout` (after the
    /// first record) / `timeout` overall passed.
    public func read(
        topics: [String], expected: Int?, timeout: Duration, idleTimeout: Duration = .seconds(5),
        sessionTimeoutMilliseconds: Int = 6_000
    ) async throws -> [KafkaRecord] {
        let records = Mutex<[KafkaRecord]>([])
        let consumer = try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(
                client: client, groupID: "articled-reader-\(UInt64.random(in: 0...UInt64.max))",
                sessionTimeoutMilliseconds: sessionTimeoutMilliseconds, autoOffsetReset: .earliest
            ),
            flowControl: .init(maxInFlight: 1 << 30), logger: logger
        )
        try consumer.subscribe(topics: topics)
        consumer.start { batch in
            records.withLock { $0.append(contentsOf: batch) }
            consumer.complete(batch.count)
        }
        let start = ContinuousClock.now
        var lastCount = 0
        var lastChange = start
        while ContinuousClock.now - start < timeout {
            try? await Task.sleep(for: .milliseconds(50))
            let count = records.withLock { $0.count }
            if let expected, count >= expected { break }
            if count != lastCount {
                lastCount = count
                lastChange = ContinuousClock.now
            } else if count > 0 && ContinuousClock.now - lastChange > idleTimeout && expected == nil {
                break
            }
        }
        await consumer.stopPolling()
        try? consumer.close()
        return records.withLock { $0 }
    }
}
