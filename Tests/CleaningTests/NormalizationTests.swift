import Testing

@testable import Cleaning

@Suite struct NormalizationTests {
    private func lines(_ text: String) -> [String] {
        let n = TextNormalizer.normalize(text)
        return n.lines.map { n.string($0) }
    }

    @Test func collapsesSpacesAndDropsInvisibles() {
        #expect(lines("  a \t b\u{00A0}c  \r\n\u{200B}d\u{00AD}e\u{FEFF}  ") == ["a b c", "de"])
    }

    @Test func copiesPlainRunsAndStillCollapsesMixedSpacing() {
        let text = "Ça  va\u{00A0}bien — “oui”\u{2009}non 中文  😀x ü\u{200B}é a\u{3000}b\u{2028}next"
        #expect(lines(text) == ["Ça va bien — “oui” non 中文 😀x üé a b", "next"])
    }

    @Test func keepsParagraphBreaks() {
        let n = TextNormalizer.normalize("one\n\n\n\ntwo\nthree")
        #expect(n.joined() == "one\n\ntwo\nthree")
    }

    /// The plain-run copy goes on across line breaks (`Writer.plainRun`); what follows a break
    /// that is not plain ASCII (a space, a tag, an entity, a multibyte letter, `\r`) goes back
    /// to the byte loop. Both must give the same lines and paragraph breaks.
    @Test func lineBreaksBetweenPlainRuns() {
        let n = TextNormalizer.normalize("a b \nc\n\n\nd\n e\n<b>f</b>\n&amp;g\n\u{00E9}h\r\ni\n\n")
        #expect(n.lines.map { n.string($0) } == ["a b", "c", "d", "e", "f", "&g", "éh", "i"])
        #expect(n.joined() == "a b\nc\n\nd\ne\nf\n&g\néh\ni")
    }

    @Test func stripsTagsAndDecodesEntities() {
        let html = "<p>Caf&eacute; &amp; bar&#8217;s <b>menu</b></p><script>var x = '<p>';</script><div>next&nbsp;line</div>"
        #expect(lines(html) == ["Café & bar’s menu", "next line"])
    }

    @Test func leavesTextThatOnlyLooksLikeMarkup() {
        #expect(lines("a < b and c > d, x &unknown; y & z") == ["a < b and c > d, x &unknown; y & z"])
    }

    @Test func hostileMarkupStaysLinear() {
        // Unclosed tags, comments and references: each must be consumed in one pass.
        let hostile = String(repeating: "<a", count: 20_000) + String(repeating: "<!--", count: 20_000)
            + String(repeating: "&#", count: 20_000) + ">"
        let n = TextNormalizer.normalize(hostile)
        #expect(n.bytes.count < hostile.utf8.count)
    }

    @Test func composesToNFC() {
        let decomposed = "Oekrai\u{0308}ne"
        #expect(UnicodeNFC.normalize(decomposed) == "Oekraïne")
        #expect(UnicodeNFC.normalize(decomposed).unicodeScalars.count == 8)
    }

    @Test func foldsCaseAndQuotesForMatching() {
        #expect(LineAnalyzer.tokens(of: "DON’T") == LineAnalyzer.tokens(of: "don't"))
        #expect(LineAnalyzer.tokens(of: "Één") == LineAnalyzer.tokens(of: "één"))
    }
}
