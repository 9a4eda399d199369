import ArticleCorpus
import Foundation
import Kafka
import Testing

/// `processing.guarantee: exactly_once` against tansu.
///
/// tansu 0.6 holds back an open transaction from `read_committed` readers but shows its messages
/// once it is aborted, and librdkafka's mock cluster neither hides aborted messages nor stores
/// transactional offsets (it cannot run these scenarios at all). The kill test therefore plays
/// `read_committed` itself: the only transaction ever aborted here is the killed daemon's; a
/// `read_uncommitted` reader sees exactly its messages before the kill, and they precede the
/// successor's in every partition, so "what Kafka shows" is everything after that prefix.
///
/// Transactional ids are set directly: tansu's static membership (`group_instance_id`, from
/// which the id is derived by default) is not what these tests are about.
@Suite(.serialized, .enabled(if: IntegrationEnvironment.current != nil, "needs the broker started by `make test`"))
struct ExactlyOnceTests {
    static func settings(instance: String, intervalMilliseconds: Int = 100) -> [String: String] {
        ["ARTICLED_PROCESSING_GUARANTEE": "exactly_once", "ARTICLED_KAFKA_TRANSACTIONAL_ID": "articled-test-\(instance)",
         "ARTICLED_PROCESSING_TRANSACTION_INTERVAL_MS": String(intervalMilliseconds)]
    }

    static func ids(_ records: some Sequence<KafkaRecord>) -> [String] {
        records.compactMap { $0.key.map { String(decoding: $0, as: UTF8.self) } }
    }

    @Test func killBetweenProduceAndCommitLeavesEachIDOnceForReadCommitted() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("eos-kill")
        try await environment.createTopics(topics)
        let group = "g-\(topics.input)"
        let count = 2_000
        try await environment.feedSynthetic(topic: topics.input, range: 0..<count)
        let collector = try OutputCollector(environment, topics: [topics.output])
        let uncommitted = try OutputCollector(environment, topics: [topics.output], readUncommitted: true)

        // One transaction that is never committed: every output is produced, no offset committed.
        let first = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output, deadLetter: topics.deadLetter,
                                      logName: "eos-kill-1.log", settings: Self.settings(instance: "a", intervalMilliseconds: 600_000))
        let produced = await uncommitted.wait(timeout: .seconds(60)) { $0.count >= count }
        await first.kill()
        #expect(produced, "daemon log:\n\(first.logTail)")
        try await Task.sleep(for: .seconds(1))
        let aborted = uncommitted.all
        await uncommitted.stop()
        #expect(collector.count == 0, "an open transaction is not visible to read_committed")
        let committedAfterKill = try environment.committedOffsets(group: group, topic: topics.input).values.reduce(0, +)
        #expect(committedAfterKill == 0, "offsets must not be committed without their transaction")

        // The successor has the same transactional id: it fences the killed producer, whose open
        // transaction is aborted, and re-processes every input.
        let second = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output, deadLetter: topics.deadLetter,
                                       logName: "eos-kill-2.log", settings: Self.settings(instance: "a"))
        let expected = Set((0..<count).map(SyntheticArticles.id))
        let prefix = Dictionary(grouping: aborted, by: \.topicPartition).mapValues(\.count)
        func readCommitted(_ collector: OutputCollector) -> [KafkaRecord] {
            var seen: [TopicPartition: Int] = [:]
            return collector.all.filter { record in
                seen[record.topicPartition, default: 0] += 1
                return seen[record.topicPartition, default: 0] > prefix[record.topicPartition, default: 0]
            }
        }
        let complete = await collector.wait(timeout: .seconds(90)) { Set(Self.ids(readCommitted($0))).isSuperset(of: expected) }
        #expect(complete, "second daemon log:\n\(second.logTail)")
        #expect(await second.terminate() == 0, "log:\n\(second.logTail)")
        let committed = try environment.committedOffsets(group: group, topic: topics.input).values.reduce(0, +)

        // A third start finds everything committed and publishes nothing.
        let outputsBefore = collector.count
        let third = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output, deadLetter: topics.deadLetter,
                                      logName: "eos-kill-3.log", settings: Self.settings(instance: "a"))
        #expect(await third.waitForLog("partitions assigned", timeout: .seconds(60)))
        try await Task.sleep(for: .seconds(3))
        #expect(await third.terminate() == 0, "log:\n\(third.logTail)")
        await collector.stop()

        let visible = Self.ids(readCommitted(collector))
        print("exactly once: killed with \(aborted.count) outputs in its open transaction; read_committed view \(visible.count) records, \(Set(visible).count) ids; committed offsets \(committed)")
        #expect(visible.count == count && Set(visible) == expected, "each id exactly once")
        #expect(committed == Int64(count))
        #expect(collector.count == outputsBefore, "nothing re-processed after a clean stop")
    }

    /// A second instance joins mid-stream (the first commits its transaction before giving up
    /// partitions), then the first stops with SIGTERM (final commit): no id twice, none lost.
    @Test func rebalanceAndGracefulStopMidStreamPublishEachIDOnce() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("eos-handover")
        try await environment.createTopics(topics)
        let group = "g-\(topics.input)"
        let count = 6_000
        let collector = try OutputCollector(environment, topics: [topics.output])
        let first = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output, deadLetter: topics.deadLetter,
                                      logName: "eos-handover-1.log", settings: Self.settings(instance: "a"))
        #expect(await first.waitForLog("partitions assigned", timeout: .seconds(60)))
        let feeding = Task {
            for start in stride(from: 0, to: count, by: 250) {
                try await environment.feedSynthetic(topic: topics.input, range: start..<min(start + 250, count))
                try await Task.sleep(for: .milliseconds(150))
            }
        }
        #expect(await collector.wait(timeout: .seconds(60)) { $0.count >= 1_500 })
        let second = try DaemonProcess(environment, group: group, input: topics.input, output: topics.output, deadLetter: topics.deadLetter,
                                       logName: "eos-handover-2.log", settings: Self.settings(instance: "b"))
        #expect(await second.waitForLog("partitions assigned", timeout: .seconds(60)), "log:\n\(second.logTail)")
        #expect(await collector.wait(timeout: .seconds(60)) { $0.count >= 3_500 })
        #expect(await first.terminate() == 0, "log:\n\(first.logTail)")
        try await feeding.value
        let expected = Set((0..<count).map(SyntheticArticles.id))
        let complete = await collector.wait(timeout: .seconds(90)) { Set(Self.ids($0.all)).isSuperset(of: expected) }
        #expect(await second.terminate() == 0, "log:\n\(second.logTail)")
        await collector.stop()
        let ids = Self.ids(collector.all)
        print("exactly once, rebalance + SIGTERM mid-stream: \(ids.count) outputs for \(count) inputs, \(ids.count - Set(ids).count) duplicates")
        #expect(complete, "second daemon log:\n\(second.logTail)")
        #expect(ids.count == count, "\(ids.count - Set(ids).count) duplicates")
        #expect(first.logContains("partitions revoked"))
    }
}
