import ArticleCorpus
import Daemon
import Foundation
import Kafka
import Logging
import Pipeline
import Testing

/// The two things users run articled for besides the live stream: replaying a slice of history,
/// and scaling out / restarting instances of one group without losing anything.
@Suite(.serialized, .enabled(if: IntegrationEnvironment.current != nil, "needs the broker started by `make test`"))
struct ReplayAndScaleOutTests {
    func feed(_ environment: IntegrationEnvironment, topic: String, range: Range<Int>) async throws {
        try await environment.feedSynthetic(topic: topic, range: range)
    }

    func ids(_ records: [KafkaRecord]) -> [String] {
        records.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func replayOfATimeRangeProducesExactlyThatSlice() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("replay")
        try await environment.createTopics(topics, partitions: 3)

        try await feed(environment, topic: topics.input, range: 0..<5_000)
        try await Task.sleep(for: .milliseconds(1_100))
        let from = Timestamp.rfc3339(milliseconds: WallClock.milliseconds())
        try await Task.sleep(for: .milliseconds(1_100))
        try await feed(environment, topic: topics.input, range: 5_000..<25_000)
        try await Task.sleep(for: .milliseconds(1_100))
        let to = Timestamp.rfc3339(milliseconds: WallClock.milliseconds())
        try await Task.sleep(for: .milliseconds(1_100))
        try await feed(environment, topic: topics.input, range: 25_000..<28_000)

        let settings = [
            "ARTICLED_KAFKA_BROKERS": environment.broker, "ARTICLED_TOPICS_INPUT": topics.input,
            "ARTICLED_TOPICS_OUTPUT": "unused-\(topics.output)", "ARTICLED_TOPICS_DEAD_LETTER": topics.deadLetter,
            "ARTICLED_KAFKA_SESSION_TIMEOUT_MS": "6000",
        ]
        let plan = try await environment.runArticled(["replay", "--from", from, "--to", to, "--dry-run"], settings: settings)
        #expect(plan.status == 0, "\(plan.output)")
        #expect(plan.output.contains("total: 20000 record(s)"), "\(plan.output)")

        let replay = try await environment.runArticled(["replay", "--from", from, "--to", to, "--output-topic", topics.output], settings: settings)
        #expect(replay.status == 0, "\(replay.output)")
        #expect(replay.output.contains("replayed 20000 record(s)"), "\(replay.output)")

        let collector = try OutputCollector(environment, topics: [topics.output])
        _ = await collector.wait(timeout: .seconds(60)) { $0.count >= 20_000 }
        try await Task.sleep(for: .seconds(1))
        await collector.stop()
        let replayed = ids(collector.all)
        #expect(replayed.count == 20_000)
        #expect(Set(replayed) == Set((5_000..<25_000).map(SyntheticArticles.id)))
        let first = try #require(collector.all.first?.value)
        #expect(try JSONParser.parse(first)["replay"]?["id"]?.stringValue?.hasPrefix("replay-") == true)
    }

    @Test func offsetsResetRefusesALiveGroupThenRewindsToATime() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("reset")
        try await environment.createTopics(topics, partitions: 3)
        try await feed(environment, topic: topics.input, range: 0..<600)
        try await Task.sleep(for: .milliseconds(1_100))
        let rewindTo = Timestamp.rfc3339(milliseconds: WallClock.milliseconds())
        try await Task.sleep(for: .milliseconds(1_100))
        try await feed(environment, topic: topics.input, range: 600..<1_000)

        let group = "g-\(topics.input)"
        let collector = try OutputCollector(environment, topics: [topics.output])
        let daemon = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output,
                                       deadLetter: topics.deadLetter, logName: "reset.log")
        #expect(await collector.wait(timeout: .seconds(60)) { $0.count >= 1_000 })
        await collector.stop()
        let settings = ["ARTICLED_KAFKA_BROKERS": environment.broker, "ARTICLED_TOPICS_INPUT": topics.input,
                        "ARTICLED_KAFKA_SESSION_TIMEOUT_MS": "6000"]
        let refused = try await environment.runArticled(["offsets", "reset", "--group", group, "--to-timestamp", rewindTo], settings: settings)
        #expect(refused.status != 0 && refused.output.contains("live member"), "\(refused.output)")

        #expect(await daemon.terminate() == 0)
        let reset = try await environment.runArticled(["offsets", "reset", "--group", group, "--to-timestamp", rewindTo], settings: settings)
        #expect(reset.status == 0, "\(reset.output)")
        let consumer = try KafkaConsumer(configuration: .init(client: environment.client, groupID: group, sessionTimeoutMilliseconds: 6_000),
                                         logger: Logger(label: "committed"))
        let committed = try consumer.committed((0..<3).map { TopicPartition(topic: topics.input, partition: Int32($0)) })
        try? consumer.close()
        // Offsets-for-times is exact: the group now starts right after the 600 older records.
        let rewound = committed.values.reduce(Int64(0)) { $0 + ($1 ?? 0) }
        #expect(rewound == 600, "\(committed)")
    }

    @Test func threeInstancesSurviveAGracefulStopAndACrashWithoutLoss() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("scale")
        try await environment.createTopics(topics, partitions: 6)
        let group = "g-\(topics.input)"
        func start(_ name: String) throws -> DaemonProcess {
            try DaemonProcess(environment, group: group, input: topics.input, output: topics.output,
                              deadLetter: topics.deadLetter, logName: "scale-\(name).log")
        }
        let collector = try OutputCollector(environment, topics: [topics.output])
        let a = try start("a")
        try await Task.sleep(for: .seconds(2))
        let b = try start("b")
        try await Task.sleep(for: .seconds(2))
        let c = try start("c")
        #expect(await c.waitForLog("partitions assigned", timeout: .seconds(60)))

        let total = 50_000
        let feeding = Task {
            for start in stride(from: 0, to: total, by: 1_000) {
                try await feed(environment, topic: topics.input, range: start..<min(start + 1_000, total))
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        #expect(await collector.wait(timeout: .seconds(90)) { $0.count >= 12_000 })
        #expect(await b.terminate() == 0, "graceful stop: \(b.logTail)")
        #expect(await collector.wait(timeout: .seconds(90)) { $0.count >= 25_000 })
        let afterGracefulStop = ids(collector.all)
        let duplicatesAfterGracefulStop = afterGracefulStop.count - Set(afterGracefulStop).count

        await c.kill()
        let restarted = try start("c2")
        try await feeding.value
        let expected = Set((0..<total).map(SyntheticArticles.id))
        let complete = await collector.wait(timeout: .seconds(120)) { Set(self.ids($0.all)).isSuperset(of: expected) }
        let statusA = await a.terminate()
        let statusC = await restarted.terminate()
        await collector.stop()

        let all = ids(collector.all)
        let lost = expected.subtracting(all).count
        let duplicates = all.count - Set(all).count
        print("scale-out: \(all.count) outputs for \(total) articles; lost \(lost); duplicates \(duplicates) "
              + "(\(duplicatesAfterGracefulStop) before the SIGKILL, i.e. from the SIGTERM handover)")
        #expect(complete, "a: \(a.logTail)\nc2: \(restarted.logTail)")
        #expect(lost == 0)
        #expect(duplicatesAfterGracefulStop == 0, "a graceful stop hands over without re-processing")
        #expect(statusA == 0 && statusC == 0)
    }
}
