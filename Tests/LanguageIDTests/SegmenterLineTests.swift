import Testing
@testable import LanguageID

/// The contiguous line scan finds the same breaks as walking the UTF-8 view.
@Suite struct SegmenterLineTests {
    @Test func lineEndMatchesTheUTF8ViewWalk() {
        let texts = ["", "\n", "\n\n", "one line", "é\nü\n", "Oekraïne\n\nКиїв 🗞\nend", "trailing\n", String(repeating: "ab\n", count: 50)]
        for text in texts {
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                var start = 0
                while true {
                    let expected = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                    let found = LanguageIdentifier.lineEnd(in: buffer, from: start)
                    #expect(found == expected, "\(text.debugDescription)")
                    guard expected != bytes.count else { break }
                    start = expected + 1
                }
            }
        }
    }

    /// Segments of a substring turned into a string (not sharing its base's storage) and of the
    /// same text built directly agree: the byte offsets are the string's own.
    @Test func segmentsOfSubstringsBridgedToStrings() throws {
        let identifier = try #require(sharedIdentifier)
        let body = "Het kabinet wil de regels voor huurwoningen in de grote steden dit jaar nog aanpassen, zei de minister.\n\n"
            + "The government wants to change the rules for rented homes in the big cities this year, the minister said."
        let whole = "skip this\n" + body
        let tail = String(whole.split(separator: "\n", maxSplits: 1)[1])
        #expect(tail == body)
        let fromTail = identifier.segments(tail)
        let direct = identifier.segments(body)
        #expect(fromTail.map(\.code) == direct.map(\.code))
        #expect(fromTail.map(\.utf8Range) == direct.map(\.utf8Range))
    }
}
