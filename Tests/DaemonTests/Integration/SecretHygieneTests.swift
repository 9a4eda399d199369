import ArticleCorpus
import Daemon
import Foundation
import Kafka
import Logging
import Testing

/// A planted SASL password, given the way operators give it (a systemd credential), must not
/// surface anywhere an operator or a downstream reader looks: the daemon's debug log, /metrics,
/// `check-config` output or dead-letter headers.
@Suite(.serialized, .enabled(if: IntegrationEnvironment.current != nil, "needs the broker started by `make test`"))
struct SecretHygieneTests {
    @Test func aPlantedSecretAppearsInNoLogMetricCheckOutputOrDeadLetter() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("secret")
        try await environment.createTopics(topics, partitions: 1)
        let credentials = FileManager.default.temporaryDirectory.appendingPathComponent("cred-\(UInt32.random(in: 0...UInt32.max))")
        try FileManager.default.createDirectory(at: credentials, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: credentials) }
        let planted = "pl4nted-\(UInt64.random(in: 0...UInt64.max))"
        try planted.write(to: credentials.appendingPathComponent("kafka-sasl-password"), atomically: true, encoding: .utf8)

        let records: [[UInt8]] = (0..<20).map { SyntheticArticles.json(index: $0, approximateBytes: 400) } + [
            Array(#"{"id":"broken","text":"unterminated"#.utf8),
            Array(#"{"id":"fails","text":"This one says FAIL-ME."}"#.utf8),
        ]
        _ = try await TopicFeeder(client: environment.client, logger: Logger(label: "feeder"))
            .feed(topic: topics.input, count: records.count) { (nil, records[$0]) }
        let settings = [
            "CREDENTIALS_DIRECTORY": credentials.path,
            "ARTICLED_KAFKA_LIBRDKAFKA": "sasl.mechanism=SCRAM-SHA-512,sasl.username=articled,sasl.password=@credential:kafka-sasl-password",
            "ARTICLED_LOG_LEVEL": "debug",
            "ARTICLED_PROCESSING_STAGES": "fault",
            "ARTICLED_STAGES_FAULT_FAIL_MARKER": "FAIL-ME",
        ]
        let collector = try OutputCollector(environment, topics: [topics.output, topics.deadLetter])
        let daemon = try DaemonProcess(environment, group: "g-\(topics.input)", input: topics.input, output: topics.output,
                                       deadLetter: topics.deadLetter, logName: "secret.log", settings: settings)
        #expect(await collector.wait(timeout: .seconds(60)) { $0.count >= records.count }, "daemon log:\n\(daemon.logTail)")
        let port = try #require(await daemon.metricsPort(), "daemon log:\n\(daemon.logTail)")
        let metrics = LocalHTTP.get(port: port, path: "/metrics")?.body ?? ""
        #expect(metrics.contains("articled_records_consumed_total"))
        #expect(await daemon.terminate() == 0)
        await collector.stop()
        let check = try await environment.runArticled(["check-config"], settings: settings.merging(["ARTICLED_KAFKA_BROKERS": environment.broker]) { $1 })

        let log = (try? String(contentsOfFile: daemon.logPath, encoding: .utf8)) ?? ""
        #expect(log.contains("\"level\":\"debug\"") || log.contains("debug"), "the log ran at debug level")
        let letters = collector.all.filter { $0.topicPartition.topic == topics.deadLetter }
        #expect(letters.count == 2)
        let letterText = letters.flatMap { letter in letter.headers.map { $0.name + "=" + String(decoding: $0.value ?? [], as: UTF8.self) } }
            .joined(separator: "\n")
        for (place, text) in [("daemon log", log), ("metrics", metrics), ("check-config", check.output), ("dead-letter headers", letterText)] {
            #expect(!text.contains(planted), "the secret leaked into the \(place)")
        }
    }
}
