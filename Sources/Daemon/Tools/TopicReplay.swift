import Kafka
import Logging
import Pipeline
import Synchronization

/// `articled replay`: run a fixed slice of an input topic through the current pipeline.
///
/// The slice is resolved once, at start (end offsets do not move while new records arrive), and
/// consumed by explicit assignment under its own consumer group, so production offsets are never
/// touched. Output keys are the article ids, so consumers can upsert; every record carries
/// `replay: {id, started_at}`.
public struct TopicReplay: Sendable {
    /// Where a slice starts or ends, per partition.
    public enum Position: Sendable, Equatable {
        case earliest, latest
        case offset(Int64)
        /// Milliseconds since the epoch, resolved with offsets-for-times.
        case timestamp(Int64)

        public init?(parsing text: String) {
            switch text {
            case "earliest": self = .earliest
            case "latest": self = .latest
            default:
                if let offset = Int64(text), offset >= 0 {
                    self = .offset(offset)
                } else if let milliseconds = Timestamp.milliseconds(parsing: text) {
                    self = .timestamp(milliseconds)
                } else {
                    return nil
                }
            }
        }
    }

    public struct PlanEntry: Sendable, Equatable {
        public let partition: TopicPartition
        /// First offset to process and the offset to stop before.
        public let start: Int64
        public let end: Int64
        public var count: Int64 { max(0, end - start) }
    }

    public struct Plan: Sendable, CustomStringConvertible {
        public let entries: [PlanEntry]
        public var total: Int64 { entries.reduce(0) { $0 + $1.count } }
        public var description: String {
            (entries.map { "\($0.partition): offsets \($0.start) ..< \($0.end) = \($0.count) record(s)" }
                + ["total: \(total) record(s)"]).joined(separator: "\n")
        }
    }

    public struct Progress: Sendable {
        public let done: Int64
        public let total: Int64
        public let perPartition: [(partition: Int32, done: Int64, total: Int64)]
        public let recordsPerSecond: Double
        public var etaSeconds: Double? { recordsPerSecond > 0 ? Double(total - done) / recordsPerSecond : nil }
    }

    public struct Summary: Sendable, CustomStringConvertible {
        public var processed: Int64 = 0
        public var published = 0
        public var deadLettered = 0
        public var dropped = 0
        public var seconds: Double = 0
        public var description: String {
            "replayed \(processed) record(s) in \(String(format: "%.1f", seconds)) s: \(published) published, "
                + "\(deadLettered) dead-lettered, \(dropped) dropped"
        }
    }

    public struct Failure: Error, CustomStringConvertible {
        public let message: String
        public var description: String { message }
    }

    let configuration: DaemonConfiguration
    let logger: Logger

    public init(configuration: DaemonConfiguration, logger: Logger) {
        self.configuration = configuration
        self.logger = logger
    }

    private var client: KafkaClientConfiguration {
        KafkaClientConfiguration(bootstrapServers: configuration.kafka.brokers, clientID: "articled-replay", extra: configuration.kafka.librdkafka)
    }

    private func makeConsumer(group: String) throws(KafkaError) -> KafkaConsumer {
        try KafkaConsumer(
            configuration: KafkaConsumerConfiguration(client: client, groupID: group,
                                                      sessionTimeoutMilliseconds: configuration.kafka.sessionTimeoutMilliseconds),
            flowControl: .init(maxInFlight: configuration.processing.maxInFlight), logger: logger
        )
    }

    /// Resolves the slice. `latest` and "after the newest record" use the broker's high watermark.
    public func plan(topic: String, partitions: [Int32]?, from: Position, to: Position) throws(KafkaError) -> Plan {
        let consumer = try makeConsumer(group: "articled-replay-plan")
        defer { try? consumer.close() }
        let count = try consumer.partitionCount(of: topic)
        let chosen = (partitions ?? (0..<Int32(count)).map { $0 }).filter { $0 >= 0 && $0 < Int32(count) }
        let topicPartitions = chosen.map { TopicPartition(topic: topic, partition: $0) }
        var entries: [PlanEntry] = []
        for partition in topicPartitions {
            let marks = try consumer.watermarks(partition)
            func resolve(_ position: Position) throws(KafkaError) -> Int64 {
                switch position {
                case .earliest: return marks.low
                case .latest: return marks.high
                case .offset(let offset): return min(max(offset, marks.low), marks.high)
                case .timestamp(let milliseconds):
                    let found = try consumer.offsets(forTimestamp: milliseconds, partitions: [partition])[partition] ?? nil
                    return found ?? marks.high
                }
            }
            entries.append(PlanEntry(partition: partition, start: try resolve(from), end: try resolve(to)))
        }
        return Plan(entries: entries)
    }

    /// Processes the plan; returns when every partition reached its end and every output is
    /// acknowledged. Fails when nothing arrives for `idleTimeout` before that.
    public func run(
        plan: Plan, processor: ArticleProcessor, outputTopic: String, group: String,
        idleTimeout: Duration = .seconds(30), progress: @Sendable (Progress) -> Void
    ) async throws -> Summary {
        let started = ContinuousClock.now
        var summary = Summary()
        let pending = plan.entries.filter { $0.count > 0 }
        guard !pending.isEmpty else { return summary }

        let acks = Mutex<(acked: Int, failed: Int)>((0, 0))
        let producer = try KafkaProducer(configuration: .init(client: client), logger: logger) { report in
            acks.withLock { if report.error == nil { $0.acked += 1 } else { $0.failed += 1 } }
        }
        let consumer = try makeConsumer(group: group)
        let (batches, input) = AsyncStream<[KafkaRecord]>.makeStream()
        try consumer.assign(Dictionary(uniqueKeysWithValues: pending.map { ($0.partition, $0.start) }))
        consumer.start { input.yield($0) }

        let ends = Dictionary(uniqueKeysWithValues: pending.map { ($0.partition, $0.end) })
        var position = Dictionary(uniqueKeysWithValues: pending.map { ($0.partition, $0.start) })
        var sent = 0
        var lastProgress = ContinuousClock.now
        var lastRecord = ContinuousClock.now
        let watchdog = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                input.yield([])  // wakes the loop so progress and the idle timeout are checked
            }
        }
        defer { watchdog.cancel() }

        func finished() -> Bool { position.allSatisfy { $0.value >= (ends[$0.key] ?? 0) } }

        for await batch in batches {
            for record in batch {
                defer { consumer.complete(1) }
                guard let end = ends[record.topicPartition], record.offset < end else { continue }
                lastRecord = ContinuousClock.now
                position[record.topicPartition] = record.offset + 1
                summary.processed += 1
                let source = record.sourcePosition
                let (topic, key, value, headers): (String, [UInt8]?, [UInt8], [KafkaHeader])
                switch await processor.process(value: record.value, key: record.key, position: source) {
                case .publish(let publication):
                    summary.published += 1
                    (topic, key, value, headers) = (publication.topic ?? outputTopic, publication.key, publication.value, [])
                    publication.afterAcknowledgement.forEach { $0() }
                case .drop(_, _, _, let hooks):
                    summary.dropped += 1
                    hooks.forEach { $0() }
                    continue
                case .deadLetter(let letter):
                    summary.deadLettered += 1
                    (topic, key, value, headers) = (configuration.topics.deadLetter, record.key, record.value ?? [],
                                                    letter.headers.map { KafkaHeader(name: $0.0, string: $0.1) } + record.headers)
                }
                try await producer.send(topic: topic, key: key, value: value, headers: headers, token: UInt64(sent))
                sent += 1
            }
            let now = ContinuousClock.now
            if now - lastProgress >= .seconds(1) || finished() {
                lastProgress = now
                let elapsed = now - started
                let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
                progress(Progress(
                    done: summary.processed, total: plan.total,
                    perPartition: pending.map { entry in
                        (entry.partition.partition, (position[entry.partition] ?? entry.start) - entry.start, entry.count)
                    },
                    recordsPerSecond: seconds > 0 ? Double(summary.processed) / seconds : 0
                ))
            }
            if finished() { break }
            if now - lastRecord > idleTimeout {
                input.finish()
                await consumer.stopPolling()
                try? consumer.close()
                await producer.shutdown(timeout: .seconds(30))
                let missing = position.map { "\($0.key): at \($0.value) of \(ends[$0.key] ?? 0)" }.sorted().joined(separator: ", ")
                throw Failure(message: "no records for \(idleTimeout) before the end of the slice (\(missing)); \(summary)")
            }
        }
        input.finish()
        await consumer.stopPolling()
        try? consumer.close()
        await producer.shutdown(timeout: .seconds(60))
        let final = acks.withLock { $0 }
        let elapsed = ContinuousClock.now - started
        summary.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        guard final.failed == 0, final.acked == sent else {
            throw Failure(message: "\(sent - final.acked) output record(s) not acknowledged; \(summary)")
        }
        return summary
    }
}
