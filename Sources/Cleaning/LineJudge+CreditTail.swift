/// Captions that carry their picture's credit on the same line: "A cyclist passes the closed
/// depot on Monday. © Agency / Jane Doe", "The map of the moon's surface. (Space Agency/Lab)",
/// "Traders on the floor in May. Credit: Agency". The credit patterns catch such a line only when
/// it is short, and a caption of two sentences is longer. A story paragraph ends a sentence; a
/// caption ends on its credit: after the last sentence, a few words without sentence
/// punctuation that open with a capital, or a bracketed credit, or "©". The line must hold a
/// sentence of its own before the credit, so a subheading or a list row ("Chapter 2. The Quay")
/// stays, and so does a story's last paragraph signed by its agency. Only kept lines inside the run that end without sentence punctuation are read.
extension LineJudge {
    /// The credit after the caption holds at most this many words.
    static let maxCreditTailWords = 8
    /// The caption before the credit holds at least this many words.
    static let minCaptionBeforeCreditWords = 6

    /// Whether the kept line ends on a picture's credit after a caption sentence (see above).
    func endsWithCreditTail(_ index: Int, region: ClosedRange<Int>, decisions: [Decision]) -> Bool {
        let shape = lines[index].shape
        guard shape.words >= Self.minCaptionBeforeCreditWords + 1, !shape.endsSentence, !shape.endsWithColon,
            let line = textLine(index), line.end - line.start >= 16
        else { return false }
        // A quotation with its source ("“…” [Book 2]") is no caption, nor a line that opens with a
        // dash or a bullet (E2 80 xx, as the curly quotes) or with « (C2 AB).
        let opening = textBytes[line.start]
        if opening == 0x22 || opening == 0x27 || opening == 0xC2 || (opening == 0xE2 && textBytes[line.start + 1] == 0x80) {
            return false
        }
        let last = textBytes[line.end - 1]
        var tailStart: Int
        if last == 0x29 || last == 0x5D {
            // A bracketed credit: "(Agency)", "[Agency via Lab]".
            let open: UInt8 = last == 0x29 ? 0x28 : 0x5B
            var i = line.end - 2
            while i > line.start, textBytes[i] != open {
                if textBytes[i] == last { return false }
                i -= 1
            }
            guard i > line.start + 2, textBytes[i - 1] == 0x20, endsSentence(before: i - 1, lineStart: line.start) else { return false }
            guard isCreditWords(from: i + 1, to: line.end - 1) else { return false }
            tailStart = i - 1
        } else {
            // After the last sentence end: ". " and the credit.
            var i = line.end - 1
            while i > line.start + 1, !(textBytes[i] == 0x20 && LineAnalyzer.isSentenceEnd(UInt32(textBytes[i - 1]))) {
                i -= 1
            }
            guard i > line.start + 1, endsSentence(before: i, lineStart: line.start) else { return false }
            var from = i + 1
            // "© Agency": the sign and a space.
            if from + 2 < line.end, textBytes[from] == 0xC2, textBytes[from + 1] == 0xA9, textBytes[from + 2] == 0x20 {
                from += 3
            }
            guard isCreditWords(from: from, to: line.end) else { return false }
            tailStart = i - 1
        }
        // A sentence of its own before the credit.
        var words = 0
        var i = line.start
        var inWord = false
        while i < tailStart {
            if textBytes[i] == 0x20 {
                inWord = false
            } else if !inWord {
                inWord = true
                words += 1
            }
            i += 1
        }
        guard words >= Self.minCaptionBeforeCreditWords else { return false }
        // The story goes on below: a story's last paragraph signed by its agency ("… on Monday.
        // AGENCY") stays.
        var below = index + 1
        while below <= region.upperBound {
            if decisions[below].isKeep, lines[below].shape.words >= configuration.proseMinWords { return true }
            below += 1
        }
        return false
    }

    /// Whether the byte before `space` ends a sentence after a word of three letters or more, or
    /// after a digit: "the drug." and "in 2019." do, "St." and "Mr." do not.
    private func endsSentence(before space: Int, lineStart: Int) -> Bool {
        guard space - 4 >= lineStart, LineAnalyzer.isSentenceEnd(UInt32(textBytes[space - 1])) else { return false }
        let a = textBytes[space - 2]
        if a >= 0x30 && a <= 0x39 { return true }
        for k in 2...4 where !LineAnalyzer.isASCIIWord(textBytes[space - k]) || textBytes[space - k] < 0x40 { return false }
        return true
    }

    /// Whether the bytes are a credit: one to `maxCreditTailWords` words, the first opening with
    /// a capital or a digit, none of them holding sentence punctuation or a comma; a colon only
    /// after the first word ("Credit: Agency"); no long word in lower case (names, "via" and "for"
    /// aside).
    private func isCreditWords(from start: Int, to end: Int) -> Bool {
        guard start < end else { return false }
        let first = textBytes[start]
        guard (first >= 0x41 && first <= 0x5A) || (first >= 0x30 && first <= 0x39) else { return false }
        var words = 1
        var i = start
        var wordStart = start
        while i <= end {
            // A word of four bytes or more that opens with a lower-case ASCII letter: no name.
            if i == end || textBytes[i] == 0x20 {
                if i - wordStart >= 4, textBytes[wordStart] &- 0x61 < 26 { return false }
                wordStart = i + 1
                if i == end { break }
            }
            let b = textBytes[i]
            switch b {
            case 0x20: words += 1
            case 0x2E, 0x21, 0x3F, 0x2C, 0x3B: return false
            case 0x3A: if words > 1 { return false }
            default: break
            }
            i += 1
        }
        return words <= Self.maxCreditTailWords
    }
}
