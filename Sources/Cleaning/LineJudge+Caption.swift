/// Captions inside the story: a page sets a picture between two paragraphs as the caption ("An
/// artist's concept of the lander on the moon.") and, on the next line, the picture's credit
/// ("(Image credit: Example Space Agency)"). The credit goes as a `credit` pattern; the caption is
/// a sentence and stayed with the story. Such a caption is one sentence right above a short credit
/// line, the story goes on right below the credit (or the next picture's credits follow, a
/// gallery's captions between credits), and it is short: for a caption, and beside the page's own
/// paragraphs. A story paragraph above a picture without a caption is as long as the others and
/// mostly holds more than one sentence; a story's last paragraph above an agency's credit
/// ("(Reporting by …)") has nothing of the story below it; a line above a long "credit" (the
/// caption with the credit inside) or a list's row without sentence punctuation is no caption
/// either. The run's lines are read only for a line that passes every other test.
extension LineJudge {
    /// A caption has at most this many words.
    static let maxCaptionWords = 30
    /// … and at most this share of the length of most of the run's prose lines.
    static let maxCaptionShare = 0.75
    /// A credit line alone ("Photo: Jane Doe/Agency") has at most this many words.
    static let maxCreditWords = 8

    /// Whether the line, kept inside the run `region` and ending a sentence, is the caption of a
    /// picture between two of the story's paragraphs (see above). Only lines right above a pattern
    /// are asked, and the run's paragraphs are read only for a line that passes every other test.
    func isCaptionAbovePicture(_ index: Int, region: ClosedRange<Int>, decisions: [Decision]) -> Bool {
        let credit = index + 1
        let shape = lines[index].shape
        guard decisions[index].isKeep, shape.words <= Self.maxCaptionWords, credit < region.upperBound,
            lines[credit].shape.words <= Self.maxCreditWords, decisions[credit].rule == .pattern
        else { return false }
        // The story goes on right below the credit (a second credit there: a lede above the story's
        // pictures, `extendOverSentences`), or the caption is a gallery's, between two pictures'
        // credits. The categories' names are compared last.
        var storyBelow = decisions[credit + 1].isKeep && lines[credit + 1].shape.words > Self.maxCreditWords
        // … or a subheading and the story under it.
        if !storyBelow, credit + 2 <= region.upperBound, decisions[credit + 1].isKeep, !lines[credit + 1].shape.endsSentence,
            decisions[credit + 2].isKeep, lines[credit + 2].shape.words >= configuration.proseMinWords
        {
            storyBelow = true
        }
        guard storyBelow || (index > 0 && isRemoved(index - 1, byPatternOf: "credit", decisions: decisions)),
            isRemoved(credit, byPatternOf: "credit", decisions: decisions)
        else { return false }
        guard !holdsSecondSentence(index) else { return false }
        // Most of the run's prose lines are long beside it.
        var prose = 0
        var longer = 0
        for line in region where decisions[line].isKeep && lines[line].shape.words >= configuration.proseMinWords {
            prose += 1
            if Self.maxCaptionShare * Double(lines[line].shape.words) >= Double(shape.words) { longer += 1 }
        }
        return 2 * longer > prose
    }

    /// Whether a sentence ends inside the line and another begins: a mark (`.`, `!`, `?`) after
    /// two letters or digits, a space, and a capital, a quote or any non-ASCII letter ("The quay
    /// opens in May. Boats use it from June."). "John M. Ford", "U.S. President" and "Corp.
    /// illustration" are no sentence ends; a date's "am 14. März" counts as one, and the line
    /// stays: the safe side.
    func holdsSecondSentence(_ index: Int) -> Bool {
        guard let line = textLine(index), line.end - line.start >= 6 else { return false }
        var i = line.start + 2
        while i + 2 < line.end {
            let b = textBytes[i]
            if b == 0x2E || b == 0x21 || b == 0x3F, textBytes[i + 1] == 0x20 {
                let next = textBytes[i + 2]
                let opens = (next >= 0x41 && next <= 0x5A) || next == 0x22 || next >= 0xC0
                if opens, Self.isASCIIAlphanumeric(textBytes[i - 1]), Self.isASCIIAlphanumeric(textBytes[i - 2]) {
                    return true
                }
            }
            i += 1
        }
        return false
    }

    private static func isASCIIAlphanumeric(_ b: UInt8) -> Bool {
        ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }
}
