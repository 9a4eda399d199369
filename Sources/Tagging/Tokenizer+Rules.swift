/// Part of `Tokenizer` (Tokenizer.swift): the per-token rules, one token (or one stretch of
/// whitespace) at a time. The window scan (`Tokenizer+Windows.swift`) hands them everything its
/// bitmaps do not settle: words with non-ASCII bytes, joiners ("CD&V", "300.000", "l'Oréal"),
/// possessives, multi-byte punctuation and spaces, ",,". `ruleScan` runs them over a whole text:
/// the reference the window scan must equal, token for token.
extension Tokenizer {
    /// Where a scan stands: the next byte, the lower-cased text's length, the bits the next token
    /// gets from what came before it (`Token.Bit`: spaceBefore after whitespace, newlineBefore and
    /// sentenceStart after a line break, sentenceStart after a sentence end or opener) and the
    /// tokens written.
    struct ScanState {
        var i: Int
        var out: Int
        var pending: UInt8
        var count: Int

        /// The text's start counts as a line start.
        static let start = ScanState(i: 0, out: 0, pending: Token.Bit.sentenceStart | Token.Bit.newlineBefore | Token.Bit.spaceBefore,
                                     count: 0)
    }

    /// The per-token loop over the whole text (the reference for the window scan, and what it was
    /// before). Writes the lower-cased text to `lb` and the tokens to `tokens` (`count` of them);
    /// returns the lower-cased length, or nil when `tokens` is too small.
    static func ruleScan<Mode: PossessiveMode>(_ b: UnsafeBufferPointer<UInt8>, _ lb: UnsafeMutableBufferPointer<UInt8>,
                                               _ capacity: Int, _ mode: Mode.Type,
                                               _ tokens: UnsafeMutableBufferPointer<Token>, _ count: inout Int) -> Int? {
        var st = ScanState.start
        defer { count = st.count }
        while st.i < b.count {
            guard ruleStep(b, lb, capacity, mode, tokens, &st) else { return nil }
        }
        return st.out
    }

    /// One turn of the per-token loop at `st.i`: a stretch of whitespace or one token (two for a
    /// split possessive), with the space after a word. Pure-ASCII words are lower-cased, hashed and
    /// classified while their boundary is scanned; a word containing non-ASCII bytes is re-read
    /// scalar by scalar afterwards (`foldToken`), and punctuation is copied as is (no punctuation
    /// changes under lower-casing). Returns false when `tokens` is full. Out of line: the window
    /// scan calls it for about one token in forty, and keeps its own state in registers without it.
    /// Reads `ByteTableStorage.shared` itself: passing the storage in from the window scan (in its
    /// `Tables`, and on to `finishWord` and `foldLatinWord`) was measured and left out: ruleStep
    /// 8.15k -> 7.79k and finishWord 5.29k -> 5.06k per article, but tokenize 164.5k -> 167.1k.
    @inline(never)
    static func ruleStep<Mode: PossessiveMode>(_ b: UnsafeBufferPointer<UInt8>, _ lb: UnsafeMutableBufferPointer<UInt8>,
                                               _ capacity: Int, _ mode: Mode.Type,
                                               _ tokens: UnsafeMutableBufferPointer<Token>, _ st: inout ScanState) -> Bool {
        let tokenCapacity = tokens.count
        let tables = ByteTableStorage.shared
        let cls = tables.byteClass
        let lowerTable = tables.lower
        let asciiBreak = tables.asciiBreak
        let byteHash = tables.byteHash
        let n = b.count
        guard let bBase = b.baseAddress, let lBase = lb.baseAddress, st.i < n else { return true }
        // Locals, stored back once: through the inout they were written to memory on every byte.
        var i = st.i, out = st.out, pending = st.pending, tokenCount = st.count
        defer { st = ScanState(i: i, out: out, pending: pending, count: tokenCount) }
        let c0 = b[i]
        let cc0 = cls[Int(c0)]
        if cc0 & ByteClass.space != 0 {
            pending |= Token.Bit.spaceBefore | Candidates.bit(c0 == 0x0A) &* (Token.Bit.newlineBefore | Token.Bit.sentenceStart)
            i += 1
            return true
        }
        let start = i
        let lowerStart = out
        var kind: Token.Kind
        var eh: UInt64, lh: UInt64
        var bits: UInt8 = 0
        var scalars: Int
        var isBreak = false
        if cc0 & ByteClass.nonASCII != 0 {
            let sl = spaceLength(b, i)
            if sl > 0 {
                pending |= Token.Bit.spaceBefore
                i += sl
                return true
            }
        }
        let pl = cc0 & ByteClass.nonASCII != 0 ? punctLength(b, i) : 0
        if pl > 0 {
            // Typographic punctuation: lower-casing leaves it as is.
            kind = .punct
            for q in i..<(i + pl) {
                lb[out] = b[q]
                out += 1
            }
            eh = ByteHash.hash(lBase, lowerStart, out, readable: out)
            lh = eh
            scalars = 1
            isBreak = isMultiByteBreak(b, i, pl)
            i += pl
        } else if cc0 & ByteClass.word != 0 {
            // Accumulated classes of the bytes so far: letters make a number token a word.
            var seen: UInt8 = cc0
            let slow = cc0 & ByteClass.nonASCII != 0
            // Set when the word is complete after its first one or two 8-byte blocks, with its hashes.
            var blockHashes: (UInt64, UInt64)? = nil
            if !slow, i &+ 16 <= n, out &+ 16 <= capacity {
                // The word's first 8 bytes classified and lower-cased at once (the next 8 too when
                // all of those continue the word). Most words end inside them at a byte that cannot
                // continue a word (space, most punctuation): then the token is complete, and its
                // hashes come from the chunks already in registers instead of loading them again.
                let w0 = ByteHash.load(bBase + i)
                let a0 = AsciiBlock(w0)
                UnsafeMutableRawPointer(lBase + out).storeBytes(of: a0.lowercased.littleEndian, as: UInt64.self)
                var run = a0.run
                var w1: UInt64 = 0, l1: UInt64 = 0
                seen |= a0.classes
                if run == 8 {
                    w1 = ByteHash.load(bBase + i + 8)
                    let a1 = AsciiBlock(w1)
                    l1 = a1.lowercased
                    UnsafeMutableRawPointer(lBase + out + 8).storeBytes(of: l1.littleEndian, as: UInt64.self)
                    run += a1.run
                    seen |= a1.classes
                }
                out &+= run
                i &+= run
                if run < 16 {
                    // A joiner or number separator after the word ends it too unless it joins
                    // ("CD&V", "300.000"): most are a comma or full stop after a word, which went the
                    // long way (the loop below, the hashes from fresh loads) before.
                    let cs = cls[Int(b[i])]
                    let goesOn = cs & ByteClass.nonASCII != 0
                        || (cs & (ByteClass.joiner | ByteClass.numberJoiner) != 0 && i &+ 1 < n && joins(b, i, cs, cc0, seen))
                    if !goesOn { blockHashes = ByteHash.hashShortPair(w0, w1, a0.lowercased, l1, run) }
                }
            } else {
                if !slow {
                    let l = lowerTable[Int(c0)]
                    lb[out] = l
                    out += 1
                }
                i += 1
            }
            if let (e, l) = blockHashes {
                eh = e
                lh = l
                scalars = i &- start
                bits |= ((cc0 & ByteClass.upper) >> 2) &* Token.Bit.capitalized
                kind = cc0 & ByteClass.digit != 0 && seen & (ByteClass.upper | ByteClass.lower) == 0 ? .number : .word
            } else {
                let w = finishWord(b, lb, capacity, start: start, lowerStart: lowerStart, at: i, lowerAt: out,
                                   cc0: cc0, seen: seen, slow: slow)
                i = w.end
                out = w.lowerEnd
                eh = w.word.exactHash
                lh = w.word.lowerHash
                scalars = w.word.scalars
                seen = w.word.classes
                bits |= w.word.bits
                kind = w.isNumber ? .number : .word
            }
            // Capitalised words (all-caps from two letters on); numbers are never capitalised. Set
            // without branches: capitalisation and word length are unpredictable on fresh text.
            let capitalizedWord = Candidates.bit(kind == .word) & bits & Token.Bit.capitalized
            bits = (bits & ~Token.Bit.capitalized) | capitalizedWord
            bits |= (capitalizedWord & Candidates.bit(scalars >= 2) & Candidates.bit(seen & ByteClass.lower == 0)) &* Token.Bit.allCaps
            // Vocabulary ids are looked up for all tokens at the end (`ByteVocabulary.assignIDs`).
            let id: Int32 = -1, exactID: Int32 = -1
            bits |= pending
            guard tokenCount < tokenCapacity else { return false }
            // English possessives ("Germany's", "Putin’s") become two tokens. Tested without a
            // branch on the (unpredictable) last letter: the branch is taken only near an "'s" / "’s".
            if Mode.splits, Candidates.bit(i - start >= 3) & Candidates.bit(b[i - 1] | 0x20 == 0x73)
                & (Candidates.bit(b[max(i - 2, 0)] == 0x27) | Candidates.bit(b[max(i - 2, 0)] == 0x99)) != 0,
               kind == .word, case let k = possessiveLength(b, start, i), k > 0 {
                guard tokenCount + 1 < tokenCapacity else { return false }
                let (word, clitic) = possessiveTokens(b, lBase, start: start, end: i, lowerStart: lowerStart,
                                                      lowerEnd: out, k: k, length: scalars, bits: bits)
                tokens.initializeElement(at: tokenCount, to: word)
                tokens.initializeElement(at: tokenCount + 1, to: clitic)
                tokenCount += 2
            } else {
                tokens.initializeElement(at: tokenCount, to: Token(start: start, end: i, lowerStart: lowerStart, lowerEnd: out,
                                                                   kind: kind, id: id, exactID: exactID, exactHash: eh,
                                                                   lowerHash: lh, length: scalars, bits: bits))
                tokenCount += 1
            }
            // Most words are followed by one space: taken here, without a branch, instead of by
            // another turn of the loop.
            let spaced = Candidates.bit(i < n) & Candidates.bit(b[min(i, n - 1)] == 0x20)
            pending = spaced &* Token.Bit.spaceBefore
            i &+= Int(spaced)
            return true
        } else {
            // ASCII punctuation; ",," (Dutch opening quote) is one token.
            kind = .punct
            lb[out] = c0
            out += 1
            if c0 == 0x2C, i + 1 < n, b[i + 1] == 0x2C {
                lb[out] = c0
                out += 1
                i += 2
                scalars = 2
                isBreak = true
                eh = ByteHash.hash(lBase, lowerStart, out, readable: out)
            } else {
                i += 1
                scalars = 1
                isBreak = c0 < 0x80 && asciiBreak[Int(c0)]
                if c0 == 0x2D { bits |= Token.Bit.hyphen } else if c0 == 0x2E { bits |= Token.Bit.dot }
                // One byte: its hash from the table (about one token in five).
                eh = byteHash[Int(c0)]
            }
            lh = eh
        }
        let id: Int32 = -1
        bits |= pending
        guard tokenCount < tokenCapacity else { return false }
        tokens.initializeElement(at: tokenCount, to: Token(start: start, end: i, lowerStart: lowerStart, lowerEnd: out,
                                                           kind: kind, id: id, exactID: id, exactHash: eh,
                                                           lowerHash: lh, length: scalars, bits: bits))
        tokenCount += 1
        pending = Candidates.bit(isBreak) &* Token.Bit.sentenceStart
        return true
    }
}
