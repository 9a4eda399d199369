import Foundation
import Testing
@testable import Daemon
import Pipeline

/// Hostile input through the full stage chain: nothing crashes or hangs, and every record either
/// publishes or is dead-lettered with the class its defect calls for. A smoke version of the
/// reliability suite's 100 000-record run; the generator is seeded, so failures reproduce.
@Suite struct HostileInputTests {
    struct Generator: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = StableHash.mix(state &+ 0x9e37_79b9_7f4a_7c15)
            return state
        }
    }

    enum Expected { case publish, decode, oversize, either }

    static func hostile(_ index: Int, _ random: inout Generator) -> (bytes: [UInt8], expected: Expected) {
        func text(_ body: String) -> [UInt8] { Array(#"{"id":"h\#(index)","text":"\#(body)"}"#.utf8) }
        switch index % 16 {
        case 0: return ((0..<Int.random(in: 1...4_000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, .either)
        case 1: return (text("caf") + [0xc3] + Array(#""}"#.utf8), .decode)                        // truncated sequence
        case 2: return (text("over") + [0xc0, 0xaf] + Array(#""}"#.utf8), .decode)                 // overlong encoding
        case 3: return (text("nul \\u0000 inside"), .publish)
        case 4: return (Array(String(repeating: #"{"a":"#, count: 10_000).utf8), .decode)         // 10 000 levels of nesting
        case 5: return (text(String(repeating: "x", count: 200_000)), .publish)                    // one huge word
        case 6: return (Array((#"{"id":"h\#(index)","text":"# + String(repeating: "9", count: 400) + "}").utf8), .decode) // unterminated string
        case 7: return (Array(#"{"id":["a"],"text":"x"}"#.utf8), .decode)                         // wrong type
        case 8: return ([], .decode)                                                               // empty
        case 9: return (Array(repeating: UInt8(ascii: "a"), count: (1 << 20) + 1), .oversize)     // over the limit
        case 10: return (text("\u{202E}evil right-to-left\u{202C} and \u{200B}zero width"), .publish)
        case 11: return (text("e" + String(repeating: "\u{0301}", count: 50_000)), .publish)      // combining pile-up
        case 12: return (text(String(repeating: "Lees ook: iets\\n", count: 5_000)), .publish)     // furniture flood
        case 13: return (text(String(repeating: "<div><a href='x'>", count: 20_000)), .publish)    // tag soup
        case 14: return (text((0..<2_000).map { _ in String(UnicodeScalar(UInt8.random(in: 0x21...0x7e, using: &random))) }
                             .joined().replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "\\", with: "")), .publish)
        default: return (Array("\u{FEFF}plain text with a BOM and \u{0007} bell".utf8), .publish)
        }
    }

    /// A hang fails the test through the time limit; speed itself is the benchmarks' business, so
    /// the slowest kinds are only printed.
    @Test(.timeLimit(.minutes(10))) func fullChainSurvivesHostileRecords() async throws {
        var configuration = DaemonConfiguration()
        configuration.processing.stages = ["clean", "language", "dedupe", "tag"]
        let processor = try DaemonRunner.makeProcessor(configuration)
        var random = Generator(state: 20_261_125)
        var outcomes: [String: Int] = [:]
        var slowest: [Int: Duration] = [:]
        for index in 0..<160 {
            let (bytes, expected) = Self.hostile(index, &random)
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
