enum Tokenizer {
    /// Multi-byte punctuation that must not be glued into words: typographic quotes, dashes, ellipsis.
    @inline(__always)
    static func punctLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80 {
            switch b[i + 2] {
            case 0x93, 0x94, 0x98, 0x99, 0x9A, 0x9C, 0x9D, 0x9E, 0xA6, 0xB9, 0xBA: return 3
            default: return 0
            }
        }
        if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xAB || b[i + 1] == 0xBB { return 2 }
        return 0
    }

    @inline(__always)
    static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C { return 1 }
        if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { return 2 }
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, (0x80...0x8B).contains(b[i + 2]) || b[i + 2] == 0xAF { return 3 }
        return 0
    }

    @inline(__always)
    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c >= 0x80
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static let openers: [UInt64] = [",,", "“", "„", "\"", "«", "‘", "‚", "'", "(", "[", "-", "–", "—", ":", "‹"].map(ByteHash.hash)
    static let enders: [UInt64] = [".", "!", "?", ";", "…"].map(ByteHash.hash)

    /// Longer texts are cut here, so offsets (and the lower-cased copy, at most twice as long) fit UInt32.
    static let maxBytes = 1 << 30

    static func tokenize(_ text: String, vocabulary: ByteVocabulary? = nil) -> TokenizedText {
        var bytes = Array(text.utf8)
        if bytes.count > maxBytes { bytes.removeSubrange(maxBytes...) }
        var lower: [UInt8] = []
        let tokens = bytes.withUnsafeBufferPointer { b in
            tokenize(bytes: b, lower: &lower, vocabulary: vocabulary)
        }
        return TokenizedText(bytes: bytes, lower: lower, tokens: tokens)
    }

    /// Byte classes for the ASCII range: what the scanning and folding loops need in one load.
    /// Bytes ≥ 0x80 carry `word | nonASCII`.
    static let byteClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in 0..<256 {
            var f: UInt8 = 0
            if c >= 0x30 && c <= 0x39 { f |= ByteClass.word | ByteClass.digit }
            if c >= 0x41 && c <= 0x5A { f |= ByteClass.word | ByteClass.upper }
            if c >= 0x61 && c <= 0x7A { f |= ByteClass.word | ByteClass.lower }
            if c >= 0x80 { f |= ByteClass.word | ByteClass.nonASCII }
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) { f |= ByteClass.space }
            if c == 0x2D || c == 0x27 || c == 0x26 { f |= ByteClass.joiner }
            if c == 0x2E || c == 0x2C { f |= ByteClass.numberJoiner }
            t[c] = f
        }
        return t
    }()

    enum ByteClass {
        static let word: UInt8 = 1
        static let digit: UInt8 = 2
        static let upper: UInt8 = 4
        static let lower: UInt8 = 8
        static let space: UInt8 = 16
        static let nonASCII: UInt8 = 32
        /// "-", "'", "&": stay inside a word between word bytes ("CD&V", "l'Oréal").
        static let joiner: UInt8 = 64
        /// "." and ",": stay inside a number between digits ("300.000").
        static let numberJoiner: UInt8 = 128
    }

    /// Lower-case of every byte (ASCII letters folded, everything else unchanged).
    static let lowerTable: [UInt8] = (0..<256).map { (c: Int) -> UInt8 in
        let b = UInt8(c)
        return b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    /// Whether the joiner or number separator at `i` (class `cc`) stays inside the word being scanned:
    /// "-", "'", "&" between word bytes; "." and "," between digits of a number ("300.000").
    @inline(__always)
    static func joins(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ cc: UInt8, _ cc0: UInt8, _ seen: UInt8) -> Bool {
        let nx = b[i + 1]
        if cc & ByteClass.numberJoiner != 0 {
            let isNumber = cc0 & ByteClass.digit != 0 && seen & (ByteClass.upper | ByteClass.lower) == 0
            return isNumber && isDigit(nx) && isDigit(b[i - 1])
        }
        return isWordByte(nx) && isWordByte(b[i - 1])
    }

    /// ASCII punctuation that ends a sentence or opens a quotation/parenthesis (the ASCII members of
    /// `enders` and `openers`; ",," is handled by its length).
    static let asciiBreak: [Bool] = {
        var t = [Bool](repeating: false, count: 128)
        for c in ".!?;\"'([-:".utf8 { t[Int(c)] = true }
        return t
    }()

    /// Whether a multi-byte punctuation token (one `punctLength` accepts) is in `enders` or `openers`.
    @inline(__always)
    static func isMultiByteBreak(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Bool {
        if length == 2 { return b[start + 1] == 0xAB }  // « (not »)
        switch b[start + 2] {
        case 0x93, 0x94, 0x98, 0x9A, 0x9C, 0x9E, 0xA6, 0xB9: return true  // – — ‘ ‚ “ „ … ‹
        default: return false
        }
    }

    /// One pass over the bytes. Pure-ASCII words are lower-cased, hashed and classified while their
    /// boundary is scanned; a word containing non-ASCII bytes is re-read scalar by scalar afterwards
    /// (`foldToken`), and punctuation is copied as is (no punctuation changes under lower-casing).
    static func tokenize(bytes b: UnsafeBufferPointer<UInt8>, lower: inout [UInt8], vocabulary: ByteVocabulary?) -> [Token] {
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
                    // Zeroed, so hashing may read whole 8-byte chunks past a token's last byte.
                    lb.initialize(repeating: 0)
                    let lw = lb
                    if let used = scan(b, lw, capacity, vocabulary, tw, &count) {
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
    private static func scan(_ b: UnsafeBufferPointer<UInt8>, _ lb: UnsafeMutableBufferPointer<UInt8>, _ capacity: Int,
                             _ vocabulary: ByteVocabulary?, _ tokens: UnsafeMutableBufferPointer<Token>,
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
                eh = ByteHash.hash(lBase, lowerStart, out, readable: capacity)
                lh = eh
                scalars = 1
                isBreak = isMultiByteBreak(b, i, pl)
                i += pl
            } else if cc0 & ByteClass.word != 0 {
                // Accumulated classes of the bytes so far: letters make a number token a word.
                var seen: UInt8 = cc0
                var slow = cc0 & ByteClass.nonASCII != 0
                // Set when the word is complete after its first one or two 8-byte blocks, with its hashes.
                var blockHashes: (UInt64, UInt64)? = nil
                if !slow, i + 16 <= n, out + 16 <= capacity {
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
                    out += run
                    i += run
                    if run < 16, cls[Int(b[i])] & (ByteClass.nonASCII | ByteClass.joiner | ByteClass.numberJoiner) == 0 {
                        blockHashes = (ByteHash.hashShort(w0, w1, run), ByteHash.hashShort(a0.lowercased, l1, run))
                    }
                } else {
                    if !slow {
                        let l = lowerTable[Int(c0)]
                        lb[out] = l
                        out += 1
                    }
                    i += 1
                }
                // ASCII letters and digits: lower-cased as they are scanned, 8 bytes at a time while 8
                // remain (most words end inside the first block: no branch per byte), then byte by byte.
                scan: while !slow && blockHashes == nil {
                    while i + 8 <= n {
                        let block = AsciiBlock(ByteHash.load(bBase + i))
                        UnsafeMutableRawPointer(lBase + out).storeBytes(of: block.lowercased.littleEndian, as: UInt64.self)
                        seen |= block.classes
                        out += block.run
                        i += block.run
                        if block.run < 8 { break }
                    }
                    while i < n {
                        let c = b[i]
                        let cc = cls[Int(c)]
                        guard cc & (ByteClass.word | ByteClass.nonASCII) == ByteClass.word else { break }
                        seen |= cc
                        let l = lowerTable[Int(c)]
                        lb[out] = l
                        out += 1
                        i += 1
                    }
                    guard i < n else { break }
                    let c = b[i]
                    let cc = cls[Int(c)]
                    if cc & ByteClass.nonASCII != 0 {
                        slow = true
                        break
                    }
                    guard cc & (ByteClass.joiner | ByteClass.numberJoiner) != 0, i + 1 < n,
                          joins(b, i, cc, cc0, seen) else { break }
                    if c == 0x2D { bits |= Token.Bit.hyphen } else if c == 0x2E { bits |= Token.Bit.dot }
                    lb[out] = c
                    out += 1
                    i += 1
                }
                // Words with non-ASCII bytes: find the end here, fold them in `foldToken` below.
                if slow {
                    while i < n {
                        let c = b[i]
                        let cc = cls[Int(c)]
                        if cc & ByteClass.word != 0 {
                            if cc & ByteClass.nonASCII != 0, punctLength(b, i) > 0 {
                                // Apostrophe ’ between letters stays in the word ("video’s").
                                let isWord = cc0 & ByteClass.digit == 0 || seen & (ByteClass.upper | ByteClass.lower) != 0
                                if c == 0xE2, b[i + 2] == 0x99, i + 3 < n, isWordByte(b[i + 3]), isWord {
                                    i += 3
                                    continue
                                }
                                break
                            }
                            seen |= cc
                            i += 1
                            continue
                        }
                        guard cc & (ByteClass.joiner | ByteClass.numberJoiner) != 0, i + 1 < n,
                              joins(b, i, cc, cc0, seen) else { break }
                        if c == 0x2D { bits |= Token.Bit.hyphen } else if c == 0x2E { bits |= Token.Bit.dot }
                        i += 1
                    }
                }
                kind = cc0 & ByteClass.digit != 0 && seen & (ByteClass.upper | ByteClass.lower) == 0 ? .number : .word
                if let (e, l) = blockHashes {
                    eh = e
                    lh = l
                    scalars = i - start
                    bits |= ((cc0 & ByteClass.upper) >> 2) &* Token.Bit.capitalized
                } else if slow {
                    out = lowerStart
                    let f = foldToken(b, start, i, lb, &out, capacity)
                    eh = f.exactHash
                    lh = f.lowerHash
                    scalars = f.scalars
                    seen = f.classes
                    bits |= f.bits
                } else {
                    (eh, lh) = ByteHash.hashASCIIWord(bBase, start, i, readable: n)
                    scalars = i - start
                    bits |= ((cc0 & ByteClass.upper) >> 2) &* Token.Bit.capitalized
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
                tokens.initializeElement(at: tokenCount, to: Token(start: start, end: i, lowerStart: lowerStart, lowerEnd: out,
                                                                   kind: kind, id: id, exactID: exactID, exactHash: eh,
                                                                   lowerHash: lh, length: scalars, bits: bits))
                tokenCount += 1
                // Most words are followed by one space: taken here, without a branch, instead of by
                // another turn of the loop.
                let spaced = Candidates.bit(i < n) & Candidates.bit(b[min(i, n - 1)] == 0x20)
                pending = spaced &* Token.Bit.spaceBefore
                i += Int(spaced)
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
                    eh = ByteHash.hash(lBase, lowerStart, out, readable: capacity)
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
