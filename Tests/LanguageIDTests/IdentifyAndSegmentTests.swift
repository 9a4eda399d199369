import Testing
@testable import LanguageID

/// The stage's combined call answers what `identify` and `segments` answer one after the other,
/// whether the text's word pass stops inside the first line, at its break or past it.
@Suite struct IdentifyAndSegmentTests {
    @Test func matchesSeparateCalls() throws {
        let identifier = try #require(sharedIdentifier)
        let sentences = try fixtureSentences()
        var checked = 0
        var reused = 0
        for (i, first) in sentences.enumerated() {
            let other = sentences[(i + 3) % sentences.count]
            let words = (first.text + " " + first.text + " " + first.text).split(separator: " ")
            // First lines of every length up to three sentences, so the pass's stop (a batch of
            // eight words) falls before, at and after the break.
            for count in 1...words.count {
                let opening = words.prefix(count).joined(separator: " ")
                let body = [first.text, other.text, first.text + " " + first.text, other.text].joined(separator: "\n\n")
                for text in [opening + "\n" + body, opening + "\n\n" + body + "\n", "\n" + opening + "\n" + body,
                             opening + "." + "\n" + String(repeating: other.text + " ", count: 6)] {
                    let together = identifier.identifyAndSegment(text)
                    #expect("\(together.guess)" == "\(identifier.identify(text))", "\(text.prefix(80))")
                    #expect("\(together.segments)" == "\(identifier.segments(text))", "\(text.prefix(80))")
                    if text.utf8.count > LanguageIdentifier.longTextBytes,
                       identifier.identifyNotingWordPass(text[...], candidates: nil,
                                                         wordsFirstAbove: LanguageIdentifier.longTextBytes).decisiveEnd
                        .map({ $0 <= opening.utf8.count + 1 }) ?? false {
                        reused += 1
                    }
                    checked += 1
                }
            }
        }
        #expect(checked > 500)
        #expect(reused > 50, "texts whose first line's guess is taken from the text's: \(reused)")
    }
}
