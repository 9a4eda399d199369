import Testing
@testable import Pipeline

/// The writer's direct paths must write exactly what the general ones did (`String(value)`,
/// `value.description`, byte-by-byte escaping): enriched records stay byte-identical.
@Suite struct JSONWriterFastPathTests {
    private func written(_ body: (inout JSONWriter) -> Void) -> String {
        var writer = JSONWriter()
        body(&writer)
        return String(decoding: writer.bytes, as: UTF8.self)
    }

    /// The byte-by-byte escaping the word scan replaced.
    private func referenceQuoted(_ text: String) -> String {
        String(decoding: [UInt8(ascii: "\"")] + ReferenceEscaping.escaped(text.utf8) + [UInt8(ascii: "\"")], as: UTF8.self)
    }

    @Test func escapingMatchesTheByteByByteRule() {
        let specials: [Character] = ["\"", "\\", "\n", "\r", "\t", "\u{01}", "\u{1f}", "\u{7f}", " ", "é", "🗞", "a"]
        // Every special at every offset of strings around the 8-byte word size.
        for length in 0...19 {
            for position in 0..<max(length, 1) {
                for special in specials {
                    var characters = Array(repeating: Character("x"), count: length)
                    if length > 0 { characters[position] = special }
                    let text = String(characters)
                    #expect(written { $0.string(text) } == referenceQuoted(text), "\(text.debugDescription)")
                }
            }
        }
        let long = String(repeating: "Oekraïne \"zei\" hij\\n\n\t", count: 40) + "\u{02}"
        #expect(written { $0.string(long) } == referenceQuoted(long))
        // A name built at run time is escaped (a literal name must need no escape: `key(_:)`).
        let name = "k\"ey"
        #expect(written { $0.key(name) } == referenceQuoted(name) + ":")
    }

    /// One-write members and pairs write what separate key and value calls write.
    @Test func fusedMembersMatchSeparateCalls() {
        let doubles: [Double] = [0, 0.5, 0.125, -2.25, 1e10, 1.0 / 3, .nan, .infinity]
        for value in doubles {
            #expect(written { $0.object { $0.field("a", 1); $0.field("score", value) } }
                == written { $0.object { $0.key("a"); $0.int(1); $0.key("score"); $0.double(value) } })
        }
        for value: Int64 in [0, -7, .max, .min] {
            let name = "ab\"c"
            #expect(written { $0.object { $0.field(name, value); $0.field("a-name-longer-than-16", value); $0.field("sixteen_bytes_ab", value) } }
                == written { $0.object { $0.key(name); $0.int(value); $0.key("a-name-longer-than-16"); $0.int(value); $0.key("sixteen_bytes_ab"); $0.int(value) } })
        }
        #expect(written { $0.object { $0.key("sixteen_bytes_ab"); $0.null(); $0.key("b"); $0.int(1) } } == #"{"sixteen_bytes_ab":null,"b":1}"#)
        #expect(written { $0.array { $0.intPair(3, -12); $0.intPair(.max, .min) } }
            == written { $0.array { $0.array { $0.int(3); $0.int(-12) }; $0.array { $0.int(Int.max); $0.int(Int.min) } } })
    }

    @Test func integersMatchStringInit() {
        var values: [Int64] = [0, 1, 9, 10, 99, 100, -1, -9, -10, 123_456_789, .max, .min, .max - 1, .min + 1]
        var power: Int64 = 1
        for _ in 0..<18 {
            power *= 10
            values += [power - 1, power, power + 1, -power]
        }
        for value in values {
            #expect(written { $0.int(value) } == String(value))
        }
        // Every value of the three- and four-digit path, and its sign.
        for value: Int64 in 90...10_100 where written({ $0.int(value) }) != String(value) || written({ $0.int(-value) }) != String(-value) {
            Issue.record("\(value)")
        }
        #expect(written { $0.int(Int(-42)) } == "-42")
    }

    @Test func doublesMatchDescription() {
        var values: [Double] = [0, -0.0, 1, -1, 0.5, 0.001, -0.001, 0.0005, 0.0015, 1e-4, 0.1 + 0.2, 1.0 / 3,
                                999_999_999.999, 1e9, -1e9, 1e15, 1e16, 2.5e-8, .leastNonzeroMagnitude,
                                .greatestFiniteMagnitude, 123_456.789, 1_234_567.125, 7.0005]
        // Every thousandth up to 20 in both signs, as the stage adapters round scores.
        for thousandths in -20_000...20_000 {
            values.append(Double(thousandths) / 1000)
        }
        // Rounded to thousandths the way the adapters do it, over many magnitudes.
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -12...10, using: &generator)
            let value = Double.random(in: -1...1, using: &generator) * pow10(magnitude)
            values.append(value)
            values.append((value * 1000).rounded() / 1000)
        }
        for value in values {
            #expect(written { $0.double(value) } == value.description, "\(value)")
        }
        #expect(written { $0.double(.nan) } == "null")
        #expect(written { $0.double(-.infinity) } == "null")
    }

    private func pow10(_ exponent: Double) -> Double {
        var result = 1.0
        let whole = Int(exponent.rounded(.down))
        for _ in 0..<abs(whole) { result = whole < 0 ? result / 10 : result * 10 }
        return result
    }

    @Test func literalsAndCommas() {
        let text = written { json in
            json.object { object in
                object.field("a", true)
                object.field("b", false)
                object.field("c", nil as String?)
                object.field("d", 2.5)
                object.field("e", Int64(-3))
            }
        }
        #expect(text == #"{"a":true,"b":false,"c":null,"d":2.5,"e":-3}"#)
    }
}

@Suite struct TimestampDigitsTests {
    @Test func paddingAndWideYears() {
        #expect(Timestamp.rfc3339(milliseconds: 1_000) == "1970-01-01T00:00:01.000Z")
        #expect(Timestamp.rfc3339(milliseconds: 61_010) == "1970-01-01T00:01:01.010Z")
        // Year 10000 needs five digits; year 1 keeps four.
        #expect(Timestamp.rfc3339(milliseconds: 253_402_300_800_000) == "10000-01-01T00:00:00.000Z")
        #expect(Timestamp.rfc3339(milliseconds: -62_135_596_800_000) == "0001-01-01T00:00:00.000Z")
        #expect(Timestamp.rfc3339(milliseconds: -1) == "1969-12-31T23:59:59.999Z")
    }
}
