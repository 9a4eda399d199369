import Daemon
import Foundation
import Kafka
import Logging
import Pipeline
import Testing

/// Dedupe's fingerprints live in a Kafka changelog: a new instance (or a restarted one) knows what
/// an earlier one saw, and a re-delivered article is never a duplicate of itself.
@Suite(.serialized, .enabled(if: IntegrationEnvironment.current != nil, "needs the broker started by `make test`"))
struct DedupeStateTests {
    func article(id: String, url: String, text: String) -> [UInt8] {
        Array(#"{"id":"\#(id)","url":"\#(url)","text":"\#(text)"}"#.utf8)
    }

    @Test func aSecondInstanceSeesFingerprintsWrittenByTheFirst() async throws {
        let environment = try #require(IntegrationEnvironment.current)
        let topics = environment.topics("dedupe")
        let state = "state-\(topics.input)"
        try await environment.createTopics(topics, partitions: 3)
        try await environment.createTopic(state, partitions: 1)
        let settings = ["ARTICLED_PROCESSING_STAGES": "dedupe", "ARTICLED_STAGES_DEDUPE_CHANGELOG_TOPIC": state]
        let feeder = TopicFeeder(client: environment.client, logger: Logger(label: "feeder"))
        let story = (0..<40).map { "Word\($0 % 17) sentence number \($0) about the harbour strike and its end." }.joined(separator: " ")
        let first: [[UInt8]] = [
            article(id: "original", url: "https://news.example.org/strike?utm_source=x", text: story),
            article(id: "other", url: "https://news.example.org/other", text: "A different and much shorter story about something else."),
        ]
        _ = try await feeder.feed(topic: topics.input, count: first.count) { (nil, first[$0]) }
        let collector = try OutputCollector(environment, topics: [topics.output])
        let one = try DaemonProcess(environment, group: "g-\(topics.input)", input: topics.input, output: topics.output,
                                    deadLetter: topics.deadLetter, logName: "dedupe-1.log", settings: settings)
        #expect(await collector.wait(timeout: .seconds(60)) { $0.count >= 2 }, "\(one.logTail)")
        #expect(await one.terminate() == 0)

        // A new instance in a new group: only the changelog can tell it about "original".
        let second: [[UInt8]] = [
            article(id: "copy", url: "https://www.news.example.org/strike/", text: story),          // same URL, normalised
            article(id: "original", url: "https://news.example.org/strike", text: story),           // re-delivery of itself
        ]
        _ = try await feeder.feed(topic: topics.input, count: second.count) { (nil, second[$0]) }
        let two = try DaemonProcess(environment, group: "g2-\(topics.input)", input: topics.input, output: topics.output,
                                    deadLetter: topics.deadLetter, logName: "dedupe-2.log", settings: settings)
        #expect(await two.waitForLog("changelog restored", timeout: .seconds(60)), "\(two.logTail)")
        #expect(await collector.wait(timeout: .seconds(60)) { $0.count >= 2 + 4 }, "\(two.logTail)")
        #expect(await two.terminate() == 0)
        await collector.stop()

        var verdicts: [String: [String]] = [:]
        for record in collector.all {
            guard let value = record.value, let json = try? JSONParser.parse(value), let id = json["id"]?.stringValue else { continue }
            let status = json["dedupe"]?["status"]?.stringValue ?? "?"
            let of = json["dedupe"]?["of"]?.stringValue ?? "-"
            verdicts[id, default: []].append("\(status):\(of)")
        }
        #expect(verdicts["copy"]?.contains("duplicate:original") == true, "\(verdicts)")
        #expect(verdicts["original"]?.allSatisfy { $0.hasPrefix("unique") } == true, "never a duplicate of itself: \(verdicts)")
        #expect(two.logContains(#""entries":"2""#), "the second instance restored both fingerprints")
    }
}
