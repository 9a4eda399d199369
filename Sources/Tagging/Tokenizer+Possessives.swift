/// Part of `Tokenizer` (Tokenizer.swift): English possessives. The tokenizer keeps an apostrophe
/// between letters inside the word ("l'Oréal", "video’s", Dutch plurals "foto's"), so "Germany's"
/// and "Putin's" were words the gazetteer and the coreference of "Vladimir Putin" did not know. For
/// English text the "'s" / "’s" is split off as a punctuation token of its own: the name keeps its
/// listed form, and the split token ("’s", not "’") is no closing quotation mark for `QuoteExtractor`.
///
/// Split while scanning, where the word's pieces are at hand: a post-pass over the finished tokens
/// rebuilt the whole token array for any English article with one possessive (~50k instructions
/// per such corpus article).
extension Tokenizer {
    /// Bytes of a trailing "'s" / "’s" (or "'S") after at least one byte of the word
    /// `b[start..<end]`: 2, 4 or 0.
    @inline(__always)
    static func possessiveLength(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Int {
        guard end - start >= 3, b[end - 1] | 0x20 == 0x73 else { return 0 }
        if b[end - 2] == 0x27 { return 2 }
        if end - start >= 5, b[end - 4] == 0xE2, b[end - 3] == 0x80, b[end - 2] == 0x99 { return 4 }
        return 0
    }

    /// The word `b[start..<end]` (lower-cased at `lowerStart..<lowerEnd`, `length` scalars, token
    /// bits `bits`) as the word without its last `k` bytes, and those bytes ("'s", "’s": the same
    /// length lower-cased) as a punctuation token without bits. Vocabulary ids are left to
    /// `ByteVocabulary.assignIDs`, as for every token. The lower-cased hashes read only the
    /// word's own lower-cased bytes (the rest of the lower-cased text is not zeroed).
    @inline(never)
    static func possessiveTokens(_ b: UnsafeBufferPointer<UInt8>, _ lBase: UnsafePointer<UInt8>,
                                 start: Int, end: Int, lowerStart: Int, lowerEnd: Int, k: Int, length: Int,
                                 bits: UInt8) -> (word: Token, clitic: Token) {
        guard let bBase = b.baseAddress else {
            let t = Token(start: start, end: end, lowerStart: lowerStart, lowerEnd: lowerEnd, kind: .word, id: -1, exactID: -1,
                          exactHash: 0, lowerHash: 0, length: length, bits: bits)
            return (t, t)
        }
        let n = b.count
        let split = end - k, lowerSplit = lowerEnd - k
        // "NATO's" was not all capitals with its "s"; the word alone may be (ASCII words only).
        var allCaps = bits & Token.Bit.capitalized != 0 && length - 2 >= 2
        for q in start..<split where b[q] >= 0x80 || (b[q] >= 0x61 && b[q] <= 0x7A) {
            allCaps = false
            break
        }
        let word = Token(start: start, end: split, lowerStart: lowerStart, lowerEnd: lowerSplit, kind: .word, id: -1, exactID: -1,
                         exactHash: ByteHash.hash(bBase, start, split, readable: n),
                         lowerHash: ByteHash.hash(lBase, lowerStart, lowerSplit, readable: lowerEnd),
                         length: length - 2, bits: bits | Candidates.bit(allCaps) &* Token.Bit.allCaps)
        let clitic = Token(start: split, end: end, lowerStart: lowerSplit, lowerEnd: lowerEnd, kind: .punct, id: -1, exactID: -1,
                           exactHash: ByteHash.hash(bBase, split, end, readable: n),
                           lowerHash: ByteHash.hash(lBase, lowerSplit, lowerEnd, readable: lowerEnd), length: 2, bits: 0)
        return (word, clitic)
    }
}

/// Whether the scan splits possessives, as a type: `Tokenizer.windowScan` and `ruleStep` are
/// specialised per mode, so the words of other languages pay nothing for the test.
protocol PossessiveMode {
    static var splits: Bool { get }
}

enum SplitPossessives: PossessiveMode {
    static var splits: Bool { true }
}

enum KeepPossessives: PossessiveMode {
    static var splits: Bool { false }
}
