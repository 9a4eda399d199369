import Testing
@testable import Pipeline

@Suite struct ArticleDecoderTests {
    let decoder = ArticleDecoder()

    func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }

    @Test func jsonWithAllKnownFieldsAndUnknownOnesKeptAsRaw() throws {
        let article = try decoder.decode(value: bytes("""
            {"id":"a1","text":"Body.","url":"https://x.test/a","title":"T","source":"X","published_at":"2024-01-02T03:04:05Z",
             "language":"nl","section":"politics","tags":["a",1]}
            """), key: nil)
        #expect(article.id == "a1")
        #expect(article.idSource == .field)
        #expect(article.text == "Body.")
        #expect(article.url == "https://x.test/a")
        #expect(article.title == "T" && article.source == "X" && article.language == "nl")
        #expect(article.publishedAt == "2024-01-02T03:04:05Z")
        #expect(article.format == .json)
        #expect(article.extra.map(\.key) == ["section", "tags"])
    }

    /// Known members by exact name (`isKnownField` picks one comparison by length): duplicates
    /// (the last wins), keys that only share a known key's length, `text` before `body`, and
    /// which wrong type is named first.
    @Test func membersAreFoundByExactNameAndTheLastDuplicateWins() throws {
        let article = try decoder.decode(value: bytes("""
            {"ID":"x","txt":1,"texts":2,"text":"first","body":"B","text":"Second.","title":"a","titel":"b",
             "sourcE":"c","languages":"d","published_on":"e","url":null,"id":7}
            """), key: nil)
        #expect(article.text == "Second." && article.title == "a" && article.source == nil && article.url == nil)
        #expect(article.language == nil && article.publishedAt == nil)
        #expect(article.id == "7" && article.idSource == .field)
        #expect(article.extra.map(\.key) == ["ID", "txt", "texts", "titel", "sourcE", "languages", "published_on"])
        do {
            _ = try decoder.decode(value: bytes(#"{"language":1,"url":2,"text":"x"}"#), key: nil)
            Issue.record("a wrong type must be rejected")
        } catch {
            #expect(error.kind == .wrongType && error.description.contains("`url`"))
        }
    }

    @Test func bodyIsAcceptedWhenTextIsAbsent() throws {
        let article = try decoder.decode(value: bytes(#"{"body":"From body."}"#), key: nil)
        #expect(article.text == "From body.")
    }

    @Test func plainTextDateHeaderBecomesPublishedAtAndLeavesTheText() throws {
        let article = try decoder.decode(value: bytes("date 2022-10\nDe Russische president.\n\nTweede."), key: nil)
        #expect(article.publishedAt == "2022-10")
        #expect(article.text == "De Russische president.\n\nTweede.")
        #expect(article.format == .text)
        let daily = try decoder.decode(value: bytes("date 2022-10-14\nTekst."), key: nil)
        #expect(daily.publishedAt == "2022-10-14")
    }

    @Test func textThatOnlyLooksLikeAHeaderIsKept() throws {
        let article = try decoder.decode(value: bytes("date night in Paris was fun."), key: nil)
        #expect(article.publishedAt == nil)
        #expect(article.text == "date night in Paris was fun.")
    }

    @Test func byteOrderMarkIsIgnored() throws {
        let article = try decoder.decode(value: [0xef, 0xbb, 0xbf] + bytes(#"{"text":"x"}"#), key: nil)
        #expect(article.format == .json)
    }

    @Test func idPrecedenceIsFieldThenKeyThenStableHash() throws {
        #expect(try decoder.decode(value: bytes(#"{"id":"f","text":"x"}"#), key: bytes("k")).id == "f")
        #expect(try decoder.decode(value: bytes(#"{"id":42,"text":"x"}"#), key: nil).id == "42")
        let keyed = try decoder.decode(value: bytes(#"{"text":"x"}"#), key: bytes("k"))
        #expect(keyed.id == "k" && keyed.idSource == .key)
        let hashed = try decoder.decode(value: bytes(#"{"text":"x","url":"https://a.test/1"}"#), key: nil)
        #expect(hashed.idSource == .contentHash)
        // Pinned: the id must be identical on every machine and in every process.
        #expect(hashed.id == "h" + StableHash.digest128Hex(Array("url:https://a.test/1".utf8)))
        let again = try decoder.decode(value: bytes(#"{"url":"https://a.test/1","text":"other text"}"#), key: nil)
        #expect(again.id == hashed.id)
    }

    @Test(arguments: [
        (#"{"title":"no text"}"#, DecodeError.Kind.missingText),
        (#"{"text":"   "}"#, .missingText),
        (#"{"text":"x","title":5}"#, .wrongType),
        (#"{"text":"unfinished"#, .invalidJSON),
        (#"{"text":"x"} trailing"#, .invalidJSON),
        ("   \n", .missingText),
        ("", .emptyValue),
    ])
    func undecodableValuesFailWithTheirKind(input: String, kind: DecodeError.Kind) {
        #expect(throws: DecodeError.self) { try decoder.decode(value: bytes(input), key: nil) }
        do {
            _ = try decoder.decode(value: bytes(input), key: nil)
        } catch {
            #expect(error.kind == kind)
        }
    }

    @Test func invalidUTF8NamesTheFirstBadByte() {
        do {
            _ = try decoder.decode(value: bytes(#"{"text":"Caf"#) + [0xe9, 0x20, 0xff] + bytes(#""}"#), key: nil)
            Issue.record("expected a decode error")
        } catch {
            #expect(error.kind == .invalidUTF8)
            #expect(error.message.contains("at 12"))
            #expect(error.deadLetterClass == .decode)
        }
    }

    @Test func oversizeIsRejectedBeforeParsing() {
        let small = ArticleDecoder(limits: .init(maxValueBytes: 10))
        do {
            _ = try small.decode(value: bytes(#"{"text":"0123456789"}"#), key: nil)
            Issue.record("expected oversize")
        } catch {
            #expect(error.kind == .oversize)
            #expect(error.deadLetterClass == .oversize)
        }
    }

    @Test func deeplyNestedJSONIsRejectedNotRecursedInto() {
        let hostile = String(repeating: "[", count: 100_000)
        #expect(throws: DecodeError.self) { try decoder.decode(value: bytes(#"{"text":"x","a":"# + hostile), key: nil) }
    }
}
