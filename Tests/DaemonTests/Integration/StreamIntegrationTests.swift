import ArticleCorpus
import Daemon
import Foundation
import Kafka
import Logging
import Pipeline
import Testing

/// consume → process → produce → commit against a real broker (tansu), with the real binary.
@Suite(.serialized, .enabled(if: IntegrationEnvironment.current != nil, "needs the broker started by `make test`"))
struct StreamIntegrationTests {
    let articleCount = 10_000
    let articleBytes = 1_024

    func feed(_ environment: IntegrationEnvironment, topic: String, range: Range<Int>) async throws {
        try await environment.feedSynthetic(topic: topic, range: range, bytes: articleBytes)
    }

    func createTopics(_ environment: IntegrationEnvironment, _ topics: (input: String, output: String, deadLetter: String)) async throws {
        try await environment.createTopics(topics, partitions: 3)
    }

    /// One record per dead-letter path, plus one that fails retriably twice and then passes.
    static let special: [(value: [UInt8], expectedClass: String?)] = [
        (Array(#"{"id":"bad-utf8","text":"Caf"#.utf8) + [0xe9, 0xff] + Array(#""}"#.utf8), "decode"),
        (Array(#"{"id":"no-text","title":"only a title"}"#.utf8), "decode"),
        (Array(#"{"id":"truncated","text":"unfinished"#.utf8), "decode"),
        (Array(#"{"id":"oversize","text":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 5_000) + Array(#""}"#.utf8), "oversize"),
        (Array(#"{"id":"stage-fails","text":"This one says FAIL-ME."}"#.utf8), "stage"),
        (Array(#"{"id":"stage-retries","text":"This one says RETRY-ME and then works."}"#.utf8), nil),
    ]

    static let faultSettings = [
        "ARTICLED_PROCESSING_STAGES": "fault",
        "ARTICLED_STAGES_FAULT_FAIL_MARKER": "FAIL-ME",
        "ARTICLED_STAGES_FAULT_RETRY_MARKER": "RETRY-ME",
        "ARTICLED_STAGES_FAULT_RETRIABLE_FAILURES": "2",
        "ARTICLED_PROCESSING_RETRY_BACKOFF_MS": "10",
        "ARTICLED_PROCESSING_MAX_INPUT_BYTES": "4096",
    ]

    @Test func cleanRunPublishesEveryArticleExactlyOnceAndDeadLettersBadInput() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("clean")
        try await environment.createTopics(topics)
        try await feed(environment, topic: topics.input, range: 0..<articleCount)
        let special = Self.special
        _ = try await TopicFeeder(client: environment.client, logger: Logger(label: "feeder"))
            .feed(topic: topics.input, count: special.count) { (nil, special[$0].value) }
        let inputCount = articleCount + special.count
        let deadLetterCount = special.filter { $0.expectedClass != nil }.count

        let collector = try OutputCollector(environment, topics: [topics.output, topics.deadLetter])
        let group = "g-\(topics.input)"
        let daemon = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output,
                                       deadLetter: topics.deadLetter, logName: "clean.log", settings: Self.faultSettings)
        let complete = await collector.wait(timeout: .seconds(120)) { $0.count >= inputCount }

        // While it runs: the endpoint answers over HTTP.
        let port = try #require(await daemon.metricsPort(), "daemon log:\n\(daemon.logTail)")
        let ready = LocalHTTP.get(port: port, path: "/readyz")
        let health = LocalHTTP.get(port: port, path: "/healthz")
        // The broker may show a record to readers before the producer has its acknowledgement;
        // give the counters a moment to catch up.
        var metrics = LocalHTTP.get(port: port, path: "/metrics")
        for _ in 0..<50 where !(metrics?.body.contains(#"articled_records_dead_lettered_total{class="decode"} 3"#) ?? false) {
            try await Task.sleep(for: .milliseconds(100))
            metrics = LocalHTTP.get(port: port, path: "/metrics")
        }
        #expect(ready?.status == 200)
        #expect(health?.status == 200)
        #expect(metrics?.status == 200)
        let exposition = metrics?.body ?? ""
        #expect(exposition.contains("articled_records_consumed_total \(inputCount)"), "\(exposition.prefix(2_000))")
        #expect(exposition.contains(#"articled_records_dead_lettered_total{class="decode"} 3"#))
        #expect(exposition.contains(#"articled_stage_duration_seconds_bucket{stage="fault""#))
        #expect(exposition.contains("articled_consumer_lag_offsets{"))
        // librdkafka reports statistics every 5 s.
        var withStatistics = exposition
        for _ in 0..<100 where !withStatistics.contains(#"articled_broker_rtt_seconds{client="producer""#) {
            try await Task.sleep(for: .milliseconds(100))
            withStatistics = LocalHTTP.get(port: port, path: "/metrics")?.body ?? ""
        }
        #expect(withStatistics.contains(#"articled_broker_rtt_seconds{client="producer""#))

        let status = await daemon.terminate()
        // Anything published twice would show up here after the daemon is gone.
        try await Task.sleep(for: .seconds(2))
        await collector.stop()
        #expect(complete, "daemon log:\n\(daemon.logTail)")
        #expect(status == 0, "SIGTERM must end with exit 0; log:\n\(daemon.logTail)")

        let outputs = collector.all.filter { $0.topicPartition.topic == topics.output }
        let ids = outputs.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }
        #expect(ids.count == articleCount + 1, "exactly once on a clean run")
        #expect(Set(ids) == Set((0..<articleCount).map(SyntheticArticles.id) + ["stage-retries"]))

        let letters = collector.all.filter { $0.topicPartition.topic == topics.deadLetter }
        #expect(letters.count == deadLetterCount)
        #expect(Set(letters.compactMap(\.value)) == Set(special.filter { $0.expectedClass != nil }.map(\.value)),
                "dead letters carry the original bytes")
        for letter in letters {
            let headers = Dictionary(letter.headers.map { ($0.name, $0.value.map { String(decoding: $0, as: UTF8.self) } ?? "") }) { a, _ in a }
            let expected = special.first { $0.value == letter.value }?.expectedClass
            #expect(headers[DeadLetter.Header.errorClass] == expected)
            #expect(headers[DeadLetter.Header.topic] == topics.input)
            #expect(headers[DeadLetter.Header.offset] != nil && headers[DeadLetter.Header.partition] != nil)
            #expect(headers[DeadLetter.Header.message]?.isEmpty == false)
        }

        // Every acknowledged input offset was committed on the way out.
        let committed = try environment.committedOffsets(group: group, topic: topics.input)
        #expect(committed.values.reduce(0, +) == Int64(inputCount), "committed \(committed)")

        // After "the fix" (no failing marker, default size limit), replay the stage and oversize
        // dead letters through the pipeline.
        let replay = try await environment.runArticled(["dlq", "replay", "--class", "stage,oversize"], settings: [
            "ARTICLED_KAFKA_BROKERS": environment.broker, "ARTICLED_TOPICS_INPUT": topics.input,
            "ARTICLED_TOPICS_OUTPUT": topics.output, "ARTICLED_TOPICS_DEAD_LETTER": topics.deadLetter,
            "ARTICLED_KAFKA_SESSION_TIMEOUT_MS": "6000", "ARTICLED_PROCESSING_STAGES": "fault",
        ])
        #expect(replay.status == 0, "\(replay.output)")
        #expect(replay.output.contains("read \(deadLetterCount) dead letter(s), 2 matched"), "\(replay.output)")
        #expect(replay.output.contains("published 2 enriched record(s)"), "\(replay.output)")
    }

    /// `articled feed --rate` (the latency benchmark's feeder) spaces its records and still
    /// delivers every one, once.
    @Test func pacedFeedDeliversEveryRecordOnce() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("paced")
        try await environment.createTopics(topics)
        let (status, output) = try await IntegrationEnvironment.run(
            environment.articled, ["feed", "--brokers", environment.broker, "--topic", topics.input, "--generate", "30", "--rate", "300"]
        )
        #expect(status == 0, "\(String(decoding: output, as: UTF8.self))")
        let collector = try OutputCollector(environment, topics: [topics.input])
        let complete = await collector.wait(timeout: .seconds(30)) { $0.count >= 30 }
        await collector.stop()
        #expect(complete)
        #expect(collector.all.count == 30)
        #expect(Set(collector.all.compactMap(\.key)).count == 30)
    }

    @Test(arguments: ["partition", "key"])
    func outputOrderPerKeyFollowsInputOrderWithParallelWorkers(ordering: String) async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("order-\(ordering)")
        try await environment.createTopics(topics)
        let count = 3_000
        _ = try await TopicFeeder(client: environment.client, logger: Logger(label: "feeder")).feed(topic: topics.input, count: count) { index in
            (Array("key-\(index % 30)".utf8), Array(#"{"text":"sequence \#(index)","seq":\#(index)}"#.utf8))
        }
        let collector = try OutputCollector(environment, topics: [topics.output])
        let daemon = try DaemonProcess(environment, group: "g-\(topics.input)", input: topics.input, output: topics.output,
                                       deadLetter: topics.deadLetter, logName: "order-\(ordering).log",
                                       settings: ["ARTICLED_PROCESSING_WORKERS": "3", "ARTICLED_PROCESSING_ORDERING": ordering])
        let complete = await collector.wait(timeout: .seconds(90)) { $0.count >= count }
        #expect(await daemon.terminate() == 0)
        await collector.stop()
        #expect(complete, "daemon log:\n\(daemon.logTail)")
        var lastSeq: [String: Int] = [:]
        var violations = 0
        // With `ordering: partition` any worker processes any record; what one output partition
        // holds of one input partition must still be in input order.
        var lastInputOffset: [String: Int] = [:]
        var partitionViolations = 0
        for record in collector.all {
            guard let key = record.key.map({ String(decoding: $0, as: UTF8.self) }), let value = record.value,
                  let json = try? JSONParser.parse(value),
                  let seq = json["article"]?["raw"]?["seq"], case .number(let text) = seq, let number = Int(text)
            else { continue }
            if let previous = lastSeq[key], previous > number { violations += 1 }
            lastSeq[key] = number
            if case .number(let partition) = json["input"]?["partition"], case .number(let offsetText) = json["input"]?["offset"],
               let offset = Int(offsetText) {
                let pair = "\(record.topicPartition.partition)<-\(partition)"
                if let previous = lastInputOffset[pair], previous > offset { partitionViolations += 1 }
                lastInputOffset[pair] = offset
            }
        }
        #expect(lastSeq.count == 30)
        #expect(violations == 0, "outputs of one key must keep input order")
        if ordering == "partition" {
            #expect(lastInputOffset.count >= 3)
            #expect(partitionViolations == 0, "outputs of one input partition must keep input order")
        }
    }

    /// A dead letter larger than the producer may send (here `message.max.bytes=3000`, below the
    /// 5 000-byte record) goes without its value instead of being retried forever; its headers
    /// still say why and where the original is.
    @Test func deadLetterTooLargeForItsTopicGoesWithoutItsValue() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("too-large")
        try await environment.createTopics(topics)
        try await feed(environment, topic: topics.input, range: 0..<20)
        let large = Array(#"{"id":"large","text":""#.utf8) + Array(repeating: UInt8(ascii: "a"), count: 5_000) + Array(#""}"#.utf8)
        _ = try await TopicFeeder(client: environment.client, logger: Logger(label: "feeder"))
            .feed(topic: topics.input, count: 1) { _ in (Array("large".utf8), large) }
        let collector = try OutputCollector(environment, topics: [topics.output, topics.deadLetter])
        let daemon = try DaemonProcess(environment, group: "g-\(topics.input)", input: topics.input, output: topics.output,
                                       deadLetter: topics.deadLetter, logName: "too-large.log", settings: [
                                           "ARTICLED_PROCESSING_MAX_INPUT_BYTES": "4096", "ARTICLED_KAFKA_LIBRDKAFKA": "message.max.bytes=3000",
                                       ])
        let complete = await collector.wait(timeout: .seconds(60)) { $0.count >= 21 }
        let status = await daemon.terminate()
        await collector.stop()
        let letters = collector.all.filter { $0.topicPartition.topic == topics.deadLetter }
        let letter = try #require(letters.first, "daemon log:\n\(daemon.logTail)")
        func header(_ name: String) -> String? {
            letter.headers.first { $0.name == name }?.value.map { String(decoding: $0, as: UTF8.self) }
        }
        #expect(complete && letters.count == 1)
        #expect(letter.value?.isEmpty ?? true)
        #expect(header(DeadLetter.Header.errorClass) == "oversize")
        #expect(header(DeadLetter.Header.valueOmitted)?.hasPrefix("\(large.count) bytes") == true, "\(letter.headers)")
        #expect(header(DeadLetter.Header.offset) != nil)
        #expect(status == 0, "log:\n\(daemon.logTail)")
    }

    @Test func killedDaemonLosesNothingAfterRestartInTheSameGroup() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("kill")
        try await environment.createTopics(topics)
        let group = "g-\(topics.input)"
        let collector = try OutputCollector(environment, topics: [topics.output])
        let first = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output,
                                      deadLetter: topics.deadLetter, logName: "kill-1.log")
        // Feed in slices once the daemon owns the partitions, so the kill lands mid-stream after
        // some offsets were committed (librdkafka commits stored offsets every second).
        #expect(await first.waitForLog("partitions assigned", timeout: .seconds(60)))
        let feeding = Task {
            for start in stride(from: 0, to: articleCount, by: 500) {
                try await feed(environment, topic: topics.input, range: start..<min(start + 500, articleCount))
                try await Task.sleep(for: .milliseconds(100))
            }
        }
        let midStream = await collector.wait(timeout: .seconds(60)) { $0.count >= 6_000 }
        await first.kill()
        let killedAt = collector.count
        try await feeding.value
        #expect(midStream, "daemon log:\n\(first.logTail)")

        let second = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output,
                                       deadLetter: topics.deadLetter, logName: "kill-2.log")
        let expected = Set((0..<articleCount).map(SyntheticArticles.id))
        let complete = await collector.wait(timeout: .seconds(120)) { collector in
            Set(collector.all.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }).isSuperset(of: expected)
        }
        let status = await second.terminate()
        await collector.stop()

        let ids = collector.all.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }
        let lost = expected.subtracting(ids).count
        let duplicates = ids.count - Set(ids).count
        print("SIGKILL after \(killedAt) outputs; after restart: \(ids.count) outputs, \(Set(ids).count) unique, lost \(lost), duplicates \(duplicates)")
        #expect(complete, "second daemon log:\n\(second.logTail)")
        #expect(lost == 0)
        #expect(duplicates < killedAt, "offsets committed before the kill must not be re-processed")
        #expect(status == 0, "log:\n\(second.logTail)")
    }
}
