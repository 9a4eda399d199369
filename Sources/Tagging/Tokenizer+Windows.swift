/// Part of `Tokenizer` (Tokenizer.swift): the scan by 64-byte windows. Each window is classified
/// at once into bitmaps (`ByteWindow`, SIMD); its tokens are popped from them with bit scans:
/// the whitespace before a token (its spaceBefore / newlineBefore bits) is two bit tests of masks
/// made once per window, a word's end one `trailingZeroBitCount`, and whether the byte after it
/// joins it to more one bit test. Taken here: words of ASCII letters and digits, Latin letters U+00C0...U+017F and the
/// joiners "-", "&", "'" between letters, shorter than 16 bytes (hashed from two 8-byte loads of
/// the text and of their lower-cased copy), and one-byte ASCII punctuation. Everything else
/// (other bytes from 0x80, numbers joined by "." or ",", English possessives, ",,", longer words:
/// about one token in forty of the corpus) goes to the per-token rules (`ruleStep`), from the
/// token's first byte, which is what makes the tokens the same as `ruleScan`'s, field for field.
///
/// Why: the per-token loop classified every byte through a table and branched on its class and
/// on the word's end (~187 instructions a token); the Cleaning module's window tokenizer showed
/// the bitmap way. Unpredictable branches are what the windows save most: a corpus article's
/// tokenizer instructions fell ~8 %, its CPU time more.
///
/// Measured and left out (Tagger.tag callgrind, bench corpus, per article): a second short path
/// for ASCII words with upper case, as a block of its own (+2.9k: the window loop was no longer
/// inlined, `windowTokens` became a call per window) or merged into the lower-case word's path
/// (+1.8k: that path's registers spilled); the general word path out of line with that block
/// inline (+5.8k); the line-break bits under a per-window branch (+2.5k).
extension Tokenizer {
    /// The window scan over the whole text; writes what `ruleScan` writes (same tokens, same
    /// lower-cased text). Windows are read straight from the text while 80 bytes remain (64
    /// classified, and a word starting in the window readable for 16 bytes), then from a
    /// zero-padded copy of the last bytes.
    static func windowScan<Mode: PossessiveMode>(_ b: UnsafeBufferPointer<UInt8>, _ lb: UnsafeMutableBufferPointer<UInt8>,
                                                 _ capacity: Int, _ mode: Mode.Type,
                                                 _ tokens: UnsafeMutableBufferPointer<Token>, _ count: inout Int) -> Int? {
        let n = b.count
        var st = ScanState.start
        defer { count = st.count }
        guard let bBase = b.baseAddress else { return 0 }
        if n >= tailBytes {
            guard windowRun(bBase, offset: 0, until: n &- (tailBytes &- 1), b, lb, capacity, mode, tokens, &st) else { return nil }
        }
        if st.i < n {
            // The last (< tailBytes) bytes, followed by zeros: windows and word loads stay inside.
            var pad: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64,
                      UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) =
                (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
            let start = st.i
            let done = withUnsafeMutableBytes(of: &pad) { raw -> Bool in
                guard let p = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return false }
                p.update(from: bBase + start, count: n &- start)
                return windowRun(UnsafePointer(p), offset: start, until: n, b, lb, capacity, mode, tokens, &st)
            }
            guard done else { return nil }
        }
        return st.out
    }

    /// The tables the window loop reads, fetched once per text.
    struct Tables {
        let byteHash: UnsafeBufferPointer<UInt64>
        let punctBits: UnsafeBufferPointer<UInt8>
        let shortMasks: UnsafeBufferPointer<UInt64>
    }

    /// Bytes a window needs readable from its start: 64 classified, and 16 from a word starting
    /// at byte 62 or before (the pad of `windowScan` holds 2 × tailBytes).
    static let tailBytes = 80

    /// The windows starting before `until`: `src[t - offset]` is the text's byte `t` and is
    /// readable up to `tailBytes` past any window start. Leaves `st` at the first byte not taken.
    /// Returns false when `tokens` is full.
    @inline(__always)
    private static func windowRun<Mode: PossessiveMode>(_ src: UnsafePointer<UInt8>, offset: Int, until: Int,
                                                        _ b: UnsafeBufferPointer<UInt8>, _ lb: UnsafeMutableBufferPointer<UInt8>,
                                                        _ capacity: Int, _ mode: Mode.Type,
                                                        _ tokens: UnsafeMutableBufferPointer<Token>, _ st: inout ScanState) -> Bool {
        let n = b.count
        let storage = ByteTableStorage.shared
        let tables = Tables(byteHash: storage.byteHash, punctBits: storage.punctBits, shortMasks: storage.shortMasks)
        // The scan's state in locals (registers); `st` is written only around `ruleStep`.
        var i = st.i, out = st.out, pending = st.pending, tc = st.count
        defer { st = ScanState(i: i, out: out, pending: pending, count: tc) }
        while i < until {
            let ws = i
            let p = src + (ws &- offset)
            let left = n &- ws
            // A window holding the text's end has no byte past it to wait for.
            let coversEnd = left <= 64
            // The last byte a word the window takes may end before: the byte after it (and, after
            // a joiner, the one after that) must be in the window, unless the text ends in it.
            let lastEnd = coversEnd ? 64 : 62
            let valid: UInt64 = left >= 64 ? ~0 : (1 &<< UInt64(left)) &- 1
            let width = min(left, 64)
            // Room for all the window can add: a token has at least one byte, and lower-casing at
            // most adds a byte per two (a word's lower-cased bytes are written as 16). Then
            // `windowTokens` checks neither the token array nor the lower-cased text per token.
            // Otherwise (the end of a too-small token array) the rules take the window: they check.
            guard tc &+ width <= tokens.count, out &+ 2 &* width &+ 16 <= capacity else {
                var rs = ScanState(i: i, out: out, pending: pending, count: tc)
                let stop = ws &+ width
                while rs.i < stop {
                    guard ruleStep(b, lb, capacity, mode, tokens, &rs) else { return false }
                }
                i = rs.i
                out = rs.out
                pending = rs.pending
                tc = rs.count
                continue
            }
            // Not masked to `valid`: a window reaching the text's end reads the zeros of the pad
            // there, which are in no class (only `nonspace` and the gap below need `valid`). The
            // nine masks' `and`s were ~12 instructions a window.
            let w = ByteWindow(p, valid: ~0)
            let next = w.high == 0
                ? windowTokens(false, w, p, ws, valid, width, lastEnd, b, lb, capacity, mode, tokens, tables, &out, &pending, &tc)
                : windowTokens(true, w, p, ws, valid, width, lastEnd, b, lb, capacity, mode, tokens, tables, &out, &pending, &tc)
            guard let next else { return false }
            i = next
        }
        return true
    }

    /// The tokens of the window `w` of the bytes at `p` (the text's byte `ws`), from its first
    /// byte; returns where the next window starts, or nil when `tokens` is full. Inlined twice,
    /// with `latin` a constant: windows without a byte from 0x80 (most of English and Dutch
    /// text) take a loop without the Latin letters' masks and tests.
    @inline(__always)
    private static func windowTokens<Mode: PossessiveMode>(_ latin: Bool, _ w: ByteWindow, _ p: UnsafePointer<UInt8>, _ ws: Int,
                                                           _ valid: UInt64, _ width: Int, _ lastEnd: Int,
                                                           _ b: UnsafeBufferPointer<UInt8>, _ lb: UnsafeMutableBufferPointer<UInt8>,
                                                           _ capacity: Int, _ mode: Mode.Type,
                                                           _ tokens: UnsafeMutableBufferPointer<Token>, _ tables: Tables,
                                                           _ outState: inout Int, _ pendingState: inout UInt8, _ count: inout Int) -> Int? {
        guard let lBase = lb.baseAddress, let tBase = tokens.baseAddress else { return nil }
        let byteHash = tables.byteHash, punctBits = tables.punctBits, shortMasks = tables.shortMasks
        let lineBits = Token.Bit.newlineBefore | Token.Bit.sentenceStart
        // The next token's slot as a pointer (an index was a multiply and an add per token).
        var out = outState, pending = pendingState, next = tBase + count
        defer {
            outState = out
            pendingState = pending
            count = next - tBase
        }
        // Latin letters: a 0xC3...0xC5 lead and the continuation byte after it. After 0xC3
        // (Latin-1) lower-cased by +0x20 when upper case, as `foldToken` does; after 0xC4 and
        // 0xC5 through a table (`foldLatinWord`).
        let latinLead = latin ? w.lead & (w.continuation &>> 1) : 0
        let latinTail = w.continuation & (latinLead &<< 1)
        let wideTail = latinTail & (w.wideLead &<< 1)
        let alnum = w.letter | w.digit
        let letters = alnum | latinLead | latinTail
        // A word: letters, and joiners between two of them ("CD&V-voorzitter", "l'État"). For
        // English "'" stays with the rules, which split possessives off.
        let joiner = w.hyphen | w.otherJoiner
        let inner = (Mode.splits ? w.hyphen : joiner) & (letters &<< 1) & (letters &>> 1)
        let run = letters | inner
        let startsWord = alnum | latinLead
        let capitalStart = w.upper | (latinLead & ((w.latinUpper & latinTail) &>> 1))
        let lowerCase = (w.letter & ~w.upper) | (w.latinLower & latinTail)
        // Bytes that make a word more than a plain lower-case word: an upper-case or two-byte
        // letter, a hyphen, a digit (a number, or a word the number test must look at).
        let special = w.upper | latinTail | w.hyphen | w.digit
        let nonspace = valid & ~w.space
        // Bytes after a word that send it to the rules: another non-ASCII byte, a joiner before a
        // word byte, "." or "," between digits. (The rules join the last only after a number; they
        // give the same token for the rare other word too.)
        let joinsAfter = w.high | (joiner & ((alnum | w.high) &>> 1)) | (w.numberJoiner & (w.digit &>> 1) & (w.digit &<< 1))
        // Bit k: a word ending before byte k + 1 is not taken here, because the byte after it
        // joins it to more (`joinsAfter`) or is not in the window yet (past `lastEnd`).
        let endStop = (joinsAfter &>> 1) | (lastEnd < 64 ? ~0 &<< UInt64(truncatingIfNeeded: lastEnd) : 0)
        // Whitespace before a token, read at its first byte: the byte before it (spaceBefore), and a
        // line break in the run of whitespace ending there (newlineBefore, sentenceStart): adding
        // the run's line breaks to it carries out of its last byte into the next one. Whitespace
        // before the window, or taken by the rules with the word before, is in `pending` already.
        let afterSpace = w.space &<< 1
        let afterLine = (w.space &+ w.newline) & ~w.space
        // `cur`: the byte after the last token; `rest`: the non-space bytes from there (a token
        // taken here clears its own bits, which is cheaper than a shift by `cur`).
        var cur = 0, rest = nonspace
        while true {
            if rest == 0 {
                // Whitespace to the window's end.
                let gap = valid & (~0 &<< UInt64(truncatingIfNeeded: cur))
                pending |= Candidates.bit(gap != 0) &* Token.Bit.spaceBefore | Candidates.bit(w.newline & gap != 0) &* lineBits
                return ws &+ width
            }
            let s = rest.trailingZeroBitCount
            let sh = UInt64(truncatingIfNeeded: s)
            pending |= UInt8(truncatingIfNeeded: (afterSpace &>> sh) & 1) &* Token.Bit.spaceBefore
                | UInt8(truncatingIfNeeded: (afterLine &>> sh) & 1) &* lineBits
            var ruled = false
            if (startsWord &>> sh) & 1 != 0 {
                // ~run has a bit past the text's end, so e <= 64 is the word's end.
                let e = s &+ (~run &>> sh).trailingZeroBitCount
                let len = e &- s
                // One test for the word's end (bit e - 1 of endStop; e >= 1) and its length.
                if len >= 16 || (endStop &>> UInt64(truncatingIfNeeded: e &- 1)) & 1 != 0 {
                    if e > lastEnd, s > 0 {
                        // The byte after the word may be in the next window: it starts with the word.
                        return ws &+ s
                    }
                    // Joined to more, or 16 bytes or longer (a word past lastEnd here starts the
                    // window and is longer than 16 bytes).
                    ruled = true
                } else {
                    // The word's bytes as a mask of the window.
                    let inWord = (~0 &>> UInt64(truncatingIfNeeded: 64 &- len)) &<< sh
                    let c0 = ByteHash.load(p + s), c1 = ByteHash.load(p + (s &+ 8))
                    let m0 = shortMasks[len &* 2], m1 = shortMasks[len &* 2 &+ 1]
                    if special & inWord == 0 {
                        // A plain lower-case word (~3 words in 4): written as it is, one hash for
                        // both forms, no case, number or hyphen bit to work out.
                        UnsafeMutableRawPointer(lBase + out).storeBytes(of: c0.littleEndian, as: UInt64.self)
                        UnsafeMutableRawPointer(lBase + (out &+ 8)).storeBytes(of: c1.littleEndian, as: UInt64.self)
                        let h = ByteHash.hashMasked(c0 & m0, c1 & m1, len)
                        next.initialize(to: Token(start: ws &+ s, end: ws &+ e, lowerStart: out, lowerEnd: out &+ len,
                                                  kind: .word, id: -1, exactID: -1, exactHash: h,
                                                  lowerHash: h, length: len, bits: pending))
                        next += 1
                        out &+= len
                        pending = 0
                        if e > 63 { return ws &+ e }
                        cur = e
                        rest &= ~inWord
                        continue
                    }
                    // Digits first and no ASCII letter: a number (so is "1é", as for the rules).
                    let isNumber = (w.digit &>> sh) & 1 != 0 && w.letter & inWord == 0
                    let hyphenBit = Candidates.bit(w.hyphen & inWord != 0) &* Token.Bit.hyphen
                    let tails = latinTail & inWord
                    let eh: UInt64, lh: UInt64
                    var scalars = len
                    var caseBits: UInt8 = 0
                    if (w.upper | tails) & inWord == 0 {
                        // No upper-case letter, no two-byte letter (most words): the lower-cased
                        // bytes are the bytes, one hash is both, and the word is not capitalised.
                        UnsafeMutableRawPointer(lBase + out).storeBytes(of: c0.littleEndian, as: UInt64.self)
                        UnsafeMutableRawPointer(lBase + (out &+ 8)).storeBytes(of: c1.littleEndian, as: UInt64.self)
                        eh = ByteHash.hashMasked(c0 & m0, c1 & m1, len)
                        lh = eh
                    } else {
                        var capital = UInt8(truncatingIfNeeded: (capitalStart &>> sh) & 1)
                        var lower = Candidates.bit(lowerCase & inWord != 0)
                        if tails & wideTail == 0 {
                            // Latin-1 letters: their lower-casing looks at the byte before, and each is one scalar of two bytes.
                            let (l0, l1) = tails == 0 ? ByteWindow.loweredASCII(p + s) : ByteWindow.lowered(p + s)
                            // A count of 16 bits as 32 (no popcnt in the baseline x86-64: a 64-bit count was ~20 instructions).
                            if tails != 0 { scalars = len &- UInt32(truncatingIfNeeded: tails &>> sh).nonzeroBitCount }
                            UnsafeMutableRawPointer(lBase + out).storeBytes(of: l0, as: UInt64.self)
                            UnsafeMutableRawPointer(lBase + (out &+ 8)).storeBytes(of: l1, as: UInt64.self)
                            eh = ByteHash.hashMasked(c0 & m0, c1 & m1, len)
                            lh = ByteHash.hashMasked(l0.littleEndian & m0, l1.littleEndian & m1, len)
                        } else {
                            // The 16 bytes at `out` zeroed first: the folded word is hashed from two
                            // loads, as a fast word is (the lower-cased text is not zeroed).
                            UnsafeMutableRawPointer(lBase + out).storeBytes(of: 0, as: UInt64.self)
                            UnsafeMutableRawPointer(lBase + (out &+ 8)).storeBytes(of: 0, as: UInt64.self)
                            if let f = foldLatinWord(p + s, length: len, into: lBase + out) {
                                scalars = f.scalars
                                capital = f.capitalized
                                lower = f.lower
                                eh = ByteHash.hashMasked(c0 & m0, c1 & m1, len)
                                lh = ByteHash.hashMasked(ByteHash.load(lBase + out) & m0, ByteHash.load(lBase + (out &+ 8)) & m1, len)
                            } else {
                                ruled = true
                                eh = 0
                                lh = 0
                            }
                        }
                        // Capitalised: an upper-case first letter (never a number); all capitals from two letters on.
                        caseBits = capital &* Token.Bit.capitalized
                            | (capital & Candidates.bit(scalars >= 2) & Candidates.bit(lower == 0)) &* Token.Bit.allCaps
                    }
                    if !ruled {
                        next.initialize(to: Token(start: ws &+ s, end: ws &+ e, lowerStart: out, lowerEnd: out &+ len,
                                                                   kind: isNumber ? .number : .word, id: -1, exactID: -1, exactHash: eh,
                                                                   lowerHash: lh, length: scalars, bits: pending | caseBits | hyphenBit))
                        next += 1
                        out &+= len
                        pending = 0
                        cur = e
                        rest &= ~inWord
                    }
                }
            } else if (w.high &>> sh) & 1 == 0, p[s] != 0x2C || p[s &+ 1] != 0x2C {
                // One byte of ASCII punctuation (",," is one token: the rules).
                let c = p[s]
                let pb = punctBits[Int(c)]
                lBase[out] = c
                let h = byteHash[Int(c)]
                next.initialize(to: Token(start: ws &+ s, end: ws &+ s &+ 1, lowerStart: out, lowerEnd: out &+ 1,
                                                           kind: .punct, id: -1, exactID: -1, exactHash: h, lowerHash: h, length: 1,
                                                           bits: pending | pb & ~ByteTableStorage.breakFlag))
                next += 1
                out &+= 1
                pending = Candidates.bit(pb & ByteTableStorage.breakFlag != 0) &* Token.Bit.sentenceStart
                cur = s &+ 1
                rest &= rest &- 1
            } else {
                ruled = true
            }
            if ruled {
                var st = ScanState(i: ws &+ s, out: out, pending: pending, count: next - tBase)
                guard ruleStep(b, lb, capacity, mode, tokens, &st) else { return nil }
                out = st.out
                pending = st.pending
                next = tBase + st.count
                cur = st.i &- ws
                // (Not read when the rules went past the window: the test below returns.)
                rest = nonspace & (~0 &<< UInt64(truncatingIfNeeded: cur))
            }
            if cur > 63 {
                // Past the window (a token ended at its last byte, or the rules went on).
                return ws &+ cur
            }
        }
    }
}
