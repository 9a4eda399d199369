import ArticleCorpus
import Daemon
import Foundation
import Kafka
import Logging
import Pipeline
import Testing

/// A stage that hangs: the article goes to the dead-letter topic as `timeout` after
/// `processing.article_timeout_ms`, the records behind it on the same partition still flow,
/// /healthz reports the stuck worker (so systemd or kubernetes would restart the process), and
/// SIGTERM still ends with exit 0.
@Suite(.serialized, .enabled(if: IntegrationEnvironment.current != nil, "needs the broker started by `make test`"))
struct StuckStageTests {
    @Test func hangingStageDeadLettersTheArticleAndTheStreamGoesOn() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("stuck")
        try await environment.createTopics(topics, partitions: 1)
        let hanging = Array(#"{"id":"hangs","text":"This one says HANG-ME."}"#.utf8)
        _ = try await TopicFeeder(client: environment.client, logger: Logger(label: "feeder")).feed(topic: topics.input, count: 201) { index in
            if index == 50 { return (nil, hanging) }
            let id = index < 50 ? index : index - 1
            return (Array(SyntheticArticles.id(id).utf8), SyntheticArticles.json(index: id, approximateBytes: 512))
        }
        let collector = try OutputCollector(environment, topics: [topics.output, topics.deadLetter])
        let daemon = try DaemonProcess(environment, group: "g-\(topics.input)", input: topics.input, output: topics.output,
                                       deadLetter: topics.deadLetter, logName: "stuck.log", settings: [
                                           "ARTICLED_PROCESSING_STAGES": "fault",
                                           "ARTICLED_PROCESSING_WORKERS": "1",
                                           "ARTICLED_STAGES_FAULT_HANG_MARKER": "HANG-ME",
                                           "ARTICLED_STAGES_FAULT_HANG_MS": "600000",
                                           "ARTICLED_PROCESSING_ARTICLE_TIMEOUT_MS": "1000",
                                       ])
        let complete = await collector.wait(timeout: .seconds(60)) { $0.count >= 201 }
        #expect(complete, "outputs \(collector.count); daemon log:\n\(daemon.logTail)")
        #expect(collector.count(in: topics.output) == 200)

        let letters = collector.all.filter { $0.topicPartition.topic == topics.deadLetter }
        let letter = try #require(letters.first)
        #expect(letters.count == 1)
        #expect(letter.value == hanging, "the original bytes")
        let headers = Dictionary(letter.headers.map { ($0.name, $0.value.map { String(decoding: $0, as: UTF8.self) } ?? "") }) { a, _ in a }
        #expect(headers[DeadLetter.Header.errorClass] == "timeout")
        #expect(headers[DeadLetter.Header.message]?.contains("article_timeout_ms") == true)

        let port = try #require(await daemon.metricsPort(), "daemon log:\n\(daemon.logTail)")
        let health = LocalHTTP.get(port: port, path: "/healthz")
        #expect(health?.status == 503)
        #expect(health?.body.contains("stuck") == true, "\(health?.body ?? "no answer")")
        #expect(LocalHTTP.get(port: port, path: "/metrics")?.body.contains("articled_stuck_workers 1") == true)
        #expect(await daemon.waitForLog("overran the stages' deadline", timeout: .seconds(5)))

        // The stuck thread is left behind; shutdown does not wait for it.
        #expect(await daemon.terminate() == 0, "daemon log:\n\(daemon.logTail)")
        await collector.stop()
    }
}
