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
        let size = articleBytes
        let feeder = TopicFeeder(client: environment.client, logger: Logger(label: "feeder"))
        _ = try await feeder.feed(topic: topic, count: range.count) { index in
            let id = range.lowerBound + index
            return (Array(SyntheticArticles.id(id).utf8), SyntheticArticles.json(index: id, approximateBytes: size))
        }
    }

    func createTopics(_ environment: IntegrationEnvironment, _ topics: (input: String, output: String, deadLetter: String)) throws {
        try environment.createTopic(topics.input, partitions: 3)
        try environment.createTopic(topics.output, partitions: 3)
        try environment.createTopic(topics.deadLetter, partitions: 1)
    }

    @Test func cleanRunPublishesEveryArticleExactlyOnceAndDeadLettersBadInput() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("clean")
        try createTopics(environment, topics)
        try await feed(environment, topic: topics.input, range: 0..<articleCount)
        let broken: [[UInt8]] = [Array(#"{"id":"bad-utf8","text":"Caf"#.utf8) + [0xe9, 0xff] + Array(#""}"#.utf8),
                                 Array(#"{"id":"no-text","title":"only a title"}"#.utf8)]
        _ = try await TopicFeeder(client: environment.client, logger: Logger(label: "feeder"))
            .feed(topic: topics.input, count: broken.count) { (nil, broken[$0]) }

        let collector = try OutputCollector(environment, topics: [topics.output, topics.deadLetter])
        let daemon = try DaemonProcess(environment, group: "g-\(topics.input)", input: topics.input, output: topics.output,
                                       deadLetter: topics.deadLetter, logName: "clean.log")
        let complete = await collector.wait(timeout: .seconds(120)) { $0.count >= articleCount + broken.count }
        let status = await daemon.terminate()
        // Anything published twice would show up here after the daemon is gone.
        try await Task.sleep(for: .seconds(2))
        await collector.stop()
        #expect(complete, "daemon log:\n\(daemon.logTail)")
        #expect(status == 0, "SIGTERM must end with exit 0; log:\n\(daemon.logTail)")

        let outputs = collector.all.filter { $0.topicPartition.topic == topics.output }
        let ids = outputs.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }
        #expect(ids.count == articleCount, "exactly once on a clean run")
        #expect(Set(ids) == Set((0..<articleCount).map(SyntheticArticles.id)))

        let letters = collector.all.filter { $0.topicPartition.topic == topics.deadLetter }
        #expect(letters.count == broken.count)
        #expect(Set(letters.compactMap(\.value)) == Set(broken), "dead letters carry the original bytes")
        for letter in letters {
            let names = Set(letter.headers.map(\.name))
            #expect(names.isSuperset(of: [DeadLetter.Header.errorClass, DeadLetter.Header.message, DeadLetter.Header.topic,
                                          DeadLetter.Header.partition, DeadLetter.Header.offset]))
        }
    }

    @Test func killedDaemonLosesNothingAfterRestartInTheSameGroup() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("kill")
        try createTopics(environment, topics)
        let group = "g-\(topics.input)"
        let collector = try OutputCollector(environment, topics: [topics.output])
        let first = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output,
                                      deadLetter: topics.deadLetter, logName: "kill-1.log")
        // Feed in slices once the daemon owns the partitions, so the kill lands mid-stream after
        // some offsets were committed (librdkafka commits stored offsets every second).
        #expect(await first.waitForLog("partitions assigned", timeout: .seconds(30)))
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
