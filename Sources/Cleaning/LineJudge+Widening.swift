/// Part of `LineJudge` (LineJudge.swift): the run widened over the sentences right next to it,
/// which the maximum-sum run leaves out when a short line parts them from it.
extension LineJudge {
    /// An attribution under a quote is a name, a handle and a date.
    static let maxAttributionWords = 15

    /// Photo credits and gallery counts the widening steps over above the run, at most.
    static let maxPictureLines = 4

    /// The run widened over the sentences right next to it. A short line costs the run a
    /// penalty whatever it says, so a story's closing "He was 84." or a lede of two short
    /// sentences above a picture fell outside; a line that ends a sentence and reads like one
    /// (stopwords) is story, where the menu items, section names and teaser titles around a
    /// story end without punctuation. Lines with evidence of their own (patterns, repeats, a
    /// marker and its box) stop the widening, and so does the headline the run was sought below.
    /// Below the run, the dashed attribution of a quote that closes the story joins it too;
    /// above it, a sentence above the credits of the story's pictures (`isPictureLine`).
    func extendOverSentences(_ region: ClosedRange<Int>, decisions: [Decision]) -> ClosedRange<Int> {
        var lower = region.lowerBound
        var upper = region.upperBound
        while upper + 1 < lines.count,
            readsAsSentence(upper + 1, decisions: decisions) || isAttribution(upper + 1, decisions: decisions)
        {
            upper += 1
        }
        let floor = titleLine.map { $0 < lower ? $0 + 1 : 0 } ?? 0
        while true {
            if lower - 1 >= floor, readsAsSentence(lower - 1, decisions: decisions) {
                lower -= 1
                continue
            }
            // A lede above the story's pictures: the sentence above their credits joins the run
            // (the credits stay removed).
            var probe = lower - 1
            while probe >= floor, lower - probe <= Self.maxPictureLines, isPictureLine(probe, decisions: decisions) { probe -= 1 }
            guard probe < lower - 1, probe >= floor, readsAsSentence(probe, decisions: decisions) else { break }
            lower = probe
        }
        return lower...upper
    }

    /// Whether the line, with no evidence against it, ends a sentence of at least three words
    /// with the stopword share of prose. A sentence of five words or more ending in a colon
    /// counts too: it introduces a quote or an embedded post ("The minister answered on
    /// Twitter:"), where a label ("Tags:", "More:") is shorter.
    private func readsAsSentence(_ index: Int, decisions: [Decision]) -> Bool {
        let shape = lines[index].shape
        guard decisions[index].isKeep, shape.endsSentence || (shape.endsWithColon && shape.words >= 5), shape.words >= 3 else { return false }
        return hasProseStopwords(lines[index])
    }

    /// Whether the line, with no evidence against it, is the attribution under a quote or an
    /// embedded post: a dash and a name ("— Anna Berg (@anna) May 3, 2024"), at most
    /// `maxAttributionWords` words. Below the run it closes the quote the story ends with. Only
    /// the line below the run is read, once a widening step.
    private func isAttribution(_ index: Int, decisions: [Decision]) -> Bool {
        let shape = lines[index].shape
        guard decisions[index].isKeep, shape.words >= 2, shape.words <= Self.maxAttributionWords,
            let line = textLine(index), line.end - line.start >= 4
        else { return false }
        // An em or en dash (E2 80 94, E2 80 93) and a space.
        return textBytes[line.start] == 0xE2 && textBytes[line.start + 1] == 0x80
            && (textBytes[line.start + 2] == 0x94 || textBytes[line.start + 2] == 0x93) && textBytes[line.start + 3] == 0x20
    }

    /// Whether the line belongs to a picture between paragraphs: a photo credit (a `credit`
    /// pattern), or a count of one or two words removed as common furniture (a gallery's "6").
    private func isPictureLine(_ index: Int, decisions: [Decision]) -> Bool {
        switch decisions[index].rule {
        case .pattern?:
            return isRemoved(index, byPatternOf: "credit", decisions: decisions)
        case .learnedGlobal?:
            return lines[index].shape.words <= 2
        default:
            return false
        }
    }
}
