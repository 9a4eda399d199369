import Foundation

/// Splits text into word, number and punctuation tokens, with the lower-cased copy, the hashes and
/// the bits the sub-taggers read (byte tables and tests: TokenizerTables.swift).
enum Tokenizer {
    /// Longer texts are cut here, so offsets (and the lower-cased copy, at most twice as long) fit UInt32.
    static let maxBytes = 1 << 30

    /// - Parameter splitPossessives: split "'s" / "’s" off words (English: `Tokenizer+Possessives.swift`).
    static func tokenize(_ text: String, vocabulary: ByteVocabulary? = nil, splitPossessives: Bool = false) -> TokenizedText {
        var bytes = Array(text.utf8)
        if bytes.count > maxBytes { bytes.removeSubrange(maxBytes...) }
        var lower: [UInt8] = []
        let tokens = bytes.withUnsafeBufferPointer { b in
            tokenize(bytes: b, lower: &lower, vocabulary: vocabulary, splitPossessives: splitPossessives)
        }
        return TokenizedText(bytes: bytes, lower: lower, tokens: tokens)
    }

    /// One pass over the bytes. Pure-ASCII words are lower-cased, hashed and classified while their
    /// boundary is scanned; a word containing non-ASCII bytes is re-read scalar by scalar afterwards
    /// (`foldToken`), and punctuation is copied as is (no punctuation changes under lower-casing).
    static func tokenize(bytes b: UnsafeBufferPointer<UInt8>, lower: inout [UInt8], vocabulary: ByteVocabulary?,
                         splitPossessives: Bool = false) -> [Token] {
        let n = b.count
        // Lower-casing changes a scalar's length by at most 1 byte per 2 (U+0130 -> "i̇").
        let capacity = n * 2 + 8
        // Tokens and lower-cased bytes are written straight into the result arrays. News text has about
        // one token per 5-6 bytes, so n/3 + 64 slots nearly always suffice; denser text is scanned
        // again with room for n tokens (every token has at least one byte).
        for tokenCapacity in [n / 3 + 64, n + 1] {
            var fits = false
            var lowerOut: [UInt8] = []
            let tokens = [Token](unsafeUninitializedCapacity: tokenCapacity) { tb, tokenCount in
                let tw = tb
                var count = 0
                lowerOut = [UInt8](unsafeUninitializedCapacity: capacity) { lb, lowerCount in
                    // The first n + 32 bytes zeroed, so hashing may read whole 8-byte chunks past a
                    // token's last byte there (the masked bytes are initialised memory). Only text that
                    // grows under lower-casing goes past them; hashes there read their tail byte by byte.
                    // (Zeroing all 2n + 8 bytes was ~8k instructions per corpus article.)
                    let readable = min(capacity, n + 32)
                    if let l = lb.baseAddress { memset(l, 0, readable) }
                    let lw = lb
                    let used = splitPossessives ? scan(b, lw, capacity, readable, vocabulary, SplitPossessives.self, tw, &count)
                        : scan(b, lw, capacity, readable, vocabulary, KeepPossessives.self, tw, &count)
                    if let used {
                        lowerCount = used
                        fits = true
                    } else {
                        lowerCount = 0
                    }
                }
                tokenCount = fits ? count : 0
            }
            if fits {
                lower = lowerOut
                return tokens
            }
        }
        lower = []
        return []
    }

    /// The tokenizer's loop: a plain function over pointers, so its state stays in registers (inside
    /// nested `withUnsafeBufferPointer` closures the compiler reloads captured state on every byte).
    /// Writes the lower-cased text to `lb` and the tokens to `tokens` (`count` of them); returns the
    /// lower-cased length, or nil when `tokens` is too small.
    private static func scan<Mode: PossessiveMode>(_ b: UnsafeBufferPointer<UInt8>, _ lb: UnsafeMutableBufferPointer<UInt8>,
                             _ capacity: Int, _ readable: Int, _ vocabulary: ByteVocabulary?, _ mode: Mode.Type,
                             _ tokens: UnsafeMutableBufferPointer<Token>,
                             _ count: inout Int) -> Int? {
        let tokenCapacity = tokens.count
        var tokenCount = 0
        defer { count = tokenCount }
        let tables = ByteTableStorage.shared
        let cls = tables.byteClass
        let lowerTable = tables.lower
        let asciiBreak = tables.asciiBreak
        let byteHash = tables.byteHash
        let n = b.count
        guard let bBase = b.baseAddress, let lBase = lb.baseAddress else { return 0 }
        var out = 0
        var i = 0
        // `Token.Bit` flags the next token gets from what came before it: spaceBefore after
        // whitespace, newlineBefore and sentenceStart after a line break, sentenceStart after a
        // sentence end or opener. Kept as the bits themselves, so a token takes them with one `|`.
        // The text's start counts as a line start.
        var pending: UInt8 = Token.Bit.sentenceStart | Token.Bit.newlineBefore | Token.Bit.spaceBefore
        while i < n {
            let c0 = b[i]
            let cc0 = cls[Int(c0)]
            if cc0 & ByteClass.space != 0 {
                pending |= Token.Bit.spaceBefore | Candidates.bit(c0 == 0x0A) &* (Token.Bit.newlineBefore | Token.Bit.sentenceStart)
                i += 1
                continue
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
                    continue
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
                eh = ByteHash.hash(lBase, lowerStart, out, readable: readable)
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
                    let w = finishWord(b, lb, capacity, readable, start: start, lowerStart: lowerStart, at: i, lowerAt: out,
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
                guard tokenCount < tokenCapacity else { return nil }
                // English possessives ("Germany's", "Putin’s") become two tokens. Tested without a
                // branch on the (unpredictable) last letter: the branch is taken only near an "'s" / "’s".
                if Mode.splits, Candidates.bit(i - start >= 3) & Candidates.bit(b[i - 1] | 0x20 == 0x73)
                    & (Candidates.bit(b[max(i - 2, 0)] == 0x27) | Candidates.bit(b[max(i - 2, 0)] == 0x99)) != 0,
                   kind == .word, case let k = possessiveLength(b, start, i), k > 0 {
                    guard tokenCount + 1 < tokenCapacity else { return nil }
                    let (word, clitic) = possessiveTokens(b, lBase, readable: readable, start: start, end: i, lowerStart: lowerStart,
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
                continue
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
                    eh = ByteHash.hash(lBase, lowerStart, out, readable: readable)
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
            guard tokenCount < tokenCapacity else { return nil }
            tokens.initializeElement(at: tokenCount, to: Token(start: start, end: i, lowerStart: lowerStart, lowerEnd: out,
                                                               kind: kind, id: id, exactID: id, exactHash: eh,
                                                               lowerHash: lh, length: scalars, bits: bits))
            tokenCount += 1
            pending = Candidates.bit(isBreak) &* Token.Bit.sentenceStart
        }
        vocabulary?.assignIDs(tokens, count: tokenCount)
        return out
    }
}
