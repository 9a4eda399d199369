import Kafka
import Logging
import Pipeline
import Synchronization

/// `articled dlq replay`: after a fix, send dead letters back — through the current pipeline to
/// the output topic (default), or unchanged to the input topic — and say what happened.
///
/// The dead-letter topic is read from the beginning with a throw-away group until no record has
/// arrived for `idleTimeout` (its end). Records that fail again go back to the dead-letter topic
/// with `articled.attempts` + 1 and their first-failure time kept.
public struct DeadLetterReplay: Sendable {
    public struct Filter: Sendable {
        public var classes: Set<String>?
        /// Milliseconds; compared with `articled.first_failure_at`.
        public var since: Int64?
        public var until: Int64?
        public init(classes: Set<String>? = nil, since: Int64? = nil, until: Int64? = nil) {
            self.classes = classes
            self.since = since
            self.until = until
        }

        func matches(_ headers: [String: String]) -> Bool {
            if let classes, !classes.contains(headers[DeadLetter.Header.errorClass] ?? "") { return false }
            let failedAt = headers[DeadLetter.Header.firstFailure].flatMap(Timestamp.milliseconds(parsing:))
            if let since, (failedAt ?? .min) < since { return false }
            if let until, (failedAt ?? .max) >= until { return false }
            return true
        }
    }

    public enum Destination: Sendable { case pipeline, inputTopic }

    public struct Summary: Sendable, CustomStringConvertible {
        public var read = 0
        public var matched = 0
        public var published = 0
        public var sentToInput = 0
        public var deadLetteredAgain: [String: Int] = [:]
        public var dropped = 0
        public var dryRun = false

        public var description: String {
            var lines = ["read \(read) dead letter(s), \(matched) matched the filter\(dryRun ? " (dry run: nothing sent)" : "")"]
            if published > 0 { lines.append("published \(published) enriched record(s) to the output topic") }
            if sentToInput > 0 { lines.append("sent \(sentToInput) record(s) back to the input topic") }
            if dropped > 0 { lines.append("\(dropped) dropped by a stage") }
            for (errorClass, count) in deadLetteredAgain.sorted(by: { $0.key < $1.key }) {
                lines.append("\(count) failed again (\(errorClass)) and went back to the dead-letter topic")
            }
            return lines.joined(separator: "\n")
        }
    }

    let configuration: DaemonConfiguration
    let processor: ArticleProcessor
    let logger: Logger

    public init(configuration: DaemonConfiguration, processor: ArticleProcessor, logger: Logger) {
        self.configuration = configuration
        self.processor = processor
        self.logger = logger
    }

    public func run(filter: Filter, destination: Destination, dryRun: Bool, idleTimeout: Duration = .seconds(5)) async throws -> Summary {
        let client = KafkaClientConfiguration(bootstrapServers: configuration.kafka.brokers, clientID: "articled-dlq-replay",
                                              extra: configuration.kafka.librdkafka)
        let letters = try await TopicReader(client: client, logger: logger).read(
            topics: [configuration.topics.deadLetter], expected: nil, timeout: .seconds(600), idleTimeout: idleTimeout,
            sessionTimeoutMilliseconds: configuration.kafka.sessionTimeoutMilliseconds
        )
        var summary = Summary(dryRun: dryRun)
        summary.read = letters.count
        var outgoing: [(topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader])] = []
        for letter in letters {
            let headers = Dictionary(letter.headers.map { ($0.name, $0.value.map { String(decoding: $0, as: UTF8.self) } ?? "") }) { first, _ in first }
            guard filter.matches(headers) else { continue }
            summary.matched += 1
            let original = letter.headers.filter { !$0.name.hasPrefix("articled.") }
            switch destination {
            case .inputTopic:
                summary.sentToInput += 1
                let topic = headers[DeadLetter.Header.topic] ?? configuration.topics.input[0]
                outgoing.append((topic, letter.key, letter.value ?? [], original))
            case .pipeline:
                let position = SourcePosition(
                    topic: headers[DeadLetter.Header.topic] ?? configuration.topics.input[0],
                    partition: Int32(headers[DeadLetter.Header.partition] ?? "") ?? 0,
                    offset: Int64(headers[DeadLetter.Header.offset] ?? "") ?? 0,
                    timestampMilliseconds: headers[DeadLetter.Header.timestamp].flatMap(Timestamp.milliseconds(parsing:))
                )
                switch await processor.process(value: letter.value, key: letter.key, position: position) {
                case .publish(let publication):
                    summary.published += 1
                    outgoing.append((publication.topic ?? configuration.topics.output, publication.key, publication.value, []))
                case .drop:
                    summary.dropped += 1
                case .deadLetter(let again):
                    summary.deadLetteredAgain[again.errorClass.rawValue, default: 0] += 1
                    let attempts = (Int(headers[DeadLetter.Header.attempts] ?? "") ?? 1) + again.attempts
                    let firstFailure = headers[DeadLetter.Header.firstFailure].flatMap(Timestamp.milliseconds(parsing:)) ?? again.firstFailureMilliseconds
                    let renewed = DeadLetter(errorClass: again.errorClass, stage: again.stage, message: again.message,
                                             position: position, firstFailureMilliseconds: firstFailure, attempts: attempts)
                    outgoing.append((configuration.topics.deadLetter, letter.key, letter.value ?? [],
                                     renewed.headers.map { KafkaHeader(name: $0.0, string: $0.1) } + original))
                }
            }
        }
        guard !dryRun, !outgoing.isEmpty else { return summary }
        try await send(outgoing, client: client)
        return summary
    }

    private func send(_ records: [(topic: String, key: [UInt8]?, value: [UInt8], headers: [KafkaHeader])],
                      client: KafkaClientConfiguration) async throws {
        let failures = Mutex<[KafkaError]>([])
        let producer = try KafkaProducer(configuration: .init(client: client), logger: logger) { report in
            if let error = report.error { failures.withLock { $0.append(error) } }
        }
        for (index, record) in records.enumerated() {
            try await producer.send(topic: record.topic, key: record.key, value: record.value, headers: record.headers, token: UInt64(index))
        }
        await producer.shutdown(timeout: .seconds(60))
        if let first = failures.withLock({ $0.first }) { throw first }
    }
}
