import Foundation
import Testing
@testable import Daemon
import Pipeline

/// The shipped stages, wired by name through the registry as `run` and `process` use them, on the
/// seed article: each writes its result under its own key, in order, and later stages read what
/// earlier ones set (cleaned text, language).
@Suite struct BuiltInStagesTests {
    static let seed: [UInt8] = {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../Config/samples/000-seed-nl.txt").standardized
        return (try? Array(Data(contentsOf: url))) ?? []
    }()

    @Test func fullPipelineOnTheSeed() async throws {
        var configuration = DaemonConfiguration()
        configuration.processing.stages = ["clean", "language", "dedupe", "tag"]
        let processor = try DaemonRunner.makeProcessor(configuration)
        #expect(processor.stages.map(\.name) == ["clean", "language", "dedupe", "tag"])
        let position = SourcePosition(topic: "in", partition: 0, offset: 0, timestampMilliseconds: nil)
        guard case .publish(let publication) = await processor.process(value: Self.seed, key: nil, position: position) else {
            Issue.record("the seed must publish")
            return
        }
        let record = try JSONParser.parse(publication.value)
        #expect(record["stages"].map { if case .array(let a) = $0 { a.count } else { 0 } } == 4)
        if case .array(let removed)? = record["clean"]?["removed"] { #expect(removed.count == 7) } else { Issue.record("clean.removed") }
        #expect(record["language"]?["code"]?.stringValue == "nl")
        #expect(record["dedupe"]?["status"]?.stringValue == "unique")
        guard case .array(let entities)? = record["tag"]?["entities"] else {
            Issue.record("tag.entities")
            return
        }
        let names = entities.compactMap { $0["name"]?.stringValue }
        #expect(names.contains("Vladimir Poetin"))
        // Tagging read the cleaned text: no furniture-derived entity from the cookie notice.
        #expect(!names.contains { $0.localizedCaseInsensitiveContains("cookie") })
        // A mention is [start, end] into clean.text, and the text there is one of the surface forms.
        let text = Array((record["clean"]?["text"]?.stringValue ?? "").utf8)
        for entity in entities {
            guard case .array(let forms)? = entity["surface_forms"], case .array(let mentions)? = entity["mentions"] else {
                Issue.record("entity without surface_forms or mentions")
                continue
            }
            let surfaceForms = Set(forms.compactMap(\.stringValue))
            for mention in mentions {
                guard case .array(let pair) = mention, pair.count == 2,
                      case .number(let start) = pair[0], case .number(let end) = pair[1],
                      let from = Int(start), let to = Int(end), 0 <= from, from < to, to <= text.count else {
                    Issue.record("mention is not [start, end]: \(mention)")
                    continue
                }
                #expect(surfaceForms.contains(String(decoding: text[from..<to], as: UTF8.self)))
            }
        }
    }

    /// A copy right behind its original (before the original's output is acknowledged: a replay
    /// of history delivers copies that were hours apart back to back) is still a copy; only the
    /// changelog waits for the acknowledgement.
    @Test func dedupeMarksACopyBeforeTheOriginalIsAcknowledged() async throws {
        var configuration = DaemonConfiguration()
        configuration.processing.stages = ["dedupe"]
        let processor = try DaemonRunner.makeProcessor(configuration)
        let copy = Array(String(decoding: Self.seed, as: UTF8.self).replacingOccurrences(of: "Poetin", with: "Putin").utf8)
        let position = SourcePosition(topic: "in", partition: 0, offset: 0, timestampMilliseconds: nil)
        guard case .publish(let first) = await processor.process(value: Self.seed, key: Array("a".utf8), position: position),
              case .publish(let beforeAck) = await processor.process(value: copy, key: Array("b".utf8), position: position)
        else { Issue.record("publish"); return }
        #expect(try JSONParser.parse(first.value)["dedupe"]?["status"]?.stringValue == "unique")
        #expect(try JSONParser.parse(beforeAck.value)["dedupe"]?["status"]?.stringValue == "near_duplicate", "not acked yet, still a copy")
        #expect(try JSONParser.parse(beforeAck.value)["dedupe"]?["of"]?.stringValue == "a")
        first.afterAcknowledgement.forEach { $0() }
        guard case .publish(let again) = await processor.process(value: Self.seed, key: Array("a".utf8), position: position) else {
            Issue.record("publish"); return
        }
        let redelivery = try JSONParser.parse(again.value)["dedupe"]
        #expect(redelivery?["status"]?.stringValue == "unique", "a re-delivery is itself")
        #expect(redelivery?["seen_before"] == .bool(true))
    }

    @Test func dedupeCanRouteCopiesAndSaysUnknownWhileRestoring() async throws {
        var configuration = try await DaemonConfiguration.load(file: nil, environment: [
            "ARTICLED_PROCESSING_STAGES": "dedupe", "ARTICLED_STAGES_DEDUPE_DUPLICATE_ACTION": "route:articles.duplicates",
            "ARTICLED_STAGES_DEDUPE_RESTORE": "unknown",
        ])
        configuration.processing.stages = ["dedupe"]
        let processor = try DaemonRunner.makeProcessor(configuration)
        let stage = try #require(processor.stages.first as? any ChangelogBackedStage)
        #expect(stage.blocksWhileRestoring == false)
        let position = SourcePosition(topic: "in", partition: 0, offset: 0, timestampMilliseconds: nil)

        stage.setRestoring(true)
        guard case .publish(let during) = await processor.process(value: Self.seed, key: Array("a".utf8), position: position) else {
            Issue.record("publish"); return
        }
        #expect(try JSONParser.parse(during.value)["dedupe"]?["status"]?.stringValue == "unknown")
        stage.setRestoring(false)
        during.afterAcknowledgement.forEach { $0() }

        guard case .publish(let copy) = await processor.process(value: Self.seed, key: Array("b".utf8), position: position) else {
            Issue.record("publish"); return
        }
        #expect(try JSONParser.parse(copy.value)["dedupe"]?["status"]?.stringValue == "duplicate")
        #expect(copy.topic == "articles.duplicates", "route: the copy goes to its own topic")
    }
}
