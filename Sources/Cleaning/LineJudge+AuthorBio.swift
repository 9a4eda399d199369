/// The writer's note at the end of a story: "Jane Doe (jane@example.com) is the editor of …",
/// "Jane is a reporter for …", "Jane Doe's book about … is out now." It names the writer the
/// byline names ("By Jane Doe"), as the paragraph's first word, and comes last: what follows it
/// in the run (a forum's invitation, a tip line) is the page's too. A story's own paragraphs
/// rarely open with the writer's name. Only the run's last few prose lines are read, and only
/// when the page has a byline.
extension LineJudge {
    /// The note is among the run's last this many prose lines.
    static let maxBioFromEnd = 2
    /// At most this many pattern lines shaped like a byline are read for names.
    static let maxBylineNames = 4

    /// The first line of the writer's note near the end of the run, if any (see above).
    /// `names`: the first names of the page's bylines ("By Jane Doe"), byte ranges of the text
    /// (`bylineName`), gathered in the judge's first pass over the lines.
    func authorBioStart(region: ClosedRange<Int>, decisions: [Decision], names: [Range<Int>]) -> Int? {
        var prose = 0
        var index = region.upperBound
        while index >= region.lowerBound, prose < Self.maxBioFromEnd {
            if decisions[index].isKeep, lines[index].shape.words >= configuration.proseMinWords {
                prose += 1
                if opensWithName(index, names) { return index }
            }
            index -= 1
        }
        return nil
    }

    /// The word after "By" ("von", "door", "par", "por") that opens a byline, when it opens with
    /// a capital and has three bytes or more.
    func bylineName(_ index: Int) -> Range<Int>? {
        guard let line = textLine(index) else { return nil }
        var i = line.start
        while i < line.end, textBytes[i] != 0x20 { i += 1 }
        let first = i - line.start
        guard first == 2 || first == 3 || first == 4 else { return nil }
        var word: UInt32 = 0
        for k in line.start..<i { word = word << 8 | UInt32(textBytes[k] | 0x20) }
        // "by", "von", "par", "por", "door".
        guard word == 0x6279 || word == 0x76_6F6E || word == 0x70_6172 || word == 0x70_6F72 || word == 0x646F_6F72 else {
            return nil
        }
        let start = i + 1
        var end = start
        while end < line.end, LineAnalyzer.isASCIIWord(textBytes[end]) || textBytes[end] >= 0x80 { end += 1 }
        guard end - start >= 3, textBytes[start] &- 0x41 < 26 else { return nil }
        return start..<end
    }

    /// Whether the line's first word is one of the names (followed by a space, a possessive or
    /// punctuation, not more letters).
    private func opensWithName(_ index: Int, _ names: [Range<Int>]) -> Bool {
        guard let line = textLine(index) else { return false }
        for name in names where line.end - line.start > name.count {
            var k = 0
            while k < name.count, textBytes[line.start + k] == textBytes[name.lowerBound + k] { k += 1 }
            guard k == name.count else { continue }
            let next = textBytes[line.start + k]
            if !LineAnalyzer.isASCIIWord(next) && next < 0x80 { return true }
            // "’s": E2 80 99.
            if next == 0xE2 { return true }
        }
        return false
    }
}
