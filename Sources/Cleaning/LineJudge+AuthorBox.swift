/// The author's box under a story: a heading "About Jane Doe" ("Über Anna Schmidt", "Sobre Ana
/// Silva", "Over Jan de Vries") and the writer's biography right below it, which names the writer
/// again. The patterns take "About …" as a section end in English only: in Dutch, German, Spanish
/// and Portuguese the word is an everyday preposition that opens a story's subheadings ("Über die
/// Grenze"). A heading of a preposition and a name (two or more capitalised words) that the next
/// paragraph repeats is the box, whatever the language; a subheading's words are rarely all
/// capitalised and repeated below. Only short kept lines without sentence punctuation that open
/// with one of the prepositions are read further.
extension LineJudge {
    /// The heading holds the preposition and a name of two to this many words.
    static let maxAuthorNameWords = 4

    /// Whether the kept line `index` heads the author's box and the line below is the biography.
    func isAuthorBoxHeading(_ index: Int, region: ClosedRange<Int>, decisions: [Decision]) -> Bool {
        let shape = lines[index].shape
        guard shape.words >= 3, shape.words <= Self.maxAuthorNameWords + 1, !shape.endsSentence, !shape.endsWithColon,
            index < region.upperBound, decisions[index + 1].isKeep,
            lines[index + 1].shape.words >= configuration.proseMinWords, let line = textLine(index), let bio = textLine(index + 1)
        else { return false }
        var i = line.start
        while i < line.end, textBytes[i] != 0x20 { i += 1 }
        guard isAboutWord(from: line.start, to: i) else { return false }
        // Every word of the name opens with a capital and recurs in the biography.
        var names = 0
        while i < line.end {
            i += 1
            let start = i
            while i < line.end, textBytes[i] != 0x20 { i += 1 }
            guard i > start, textBytes[start] &- 0x41 < 26, occurs(start..<i, in: bio.start..<bio.end) else { return false }
            names += 1
        }
        return names >= 2
    }

    /// "about", "über", "sobre", "over" in any case of their first letter.
    private func isAboutWord(from start: Int, to end: Int) -> Bool {
        let count = end - start
        func lower(_ k: Int) -> UInt8 { textBytes[start + k] | 0x20 }
        switch count {
        case 4:
            // "over"; "über" is five bytes (Ü, ü: C3 9C, C3 BC).
            return lower(0) == 0x6F && textBytes[start + 1] == 0x76 && textBytes[start + 2] == 0x65 && textBytes[start + 3] == 0x72
        case 5:
            if textBytes[start] == 0xC3, textBytes[start + 1] == 0x9C || textBytes[start + 1] == 0xBC {
                return textBytes[start + 2] == 0x62 && textBytes[start + 3] == 0x65 && textBytes[start + 4] == 0x72
            }
            // The four bytes after the first letter, read as one number: "bout", "obre".
            var rest: UInt32 = 0
            for k in 1..<5 { rest = rest << 8 | UInt32(textBytes[start + k]) }
            return (lower(0) == 0x61 && rest == 0x626F_7574) || (lower(0) == 0x73 && rest == 0x6F62_7265)
        default:
            return false
        }
    }

    /// Whether the bytes of `word` occur in `range` of the text.
    private func occurs(_ word: Range<Int>, in range: Range<Int>) -> Bool {
        let length = word.count
        guard length > 0, range.count >= length else { return false }
        let first = textBytes[word.lowerBound]
        var i = range.lowerBound
        while i + length <= range.upperBound {
            if textBytes[i] == first {
                var k = 1
                while k < length, textBytes[i + k] == textBytes[word.lowerBound + k] { k += 1 }
                if k == length { return true }
            }
            i += 1
        }
        return false
    }
}
