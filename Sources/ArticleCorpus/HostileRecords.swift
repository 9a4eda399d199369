import Pipeline

/// Seeded hostile records for the reliability suite: sixteen kinds of broken or adversarial
/// input, each with the outcome the daemon owes it. The same seed gives the same bytes, so a
/// failure reproduces; the smoke test and the 100 000-record run through Kafka share them.
public enum HostileRecords {
    public enum Expected: String, Sendable, Equatable {
        case publish, decode, oversize
        /// Binary noise: almost always a decode failure, in principle valid text.
        case either
    }

    public static let kinds = 16

    /// A small, seedable generator (not for cryptography).
    public struct Generator: RandomNumberGenerator, Sendable {
        var state: UInt64
        public init(seed: UInt64) { state = seed }
        public mutating func next() -> UInt64 {
            state = StableHash.mix(state &+ 0x9e37_79b9_7f4a_7c15)
            return state
        }
    }

    /// Record `index` (its kind is `index % kinds`), with id `id`. The kinds with large payloads
    /// (a 200 KB word, a value over 1 MiB, 50 000 combining marks, floods of furniture and tags)
    /// come at full size only when `index / kinds` is a multiple of `fullSizeEvery`, otherwise at
    /// a twentieth: a 100 000-record run then fits a memory-only broker.
    public static func record(_ index: Int, id: String, fullSizeEvery: Int = 1, using random: inout Generator)
        -> (bytes: [UInt8], expected: Expected) {
        let scale = (index / kinds) % max(1, fullSizeEvery) == 0 ? 1 : 20
        func text(_ body: String) -> [UInt8] { Array(#"{"id":"\#(id)","text":"\#(body)"}"#.utf8) }
        switch index % kinds {
        case 0: return ((0..<Int.random(in: 1...4_000, using: &random)).map { _ in UInt8.random(in: 0...255, using: &random) }, .either)
        case 1: return (text("caf") + [0xc3] + Array(#""}"#.utf8), .decode)                        // truncated sequence
        case 2: return (text("over") + [0xc0, 0xaf] + Array(#""}"#.utf8), .decode)                 // overlong encoding
        case 3: return (text("nul \\u0000 inside"), .publish)
        case 4: return (Array(String(repeating: #"{"a":"#, count: 10_000).utf8), .decode)         // 10 000 levels of nesting
        case 5: return (text(String(repeating: "x", count: 200_000 / scale)), .publish)            // one huge word
        case 6: return (Array((#"{"id":"\#(id)","text":"# + String(repeating: "9", count: 400) + "}").utf8), .decode) // unterminated string
        case 7: return (Array(#"{"id":["a"],"text":"x"}"#.utf8), .decode)                         // wrong type
        case 8: return ([], .decode)                                                               // empty
        case 9: return (Array(repeating: UInt8(ascii: "a"), count: scale == 1 ? (1 << 20) + 1 : 1_000_000), .oversize) // over the limit
        case 10: return (text("\u{202E}evil right-to-left\u{202C} and \u{200B}zero width"), .publish)
        case 11: return (text("e" + String(repeating: "\u{0301}", count: 50_000 / scale)), .publish) // combining pile-up
        case 12: return (text(String(repeating: "Lees ook: iets\\n", count: 5_000 / scale)), .publish) // furniture flood
        case 13: return (text(String(repeating: "<div><a href='x'>", count: 20_000 / scale)), .publish) // tag soup
        case 14: return (text((0..<2_000).map { _ in String(UnicodeScalar(UInt8.random(in: 0x21...0x7e, using: &random))) }
                             .joined().replacingOccurrences(of: "\"", with: "").replacingOccurrences(of: "\\", with: "")), .publish)
        default: return (Array("\u{FEFF}plain text with a BOM and \u{0007} bell".utf8), .publish)
        }
    }
}
