import Testing
@testable import Pipeline

/// Strings the decoder cuts from a value it validated once equal those of the checking path.
@Suite struct ValidatedDecodingTests {
    @Test func validatedParseEqualsCheckedParse() throws {
        let inputs = [
            #"{"id":"a","text":"plain ascii text","n":[1,2.5e3,-0],"t":true,"x":null}"#,
            #"{"text":"Oekraïne – „citaat“ 🗞","title":"\u00e9\n\"q\"","o":{"k":"\ud83d\uddde"}}"#,
            #"{"text":"ascii with escape \u00e9 inside","k":"\\"}"#,
        ]
        for input in inputs {
            let bytes = Array(input.utf8)
            guard let isASCII = ValidatedUTF8.check(bytes) else {
                Issue.record("valid input refused: \(input)")
                continue
            }
            let fast = try JSONParser.parse(validatedUTF8: bytes, isASCII: isASCII, maxDepth: 64)
            #expect(fast == (try JSONParser.parse(bytes)))
        }
        #expect(ValidatedUTF8.check([0x61, 0xff]) == nil)
        #expect(ValidatedUTF8.check([0xe2, 0x82]) == nil)
        #expect(ValidatedUTF8.check(Array("é".utf8)) == false)
    }

    @Test func escapedNonASCIIInASCIIInputCompares() throws {
        let bytes = Array(#"{"text":"caf\u00e9"}"#.utf8)
        let parsed = try JSONParser.parse(validatedUTF8: bytes, isASCII: true, maxDepth: 64)
        let text = try #require(parsed["text"]?.stringValue)
        #expect(text == "café")
        #expect(text.count == 4)
        #expect(text.unicodeScalars.last == "é")
    }
}

/// The hand-written validator agrees with the standard library's on every kind of sequence.
@Suite struct UTF8ValidatorTests {
    private func reference(_ bytes: [UInt8]) -> Bool? {
        guard let text = String(validating: bytes, as: UTF8.self) else { return nil }
        return text.utf8.allSatisfy { $0 < 0x80 }
    }

    @Test func boundarySequences() {
        let cases: [[UInt8]] = [
            [], [0x00], [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xC2],
            [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF],
            [0xE1, 0x80], [0xE1, 0x80, 0x7F], [0xF0, 0x8F, 0x80, 0x80], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF],
            [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xF3, 0x80, 0x80], [0xF3, 0x80, 0x80, 0xC0],
            Array("plain ascii, longer than eight bytes".utf8), Array("Oekraïne – „citaat“ 🗞 ok".utf8),
        ]
        for bytes in cases {
            #expect(ValidatedUTF8.check(bytes) == reference(bytes), "\(bytes)")
            // The same after ASCII runs of every length, so the 8-byte steps meet it at each offset.
            for run in 1...17 {
                let padded = Array(repeating: UInt8(ascii: "a"), count: run) + bytes + Array(repeating: UInt8(ascii: "b"), count: run % 9)
                #expect(ValidatedUTF8.check(padded) == reference(padded), "\(run) + \(bytes)")
            }
        }
    }

    /// The offset a decode error names is where the standard library's parser stops.
    @Test func firstInvalidOffsetIsWhereTheParserStops() {
        func reference(_ bytes: [UInt8]) -> Int {
            var parser = Unicode.UTF8.ForwardParser()
            var iterator = bytes.makeIterator()
            var offset = 0
            while case .valid(let encoded) = parser.parseScalar(from: &iterator) { offset += encoded.count }
            return offset
        }
        let cases: [[UInt8]] = [[], Array("plain".utf8), [0x61, 0xFF], Array("ok é".utf8) + [0xE2, 0x82],
                                Array("Oekraïne".utf8) + [0xED, 0xA0, 0x80, 0x61], [0xF0, 0x90, 0x80, 0x80, 0xC0, 0x80]]
        for bytes in cases {
            #expect(ValidatedUTF8.firstInvalidOffset(bytes) == reference(bytes), "\(bytes)")
        }
    }

    @Test func randomBytesAgreeWithTheStandardLibrary() {
        var state: UInt64 = 0x5EED
        func next() -> UInt64 {
            state = StableHash.mix(state &+ 0x9E37_79B9_7F4A_7C15)
            return state
        }
        // Mostly ASCII with scattered lead and continuation bytes, as broken and real text both are.
        let alphabet: [UInt8] = [0x41, 0x20, 0x61, 0x7A, 0x80, 0xA9, 0xBF, 0xC3, 0xC2, 0xE2, 0xE0, 0xED, 0xF0, 0xF4, 0x9F, 0x90, 0xFF]
        for _ in 0..<20_000 {
            let length = Int(next() % 40)
            let bytes = (0..<length).map { _ in
                let r = next()
                return r % 3 == 0 ? alphabet[Int(r >> 8 % UInt64(alphabet.count))] : UInt8(truncatingIfNeeded: r >> 16) & 0x7F
            }
            #expect(ValidatedUTF8.check(bytes) == reference(bytes), "\(bytes)")
        }
    }
}

/// The parser passes plain string content 32 and 16 bytes at a time (the writer's escape scan);
/// what stops it must be found at the same byte as the byte-by-byte reading did, on both sides
/// of those steps.
@Suite struct ParserWordScanTests {
    @Test func escapesAndControlBytesAtEveryOffset() throws {
        for length in 1...70 {
            for position in 0..<length {
                var plain = Array(repeating: UInt8(ascii: "x"), count: length)
                plain[position] = 0xc3  // é, two bytes, never a stop
                plain.insert(0xa9, at: position + 1)
                let text = String(decoding: plain, as: UTF8.self)
                for (escape, decoded) in [(#"\n"#, "\n"), (#"\""#, "\""), (#"\\"#, "\\"), (#"\u0041"#, "A")] {
                    let content = String(text.prefix(position)) + escape + String(text.dropFirst(position))
                    let input = Array(("[\"" + content + "\",\"" + text + "\"]").utf8)
                    let expected = JSONValue.array([.string(String(text.prefix(position)) + decoded + String(text.dropFirst(position))), .string(text)])
                    #expect(try JSONParser.parse(input) == expected)
                    let isASCII = ValidatedUTF8.check(input) ?? false
                    #expect(try JSONParser.parse(validatedUTF8: input, isASCII: isASCII, maxDepth: 64) == expected)
                }
                // A raw control byte is refused at its own offset, before or after an escape.
                for prefix in ["", #"\t"#] {
                    var bytes = Array(("\"" + prefix).utf8) + Array(repeating: UInt8(ascii: "y"), count: length)
                    let offset = bytes.count - length + position
                    bytes[offset] = 0x01
                    bytes.append(UInt8(ascii: "\""))
                    do {
                        _ = try JSONParser.parse(bytes)
                        Issue.record("accepted a control byte at \(offset)")
                    } catch {
                        #expect(error.offset == offset)
                        #expect(error.reason == "control character in string")
                    }
                }
            }
        }
    }
}
