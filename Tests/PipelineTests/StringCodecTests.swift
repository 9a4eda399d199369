import Testing
@testable import Pipeline

/// The writer's string paths (short, 17...32 bytes, escaping) and the parser's unescaping into
/// its scratch buffer, at every offset around their block edges: written strings must be what
/// escaping byte by byte gives, and parsing an escaped string must give the bytes back.
@Suite struct StringCodecTests {
    private let lengths = Array(0...40) + [63, 64, 65, 95, 96, 97]
    private let specials: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0a, 0x01, 0x1f, UInt8(ascii: "/"), 0x7f]

    private func text(length: Int, special: UInt8, at position: Int) -> [UInt8] {
        var bytes = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
        if position < length { bytes[position] = special }
        return bytes
    }

    @Test func writtenStringsMatchTheReference() {
        var mismatches: [String] = []
        for length in lengths {
            for position in 0...length {
                for special in specials {
                    let bytes = text(length: length, special: special, at: position)
                    var writer = JSONWriter()
                    writer.array { list in
                        list.string(String(decoding: bytes, as: UTF8.self))
                        list.string(String(decoding: bytes, as: UTF8.self))
                    }
                    let one = [UInt8(ascii: "\"")] + ReferenceEscaping.escaped(bytes) + [UInt8(ascii: "\"")]
                    if writer.bytes != [UInt8(ascii: "[")] + one + [UInt8(ascii: ",")] + one + [UInt8(ascii: "]")] {
                        mismatches.append("length \(length) byte \(special) at \(position)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// Two escaped strings in one value (the scratch buffer is reused), each with one or two
    /// escapes, through both parser entries.
    @Test func escapedStringsParseBack() throws {
        var mismatches: [String] = []
        for length in lengths {
            for position in 0...length {
                for special in specials {
                    var bytes = text(length: length, special: special, at: position)
                    if length > 2 { bytes[length / 2] = 0x0a }
                    let quoted = [UInt8(ascii: "\"")] + ReferenceEscaping.escaped(bytes) + [UInt8(ascii: "\"")]
                    let input = [UInt8(ascii: "[")] + quoted + [UInt8(ascii: ",")] + quoted + Array(#","\u00e9\ud83d\uddde"]"#.utf8)
                    let expected = JSONValue.array([.string(String(decoding: bytes, as: UTF8.self)),
                                                    .string(String(decoding: bytes, as: UTF8.self)), .string("é\u{1F5DE}")])
                    let plain = try JSONParser.parse(input)
                    let validated = try JSONParser.parse(validatedUTF8: input, isASCII: true, maxDepth: 64)
                    if plain != expected || validated != expected {
                        mismatches.append("length \(length) byte \(special) at \(position)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// Timestamps written in place are the quoted `Timestamp.rfc3339` text, with their commas.
    @Test func timestampsWrittenInPlace() {
        let values: [Int64] = [0, 1, -1, 999, 1_000, 1_764_241_200_123, -62_135_596_800_000, 253_402_300_799_999,
                               253_402_300_800_000, 32_503_680_000_000_000]
        for millis in values {
            var writer = JSONWriter()
            writer.object { json in
                json.field("a", timestamp: millis)
                json.key("b")
                json.timestamp(milliseconds: millis)
            }
            let text = Timestamp.rfc3339(milliseconds: millis)
            #expect(String(decoding: writer.bytes, as: UTF8.self) == #"{"a":"\#(text)","b":"\#(text)"}"#)
        }
    }
}
