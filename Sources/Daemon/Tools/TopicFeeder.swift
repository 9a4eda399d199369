import Kafka
import Logging
import Synchronization

/// Produces records to a topic and waits for every acknowledgement: the demo, the benchmark and
/// operators feeding a test topic use it. Not part of the daemon's data path.
public struct TopicFeeder: Sendable {
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let failed: Int
        public let firstError: KafkaError?
        public var description: String { "\(failed) record(s) not acknowledged: \(firstError.map { "\($0)" } ?? "timeout")" }
    }

    private let client: KafkaClientConfiguration
    private let logger: Logger

    public init(client: KafkaClientConfiguration, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Sends `count` records built by `record(i)`, record i not before i / `ratePerSecond` seconds
    /// after the start when a rate is given; returns once all are acknowledged.
    public func feed(
        topic: String, count: Int, ratePerSecond: Double? = nil, record: @Sendable (Int) -> (key: [UInt8]?, value: [UInt8])
    ) async throws -> Int {
        let outcome = Mutex<(acked: Int, failed: Int, firstError: KafkaError?)>((0, 0, nil))
        let producer = try KafkaProducer(configuration: KafkaProducerConfiguration(client: client), logger: logger) { report in
            outcome.withLock { state in
                if let error = report.error {
                    state.failed += 1
                    if state.firstError == nil { state.firstError = error }
                } else {
                    state.acked += 1
                }
            }
        }
        let started = ContinuousClock.now
        for index in 0..<count {
            if let ratePerSecond {
                let due = started + .nanoseconds(Int64(Double(index) / ratePerSecond * 1e9))
                // Sleeping for less than half a millisecond costs more than it spaces.
                if due - ContinuousClock.now > .microseconds(500) { try? await Task.sleep(until: due, clock: .continuous) }
            }
            let (key, value) = record(index)
            try await producer.send(topic: topic, key: key, value: value, token: UInt64(index))
        }
        await producer.shutdown(timeout: .seconds(60))
        let final = outcome.withLock { $0 }
        guard final.acked == count else {
            throw Failure(failed: count - final.acked, firstError: final.firstError)
        }
        return final.acked
    }
}
