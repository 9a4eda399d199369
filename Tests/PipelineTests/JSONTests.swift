import Testing
@testable import Pipeline

@Suite struct JSONTests {
    @Test func writerEscapesAndParserReadsItBack() throws {
        var writer = JSONWriter(reservingCapacity: 64)
        let tricky = "quote \" backslash \\ newline \n tab \t control \u{01} emoji 🗞 Oekraïne"
        writer.object { json in
            json.field("s", tricky)
            json.field("n", Int64(-42))
            json.field("b", true)
            json.field("missing", nil as String?)
        }
        let parsed = try JSONParser.parse(writer.bytes)
        #expect(parsed["s"]?.stringValue == tricky)
        #expect(parsed["missing"] == .null)
        #expect(parsed["b"] == .bool(true))
    }

    @Test func parserRejectsMalformedInputWithOffset() {
        for input in ["{", #"{"a":}"#, #"{"a":1,}"#, "[1 2]", #""\u12""#, "nul", #"{"a":"\q"}"#] {
            do {
                _ = try JSONParser.parse(Array(input.utf8))
                Issue.record("accepted \(input)")
            } catch {
                #expect(error.offset >= 0)
            }
        }
    }

    @Test func surrogatePairsDecode() throws {
        let parsed = try JSONParser.parse(Array(#"["\ud83d\uddde"]"#.utf8))
        #expect(parsed == .array([.string("🗞")]))
    }
}

@Suite struct TimestampAndHashTests {
    @Test func rfc3339IsUTCWithMilliseconds() {
        #expect(Timestamp.rfc3339(milliseconds: 0) == "1970-01-01T00:00:00.000Z")
        #expect(Timestamp.rfc3339(milliseconds: 1_709_251_199_999) == "2024-02-29T23:59:59.999Z")
        #expect(Timestamp.rfc3339(milliseconds: 951_782_400_000) == "2000-02-29T00:00:00.000Z")
    }

    @Test func stableHashIsPinned() {
        // FNV-1a 64 reference values: any change here would re-key every article id.
        #expect(StableHash.fnv1a64(Array("".utf8)) == 0xcbf2_9ce4_8422_2325)
        #expect(StableHash.fnv1a64(Array("a".utf8)) == 0xaf63_dc4c_8601_ec8c)
        #expect(StableHash.digest128Hex(Array("x".utf8)).count == 32)
    }
}

@Suite struct TimestampParsingTests {
    @Test(arguments: [
        ("2024-02-29T23:59:59.999Z", Int64(1_709_251_199_999)),
        ("2024-02-29T23:59:59.999+00:00", 1_709_251_199_999),
        ("2024-03-01T01:59:59.999+02:00", 1_709_251_199_999),
        ("2000-02-29", 951_782_400_000),
        ("1970-01", 0),
        ("2024-05-17 10:00", 1_715_940_000_000),
    ])
    func parsesTheFormatsFeedsUse(text: String, expected: Int64) {
        #expect(Timestamp.milliseconds(parsing: text) == expected)
    }

    @Test func roundTripsWhatItWrites() {
        for millis in [Int64(0), 951_782_400_123, 1_709_251_199_999, 4_102_444_800_000] {
            #expect(Timestamp.milliseconds(parsing: Timestamp.rfc3339(milliseconds: millis)) == millis)
        }
    }

    @Test(arguments: ["", "2024", "2024-13-01", "2024-01-01T25:00Z", "yesterday", "2024-01-01Tjunk", "2022-10 "])
    func rejectsAnythingElse(text: String) {
        #expect(Timestamp.milliseconds(parsing: text) == nil)
    }
}
