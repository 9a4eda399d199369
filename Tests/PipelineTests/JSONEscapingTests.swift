import Testing
@testable import Pipeline

/// The 16-byte escape scan (full blocks, the masked last block, the overlapping words of short
/// strings) and the run copies must write what escaping byte by byte writes, for every byte
/// value at every offset around the block edges.
@Suite struct JSONEscapingTests {
    /// Byte-by-byte escaping, the rule the scan must reproduce.
    private func reference(_ bytes: [UInt8]) -> [UInt8] { ReferenceEscaping.escaped(bytes) }

    /// Escapes `bytes` from an exact-size allocation (a read past the end would show under the
    /// address sanitizer) into a buffer with sentinels after the room the writer reserves.
    private func escaped(_ bytes: [UInt8]) -> (text: [UInt8], sentinelsIntact: Bool) {
        let source = UnsafeMutablePointer<UInt8>.allocate(capacity: max(bytes.count, 1))
        defer { source.deallocate() }
        source.initialize(from: bytes, count: bytes.count)
        let room = bytes.count * 6
        let out = UnsafeMutablePointer<UInt8>.allocate(capacity: room + 16)
        defer { out.deallocate() }
        out.initialize(repeating: 0xEE, count: room + 16)
        let count = JSONEscaping.writeEscaped(source, count: bytes.count, to: out)
        let sentinels = (room..<(room + 16)).allSatisfy { out[$0] == 0xEE }
        return (Array(UnsafeBufferPointer(start: out, count: count)), sentinels)
    }

    private let lengths = Array(0...50) + [63, 64, 65, 79, 80, 81]

    @Test func everyByteValueAtEveryOffset() {
        var mismatches: [String] = []
        for length in lengths {
            for position in 0..<max(length, 1) {
                for value in 0...255 {
                    var bytes = Array(repeating: UInt8(ascii: "x"), count: length)
                    if length > 0 { bytes[position] = UInt8(value) }
                    let result = escaped(bytes)
                    if result.text != reference(bytes) || !result.sentinelsIntact {
                        mismatches.append("length \(length) byte \(value) at \(position)")
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// Two escapes per string: the scan restarts after the first one inside a block, in the
    /// masked last block and in the overlapping words.
    @Test func pairsOfEscapesAtEveryOffset() {
        var mismatches: [String] = []
        let specials: [UInt8] = [UInt8(ascii: "\""), UInt8(ascii: "\\"), 0x0a, 0x00, 0x1f]
        for length in lengths where length >= 2 {
            for first in 0..<length {
                for second in (first + 1)..<length {
                    for special in specials {
                        var bytes = Array(repeating: UInt8(ascii: "y"), count: length)
                        bytes[first] = special
                        bytes[second] = UInt8(ascii: "\"")
                        let result = escaped(bytes)
                        if result.text != reference(bytes) || !result.sentinelsIntact {
                            mismatches.append("length \(length) at \(first) and \(second)")
                        }
                    }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test func allEscapesAndNone() {
        for length in lengths {
            let controls = (0..<length).map { UInt8($0 % 0x20) }
            #expect(escaped(controls).text == reference(controls))
            let high = (0..<length).map { UInt8(0x80 + $0 % 0x80) }
            #expect(escaped(high).text == high)
        }
    }

    /// Multi-byte UTF-8 (2, 3 and 4 bytes) around the block edges, through the public writer.
    @Test func multiByteTextThroughTheWriter() {
        let pieces = ["é", "€", "🗞", "ї", "\"", "\n", "a"]
        var mismatches: [String] = []
        for prefix in 0...40 {
            for piece in pieces {
                for suffix in [0, 1, 7, 15, 16, 17] {
                    let text = String(repeating: "b", count: prefix) + piece + "\\" + piece + String(repeating: "c", count: suffix)
                    var writer = JSONWriter()
                    writer.string(text)
                    let expected = [UInt8(ascii: "\"")] + reference(Array(text.utf8)) + [UInt8(ascii: "\"")]
                    if writer.bytes != expected { mismatches.append(text.debugDescription) }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// Strings and keys of 1...16 bytes take the writer's straight-copy path when plain: every
    /// byte value at every offset, with and without a comma before and a colon after.
    @Test func shortStringsAndKeysThroughTheWriter() {
        var mismatches: [String] = []
        for length in 1...18 {
            for position in 0..<length {
                for value in 0...255 {
                    var bytes = Array(repeating: UInt8(ascii: "k"), count: length)
                    bytes[position] = UInt8(value)
                    let text = String(decoding: bytes, as: UTF8.self)  // invalid bytes become U+FFFD
                    let quoted = [UInt8(ascii: "\"")] + reference(Array(text.utf8)) + [UInt8(ascii: "\"")]
                    var writer = JSONWriter(reservingCapacity: 16)
                    writer.array { list in
                        list.string(text)
                        list.object { object in
                            object.key(text)
                            object.null()
                        }
                    }
                    let expected = [UInt8(ascii: "[")] + quoted + Array(",{".utf8) + quoted + Array(":null}]".utf8)
                    if writer.bytes != expected { mismatches.append("length \(length) byte \(value) at \(position)") }
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    /// Strings over the writer's 2 KB chunk go through it in parts.
    @Test func longStringsAcrossChunks() {
        for length in [2_047, 2_048, 2_049, 4_100] {
            for position in [0, 15, 16, 2_047, 2_048, length - 1] where position < length {
                var bytes = Array(repeating: UInt8(ascii: "z"), count: length)
                bytes[position] = 0x01
                let text = String(decoding: bytes, as: UTF8.self)
                var writer = JSONWriter(reservingCapacity: 16)
                writer.string(text)
                #expect(writer.bytes == [UInt8(ascii: "\"")] + reference(bytes) + [UInt8(ascii: "\"")])
            }
        }
    }

    @Test func takeBytesHandsOverTheOutputAndEmptiesTheWriter() {
        var writer = JSONWriter(reservingCapacity: 16)
        writer.object { json in json.field("text", String(repeating: "w", count: 100)) }
        let copied = writer.bytes
        let taken = writer.takeBytes()
        #expect(taken == copied)
        #expect(writer.bytes.isEmpty)
        writer.int(7)  // no comma: the writer starts over
        #expect(writer.takeBytes() == Array("7".utf8))
    }

    @Test func staticAndRunTimeKeysWriteTheSame() {
        var literal = JSONWriter()
        literal.object { json in
            json.field("a", 1)  // one scalar: a `StaticString` without a pointer
            json.field("k\"ey", "v")
            json.field("schema_version", true)
            json.key("é")
            json.null()
        }
        var runTime = JSONWriter()
        let names = ["a", "k\"ey", "schema_version", "é"]
        runTime.object { json in
            json.field(names[0], 1)
            json.field(names[1], "v")
            json.field(names[2], true)
            json.key(names[3])
            json.null()
        }
        #expect(literal.bytes == runTime.bytes)
        #expect(String(decoding: literal.bytes, as: UTF8.self) == #"{"a":1,"k\"ey":"v","schema_version":true,"é":null}"#)
    }
}
