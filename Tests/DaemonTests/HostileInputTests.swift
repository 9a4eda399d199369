import ArticleCorpus
import Foundation
import Testing
@testable import Daemon
import Pipeline

/// Hostile input through the full stage chain: nothing crashes or hangs, and every record either
/// publishes or is dead-lettered with the class its defect calls for. A smoke version of the
/// reliability suite's 100 000-record run through Kafka (`Scripts/reliability-scale.sh hostile`);
/// the generator (`HostileRecords`) is seeded, so failures reproduce.
@Suite struct HostileInputTests {
    /// A hang fails the test through the time limit; speed itself is the benchmarks' business, so
    /// the slowest kinds are only printed.
    @Test(.timeLimit(.minutes(10))) func fullChainSurvivesHostileRecords() async throws {
        var configuration = DaemonConfiguration()
        configuration.processing.stages = ["clean", "language", "dedupe", "tag"]
        let processor = try DaemonRunner.makeProcessor(configuration)
        var random = HostileRecords.Generator(seed: 20_261_125)
        var outcomes: [String: Int] = [:]
        var slowest: [Int: Duration] = [:]
        for index in 0..<160 {
            let (bytes, expected) = HostileRecords.record(index, id: "h\(index)", using: &random)
            let position = SourcePosition(topic: "in", partition: 0, offset: Int64(index), timestampMilliseconds: nil)
            let started = ContinuousClock.now
            let outcome = await processor.process(value: bytes, key: nil, position: position)
            slowest[index % 16] = max(slowest[index % 16] ?? .zero, ContinuousClock.now - started)
            switch (outcome, expected) {
            case (.publish(let publication), .publish), (.publish(let publication), .either):
                #expect((try? JSONParser.parse(publication.value)) != nil, "record \(index): output is not valid JSON")
                outcomes["publish", default: 0] += 1
            case (.deadLetter(let letter), .decode) where letter.errorClass == .decode,
                 (.deadLetter(let letter), .either) where letter.errorClass == .decode:
                outcomes["decode", default: 0] += 1
            case (.deadLetter(let letter), .oversize) where letter.errorClass == .oversize:
                outcomes["oversize", default: 0] += 1
            default:
                Issue.record("record \(index) (kind \(index % 16)): unexpected \(outcome)")
            }
        }
        #expect(outcomes.values.reduce(0, +) == 160)
        let top = slowest.sorted { $0.value > $1.value }.prefix(3).map { "kind \($0.key): \($0.value)" }
        print("hostile input, slowest kinds per record: \(top.joined(separator: ", "))")
    }
}
