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
