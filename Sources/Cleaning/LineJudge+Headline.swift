/// Teaser headlines inside the story: "Neil Young's Plan to Vote Against Trump Suffers Setback",
/// a link to another story that a page sets between two paragraphs. Such a line is long for a
/// subheading, ends without sentence punctuation and is written in headline case: nearly every
/// word of four letters or more capitalised (the style guides leave only the short words
/// lower-case), or all in capitals. A paragraph of the story ends a sentence, and a subheading is
/// shorter. Only these few lines are read byte by byte, after the run is found.
extension LineJudge {
    /// Lines of fewer words are subheadings, whatever their case.
    static let minTeaserWords = 10
    /// A line all in capitals is a teaser from this many words: a subheading in capitals is shorter.
    static let minCapitalsTeaserWords = 8
    /// Words of this many letters or more are capitalised in headline case.
    static let headlineWordLength = 4
    /// The share of those words that must start with a capital.
    static let headlineCapitalShare = 0.8

    /// Whether the line, kept inside the run so far, is a teaser headline (see above).
    func isInlineTeaser(_ index: Int) -> Bool {
        let shape = lines[index].shape
        guard shape.words >= Self.minCapitalsTeaserWords, !shape.endsSentence, !shape.endsWithColon,
            let line = textLine(index)
        else { return false }
        guard shape.words >= Self.minTeaserWords else { return isAllCapitals(line) }
        var long = 0
        var capitalised = 0
        var i = line.start
        while i < line.end {
            // A word runs from a letter or digit to the next space; its first byte tells the case
            // (an ASCII capital; an accented capital counts as lower case, which errs on keeping).
            while i < line.end, textBytes[i] < 0x80, !LineAnalyzer.isASCIIWord(textBytes[i]) { i &+= 1 }
            let start = i
            while i < line.end, textBytes[i] != 0x20 { i &+= 1 }
            guard i - start >= Self.headlineWordLength else { continue }
            long &+= 1
            if textBytes[start] &- 0x41 < 26 { capitalised &+= 1 }
        }
        return long >= 3 && Double(capitalised) >= Self.headlineCapitalShare * Double(long)
    }

    /// Whether the line has ASCII letters and none of them in lower case.
    private func isAllCapitals(_ line: NormalizedText.Line) -> Bool {
        var capitals = 0
        for i in line.start..<line.end {
            let b = textBytes[i]
            if b &- 0x61 < 26 { return false }
            if b &- 0x41 < 26 { capitals &+= 1 }
        }
        return capitals > 0
    }
}
