import Testing
@testable import LanguageID

/// The contiguous line scan finds the same breaks as walking the UTF-8 view.
@Suite struct SegmenterLineTests {
    @Test func lineEndMatchesTheUTF8ViewWalk() {
        let texts = ["", "\n", "\n\n", "one line", "é\nü\n", "Oekraïne\n\nКиїв 🗞\nend", "trailing\n", String(repeating: "ab\n", count: 50)]
        for text in texts {
            let utf8 = text.utf8
            var start = utf8.startIndex
            while true {
                let expected = utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex
                let found = LanguageIdentifier.lineEnd(in: text, from: start)
                #expect(found == expected, "\(text.debugDescription)")
                guard expected != utf8.endIndex else { break }
                start = utf8.index(after: expected)
            }
        }
    }

    @Test func lineEndWorksOnSubstringsBridgedToStrings() {
        let whole = "skip this\nfirst line\nsecond"
        let tail = String(whole.split(separator: "\n", maxSplits: 1)[1])
        let end = LanguageIdentifier.lineEnd(in: tail, from: tail.startIndex)
        #expect(tail[..<end] == "first line")
    }
}
