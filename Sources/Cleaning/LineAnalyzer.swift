/// The shape of one line, measured in a single scan of its bytes.
struct LineShape: Sendable {
    /// Word tokens (letters/digits runs; Hangul counts like Latin, it is written with spaces):
    /// all of them, counted exactly, also past the sample.
    var words = 0
    /// Han and kana characters: those scripts have no spaces, so characters stand in for words.
    var cjk = 0
    /// Index range of this line's sample of word tokens (its first `LineAnalyzer.sampleTokens`,
    /// fewer than `words` on a longer line) in the document's token arrays.
    var tokenStart = 0
    var tokenEnd = 0
    /// Ends in sentence punctuation (looking through closing quotes and brackets).
    var endsSentence = false
    /// Ends in `:` (an attribution such as "Anna says:", or a label introducing what follows).
    var endsWithColon = false
    /// Holds a scalar that NFC may change (`UnicodeNFC.isStable`): the fused pass then composes
    /// the text and starts again (`Cleaner.analyze`). (In the padding after the flags above.)
    var notNFCStable = false
    /// Item separators typical of menus and breadcrumbs: `|`, `•`, `·`, `»`, `›`, ` > `, ` / `.
    var separators = 0
    /// Hash of the folded text (case, quote style and digits folded), and past the sample of
    /// the bytes themselves (LineAnalyzer+Sample.swift): identity for repeats.
    var fingerprint: UInt64 = 0

    /// Length in "words" comparable across scripts.
    var effectiveWords: Double { Double(words) + Double(cjk) * 0.5 }
}

/// Tokenises lines into folded token hashes. The same code hashes the pattern and stopword
/// data, so data and text always agree on what a word is.
enum LineAnalyzer {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3
    /// The line fingerprint's multiplier: odd and below 2^31, so that x86-64 multiplies by it as
    /// an immediate (FNV's 64-bit prime needs a register, which the window word loop, short of
    /// them, took from its window pointer: reloaded from the stack at every word). The line's
    /// fingerprint is mixed by `finish` at its end, as before.
    static let fingerprintPrime: UInt64 = 0x5bd1_e995
    static let digitToken: UInt64 = 0x9e37_79b9_7f4a_7c15

    enum Kind: Equatable { case word, apostrophe, cjk, separator }

    /// Kind and case fold of U+0080..U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic ...), the
    /// two-byte scalars of alphabetic scripts: one table load instead of a range switch per
    /// letter. Entry: folded scalar | kind << 24 | `notNFCStableBit` when NFC may change it.
    static let twoByteInfo: [UInt32] = (0..<0x800).map { v in
        let kind: UInt32 = switch classifyByRanges(UInt32(v)) {
        case .word: 0
        case .apostrophe: 1
        case .cjk: 2
        case .separator: 3
        }
        return fold(UInt32(v)) | kind << 24 | (UnicodeNFC.isStable(UInt32(v)) ? 0 : notNFCStableBit)
    }

    /// In a `twoByteInfo` entry: the scalar is not NFC-stable (`UnicodeNFC.isStable`), read by
    /// the per-scalar rules for the fused pass's NFC check without a lookup of its own (a
    /// Cyrillic page has one such scalar a letter).
    static let notNFCStableBit: UInt32 = 1 << 26

    /// Whether NFC may change the scalar `v`, given its `twoByteInfo` entry when below U+0800.
    @inline(__always)
    static func notNFCStable(_ v: UInt32, entry: UInt32) -> Bool {
        v < 0x800 ? entry & notNFCStableBit != 0 : !UnicodeNFC.isStable(v)
    }

    @inline(__always)
    static func kind(_ code: UInt32) -> Kind {
        switch code & 3 {
        case 0: .word
        case 1: .apostrophe
        case 2: .cjk
        default: .separator
        }
    }

    @inline(__always)
    static func classify(_ v: UInt32, _ info: UnsafePointer<UInt32>) -> Kind {
        if v < 0x800 { return kind(info[Int(v)] >> 24) }
        return classifyByRanges(v)
    }

    static func classifyByRanges(_ v: UInt32) -> Kind {
        if v < 0x80 {
            if (v >= 0x61 && v <= 0x7A) || (v >= 0x41 && v <= 0x5A) || (v >= 0x30 && v <= 0x39) { return .word }
            return v == 0x27 ? .apostrophe : .separator
        }
        switch v {
        case 0xAA, 0xB2, 0xB3, 0xB5, 0xB9, 0xBA, 0xBC...0xBE: return .word
        case 0x80...0xBF, 0xD7, 0xF7: return .separator
        case 0x2019: return .apostrophe
        case 0x2000...0x2BFF, 0x3000...0x303F, 0xFE30...0xFE4F, 0xFF00...0xFF0F, 0xFF1A...0xFF20,
             0xFF3B...0xFF40, 0xFF5B...0xFF65, 0xE000...0xF8FF, 0x1F000...:
            return .separator
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0xFF66...0xFF9F:
            return .cjk
        default:
            return .word
        }
    }

    /// Case folding for the scripts the stoplists cover; enough for matching, not a full
    /// Unicode case map.
    @inline(__always)
    static func fold(_ v: UInt32) -> UInt32 {
        switch v {
        case 0x41...0x5A: return v + 0x20
        case 0xC0...0xDE where v != 0xD7: return v + 0x20
        case 0x100...0x137, 0x14A...0x177: return v | 1
        case 0x391...0x3A9: return v + 0x20
        case 0x410...0x42F: return v + 0x20
        case 0x400...0x40F: return v + 0x50
        case 0x2019: return 0x27
        default: return v
        }
    }

    @inline(__always)
    static func isSentenceEnd(_ v: UInt32) -> Bool {
        v == 0x2E || v == 0x21 || v == 0x3F || v == 0x3002 || v == 0xFF01 || v == 0xFF1F
            || v == 0xFF0E
    }

    @inline(__always)
    static func isClosing(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x29, 0x5D, 0xBB, 0x2019, 0x201D, 0x203A, 0x300D, 0x300F, 0xFF09: return true
        default: return false
        }
    }

    @inline(__always)
    static func isListSeparator(_ v: UInt32, afterSpace: Bool) -> Bool {
        switch v {
        case 0x7C, 0x2022, 0xB7, 0x203A, 0x25BA, 0x25B8, 0x25AA, 0x25E6: return true
        case 0xBB, 0x3E, 0x2F: return afterSpace
        default: return false
        }
    }

    @inline(__always)
    static func finish(_ h: UInt64) -> UInt64 {
        var z = h &+ 0x9e37_79b9_7f4a_7c15
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        z ^= z >> 31
        return z == 0 ? 1 : z
    }

    /// ASCII letters and digits, as two 64-bit masks over 0x00-0x3F and 0x40-0x7F: one shift
    /// and test instead of a classification switch on the hot path.
    static let asciiWordLow: UInt64 = 0x03FF_0000_0000_0000
    static let asciiWordHigh: UInt64 = 0x07FF_FFFE_07FF_FFFE

    @inline(__always)
    static func isASCIIWord(_ b: UInt8) -> Bool {
        let mask = b < 0x40 ? asciiWordLow : asciiWordHigh
        return (mask >> UInt64(b & 0x3F)) & 1 != 0
    }

    /// Whether the `gap` (0...8; at 0 the answer does not matter, the loop is empty) bytes at
    /// `base[i...]` between two words hold one the loop over them must see: non-ASCII, an
    /// apostrophe or a list separator `|`, `>`, `/`. Eight bytes
    /// tested at once (7-bit lanes, no carries), so gaps such as ", " need no loop: its exit
    /// and its tests are branches the predictor loses.
    @inline(__always)
    static func gapNeedsLook(_ base: UnsafePointer<UInt8>, _ i: Int, _ gap: Int) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let low7 = 0x7F &* ones
        let keep = UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* gap)
        let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & keep
        func equal(_ c: UInt64) -> UInt64 {
            let y = x ^ (c &* ones)
            return ~(((y & low7) &+ low7) | y)
        }
        let marks = x | ((equal(0x27) | equal(0x7C) | equal(0x3E) | equal(0x2F)) & keep)
        return marks & (0x80 &* ones) != 0
    }

    /// Upper bound of the tokens in `length` bytes: tokens are at least one byte long and are
    /// separated by at least one byte.
    static func maxTokens(bytes length: Int) -> Int { length / 2 + 1 }

    /// Whether the scalar at `i` (if any, before `end`) continues a word: an apostrophe joins
    /// two words ("don't", "l'homme") only when a word character follows it directly.
    @inline(__always)
    static func wordFollows(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ info: UnsafePointer<UInt32>) -> Bool {
        guard i < end else { return false }
        let b = p[i]
        if b < 0x80 { return isASCIIWord(b) }
        let (v, _) = decodeScalar(p, i)
        return classify(v, info) == .word
    }

    /// Running totals of one line's scan, shared by the fast and the per-scalar path.
    struct Scan {
        var count: Int
        var fingerprint = fnvOffset
        var separators = 0
        var cjk = 0
        /// Where the line's sample of token hashes ends (`sampleTokens` after its first):
        /// words past it are counted in `tail`, not kept.
        var limit: Int
        var tail = 0
        /// A scalar the per-scalar rules decoded is not NFC-stable (`LineShape.notNFCStable`).
        var notNFCStable = false

        init(count: Int, limit: Int = .max) {
            self.count = count
            self.limit = limit
        }

        @inline(__always)
        mutating func token(_ h: UInt64, digitsOnly: Bool, into out: UnsafeMutablePointer<UInt64>) {
            out[count] = h
            count &+= 1
            fingerprint = (fingerprint ^ (digitsOnly ? digitToken : h)) &* fingerprintPrime
        }
    }

    /// Scans `p[start..<end]` on its own (tests, data): builds the word bitmap for `p` first.
    /// Every token is kept unless `sample` says otherwise (the data's phrases are short).
    static func analyze(
        _ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, tokens out: UnsafeMutablePointer<UInt64>, firstToken: Int,
        sample: Int = .max
    ) -> LineShape {
        let bitmap = WordBitmap(p)
        return analyze(p, words: bitmap.view, start: start, end: end, tokens: out, firstToken: firstToken, sample: sample)
    }

    /// Scans `p[start..<end]`, writing one hash per word token at `out[firstToken...]`; the
    /// caller provides room for `maxTokens(bytes: end - start)` of them. `words` is the word
    /// bitmap of all of `p`.
    ///
    /// Sixty-four bytes at a time: up to the first byte the per-token rules must see (flag bits,
    /// `PlainWindow`: non-ASCII other than Latin letters, apostrophes, list separators; less
    /// those the window settles itself, `settleFlags`), every
    /// word of the window comes straight from the bitmap (`plainRun`: the bits where it changes,
    /// a word's first byte and the separator after it, popped two at a time) and is hashed, with
    /// no test of the gaps between words. From there to past the window's last flagged byte the
    /// line goes word by word (`careful`): the bitmap gives each ASCII word's start and length in two bit
    /// scans, and the bytes between words are ASCII separators (looked at for list separators)
    /// unless one of them is non-ASCII or an apostrophe; such a byte, or a word that runs into
    /// one, goes to the per-scalar rules (`scanRun`), which apply the full rules. All paths feed
    /// the same hash (`TokenHasher`), so they agree on every token, in the text and in the data.
    /// The sentence-end test looks back from the line's end instead of tracking every character.
    ///
    /// Only the first `sample` tokens are kept (`tokenStart..<tokenEnd`); the words past them
    /// are counted (`words` is exact) and mixed into the fingerprint without a hash each (see
    /// LineAnalyzer+Sample.swift). The fused pass and the reference path both come here.
    static func analyze(
        _ p: UnsafeBufferPointer<UInt8>, words bitmap: WordBits, start: Int, end: Int,
        tokens out: UnsafeMutablePointer<UInt64>, firstToken: Int, sample: Int = sampleTokens
    ) -> LineShape {
        // The totals in a struct, not in locals a nested function captures: passing captured
        // variables `inout` costs a dynamic exclusivity check each. The limit stays inside the
        // caller's room for the line's tokens (`maxTokens`), so `plainRun`'s pointer to it does.
        var scan = Scan(count: firstToken, limit: firstToken &+ min(sample, maxTokens(bytes: max(0, end &- start))))
        if start < end {
            let base = bitmap.bytes  // padded: 64-byte loads anywhere up to the end
            var i = start
            scanning: while i < end {
                scan.settleSample()
                // `i` is never inside a word: the line's start, a separator, or a word's start.
                let (stop, next, windowEnd) = plainRun(base, words: bitmap, from: i, end: end, out: out, scan: &scan)
                i = stop
                switch next {
                case .end:
                    break scanning
                case .perScalar:
                    i = scanRun(p, from: i, start: start, end: end, scan: &scan, out: out)
                    continue scanning
                case .careful:
                    break
                }
                careful: while i < windowEnd, i < end {
                    let m = bitmap.bits(at: i)
                    let offset = m.trailingZeroBitCount
                    let s = min(i &+ offset, end)
                    // Between words: spaces and ASCII punctuation, unless something needs the full
                    // rules. Mostly a single space.
                    if s &- i != 1 || base[i] != 0x20, s &- i > 8 || gapNeedsLook(base, i, s &- i) {
                        var g = i
                        while g < s {
                            let b = base[g]
                            if b != 0x20 {
                                if b >= 0x80 || b == 0x27 {
                                    i = scanRun(p, from: g, start: start, end: end, scan: &scan, out: out)
                                    continue careful
                                }
                                if isListSeparator(UInt32(b), afterSpace: g == start || base[g &- 1] == 0x20) {
                                    scan.separators &+= 1
                                }
                            }
                            g &+= 1
                        }
                    }
                    i = s
                    // A word starts inside the line and the window (`s < end`, `offset < 64`): one
                    // comparison.
                    guard offset < min(64, end &- i &+ offset) else { continue }
                    var run = (~(m &>> UInt64(truncatingIfNeeded: offset))).trailingZeroBitCount
                    if offset &+ run >= 64 { run = (~bitmap.bits(at: s)).trailingZeroBitCount }
                    let e = s &+ run
                    // A word going on with an accent or an apostrophe, or one of 64 bytes or more.
                    // (The byte after the run exists: every line is followed by a newline, and the
                    // copy by padding.)
                    let after = base[e]
                    if run >= 64 || after >= 0x80 || after == 0x27 {
                        i = scanRun(p, from: s, start: start, end: end, scan: &scan, out: out)
                        continue
                    }
                    var (h, letters) = hashASCII(base, s, e)
                    if letters & 0x8080_8080_8080_8080 != 0 {
                        // Two-byte Latin letters: the ASCII fold does not apply to them.
                        guard let latin = hashLatin(base, s, e) else {
                            i = scanRun(p, from: s, start: start, end: end, scan: &scan, out: out)
                            continue
                        }
                        h = latin
                    }
                    out[scan.count] = h
                    scan.count &+= 1
                    scan.fingerprint = (scan.fingerprint ^ (letters & 0x4040_4040_4040_4040 == 0 ? digitToken : h)) &* fingerprintPrime
                    i = e
                }
            }
        }
        scan.settleSample()
        return shape(scan, p, start: start, end: end, firstToken: firstToken)
    }

    /// The line's shape from its scan totals; the sentence-end test looks back from the end.
    /// A sampled line's fingerprint takes in its word count and byte length.
    @inline(__always)
    static func shape(_ scan: Scan, _ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, firstToken: Int) -> LineShape {
        var shape = LineShape()
        shape.tokenStart = firstToken
        shape.words = scan.count &- firstToken &+ scan.tail
        var fingerprint = scan.fingerprint
        if scan.tail > 0 {
            fingerprint = (fingerprint ^ UInt64(truncatingIfNeeded: shape.words)) &* fingerprintPrime
            fingerprint = (fingerprint ^ UInt64(truncatingIfNeeded: end &- start)) &* fingerprintPrime
        }
        shape.cjk = scan.cjk
        shape.separators = scan.separators
        shape.tokenEnd = scan.count
        let (last, beforeLast) = lastTwoScalars(p, start: start, end: end)
        let final = isClosing(last) ? beforeLast : last
        // "…" and "..." mark a truncated teaser rather than the end of a sentence.
        shape.endsSentence = isSentenceEnd(final) && !(final == 0x2E && beforeLast == 0x2E && last == 0x2E)
        shape.endsWithColon = last == 0x3A || last == 0xFF1A
        shape.notNFCStable = scan.notNFCStable
        shape.fingerprint = finish(fingerprint)
        return shape
    }

    /// The line's last two scalars (0 when missing), found by stepping back over UTF-8
    /// continuation bytes. Lines never end in a space after normalisation. Three ASCII bytes
    /// at the end (most lines) answer without the walk.
    @inline(__always)
    static func lastTwoScalars(_ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> (UInt32, UInt32) {
        if end &- start >= 3, let base = p.baseAddress {
            let c = UInt32(base[end &- 1]), b = UInt32(base[end &- 2]), a = UInt32(base[end &- 3])
            if (a | b | c) < 0x80 { return (c, b == 0x20 ? a : b) }
        }
        return lastTwoScalarsWalking(p, start: start, end: end)
    }

    @inline(never)
    static func lastTwoScalarsWalking(_ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> (UInt32, UInt32) {
        func scalar(endingAt e: Int) -> (UInt32, Int) {
            guard e > start else { return (0, e) }
            var s = e - 1
            while s > start, p[s] & 0xC0 == 0x80, e - s < 4 { s -= 1 }
            return (decodeScalar(p, s).value, s)
        }
        let (last, lastStart) = scalar(endingAt: end)
        var (beforeLast, beforeStart) = scalar(endingAt: lastStart)
        if beforeLast == 0x20 { beforeLast = scalar(endingAt: beforeStart).0 }  // spaces never count
        return (last, beforeLast)
    }

    /// Token hashes of a short string (pattern data, stopwords).
    static func tokens(of text: String) -> [UInt64] {
        var copy = text
        return copy.withUTF8 { p in
            let capacity = maxTokens(bytes: p.count)
            return [UInt64](unsafeUninitializedCapacity: capacity) { buffer, initialized in
                guard let base = buffer.baseAddress else { return }
                initialized = analyze(p, start: 0, end: p.count, tokens: base, firstToken: 0).tokenEnd
            }
        }
    }
}
