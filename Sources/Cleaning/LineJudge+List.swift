/// A list or table that closes (or opens) a story: tour dates, the teams through to a final, a
/// player's statistics, "May 2 – Town, quay 1 @ 09:15" line after line. Its rows are short and carry few stopwords, so
/// each costs the main run a penalty and the whole list fell outside it. What tells such a list
/// from the menus and teaser titles that also follow a story is its punctuation: the rows of one
/// list repeat the same marks ("–", "@", ",", "()", "%", ":"), where menu items have none and
/// teaser titles no common pattern. Only the few lines right next to the run are read byte by byte.
extension LineJudge {
    /// Fewer rows than this are not taken for a list.
    static let minListRows = 3
    /// A row has at most this many words; a longer line is a paragraph, judged as prose.
    static let maxListRowWords = 30
    /// The heading a list may open with ("Tour dates", "Qualified teams"): at most this many words.
    static let maxListHeadingWords = 8
    /// A row next to a headline-cased line, that makes it a row too, has at most this many words:
    /// a paragraph cut short or a caption is no row.
    static let maxNeighbourRowWords = 15

    /// The run widened over the list right after it, with the list's heading if any, and over
    /// the list right above it, with its heading: a table under "Below, the figures:" opens a
    /// story as often as a results list closes one.
    func extendOverLists(_ region: ClosedRange<Int>, decisions: [Decision]) -> ClosedRange<Int> {
        var upper = region.upperBound
        var index = upper + 1
        if index < lines.count, isListHeading(index, decisions: decisions) { index += 1 }
        if let last = listRows(from: index, step: 1, limit: lines.count - 1, decisions: decisions) { upper = last }
        var lower = region.lowerBound
        // Not above the headline the run was sought below.
        let floor = titleLine.map { $0 < lower ? $0 + 1 : 0 } ?? 0
        if let first = listRows(from: lower - 1, step: -1, limit: floor, decisions: decisions) {
            lower = first
            if first - 1 >= floor, isListHeading(first - 1, decisions: decisions) { lower = first - 1 }
        }
        return lower...upper
    }

    /// The far end of the rows of a list from `start` on, going by `step` up to `limit`
    /// (inclusive), or nil when fewer than `minListRows` rows are there.
    private func listRows(from start: Int, step: Int, limit: Int, decisions: [Decision]) -> Int? {
        var index = start
        var rows = 0
        var end: Int?
        var previous: UInt64 = 0
        while step > 0 ? index <= limit : index >= limit {
            let shape = lines[index].shape
            // A row with evidence of its own (a pattern it happens to match, a venue named
            // "… Credit Hall") continues a list but keeps its decision, and does not start one nor
            // count as a row; a section end or a repeat ends it.
            let kept = decisions[index].isKeep
            guard shape.words >= 2, shape.words <= Self.maxListRowWords, kept || (rows > 0 && decisions[index].rule == .pattern)
            else { break }
            let marks = punctuationMarks(index)
            guard marks != 0, marks != Self.linkMark, rows == 0 || Self.sharesMarks(marks, previous) else { break }
            previous = marks
            if kept { rows += 1 }
            end = index
            index += step
        }
        return rows >= Self.minListRows ? end : nil
    }

    /// A list's heading ("Tour dates", "Qualified teams"): short, kept so far, no sentence and
    /// no marks.
    private func isListHeading(_ index: Int, decisions: [Decision]) -> Bool {
        let shape = lines[index].shape
        return decisions[index].isKeep && shape.words >= 1 && shape.words <= Self.maxListHeadingWords && !shape.endsSentence
            && punctuationMarks(index) == 0
    }

    /// Whether the line is a row of a list: a neighbour line, kept, short and not a sentence,
    /// shares its marks. A long row in headline case ("Round Two: Eastholm Rovers, Saltby United,
    /// Northport Reserves" between Round One and Round Three, a tour date at a venue with a long
    /// name) is the story's list, not a teaser headline (`isInlineTeaser`).
    func isListRow(_ index: Int, decisions: [Decision]) -> Bool {
        let marks = punctuationMarks(index)
        guard marks != 0, marks != Self.linkMark else { return false }
        for other in stride(from: index - 1, through: index + 1, by: 2) where other >= 0 && other < lines.count {
            let shape = lines[other].shape
            guard decisions[other].isKeep, !shape.endsSentence, shape.words >= 2, shape.words <= Self.maxNeighbourRowWords
            else { continue }
            let theirs = punctuationMarks(other)
            if theirs != 0, theirs != Self.linkMark, Self.sharesMarks(marks, theirs) { return true }
        }
        return false
    }

    /// `punctuationMarks` of a line holding a web address.
    static let linkMark: UInt64 = .max

    /// Whether two rows use mostly the same marks: at least half of the smaller set in common.
    static func sharesMarks(_ a: UInt64, _ b: UInt64) -> Bool {
        let common = (a & b).nonzeroBitCount
        return common > 0 && 2 * common >= min(a.nonzeroBitCount, b.nonzeroBitCount)
    }

    /// The set of punctuation marks in the line, one bit each: the ASCII marks but quotes and
    /// apostrophes (every kind of line has those), and the en and em dash.
    func punctuationMarks(_ index: Int) -> UInt64 {
        guard let line = textLine(index) else { return 0 }
        var marks: UInt64 = 0
        var i = line.start
        while i < line.end {
            let byte = textBytes[i]
            if byte == 0x2F, i + 1 < line.end, textBytes[i + 1] == 0x2F, i > line.start, textBytes[i - 1] == 0x3A {
                // "://": a link, and a list of links is furniture ("Listen: http://…").
                return Self.linkMark
            } else if byte < 0x80 {
                if byte > 0x20, byte != 0x22, byte != 0x27, !LineAnalyzer.isASCIIWord(byte) {
                    marks |= 1 &<< UInt64((byte &- 0x21) & 63)
                }
            } else if byte == 0xE2, i + 2 < line.end, textBytes[i + 1] == 0x80,
                textBytes[i + 2] == 0x93 || textBytes[i + 2] == 0x94
            {
                marks |= 1 &<< 63
            }
            i &+= 1
        }
        return marks
    }
}
