/// The shape of one line, measured in a single scan of its bytes.
struct LineShape: Sendable {
    /// Word tokens (letters/digits runs; Hangul counts like Latin, it is written with spaces).
    var words = 0
    /// Han and kana characters: those scripts have no spaces, so characters stand in for words.
    var cjk = 0
    /// Index range of this line's word tokens in the document's token arrays.
    var tokenStart = 0
    var tokenEnd = 0
    /// Ends in sentence punctuation (looking through closing quotes and brackets).
    var endsSentence = false
    /// Ends in `:` (an attribution such as "Anna says:", or a label introducing what follows).
    var endsWithColon = false
    /// Item separators typical of menus and breadcrumbs: `|`, `•`, `·`, `»`, `›`, ` > `, ` / `.
    var separators = 0
    /// Hash of the folded text (case, quote style and digits folded): identity for repeats.
    var fingerprint: UInt64 = 0

    /// Length in "words" comparable across scripts.
    var effectiveWords: Double { Double(words) + Double(cjk) * 0.5 }
}

/// Tokenises lines into folded token hashes. The same code hashes the pattern and stopword
/// data, so data and text always agree on what a word is.
enum LineAnalyzer {
    static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3
    private static let digitToken: UInt64 = 0x9e37_79b9_7f4a_7c15

    private enum Kind: Equatable { case word, apostrophe, cjk, separator }

    /// Kind and case fold of U+0080..U+07FF (Latin, Greek, Cyrillic, Hebrew, Arabic ...), the
    /// two-byte scalars of alphabetic scripts: one table load instead of a range switch per
    /// letter. Entry: folded scalar | kind << 24.
    private static let twoByteInfo: [UInt32] = (0..<0x800).map { v in
        let kind: UInt32 = switch classifyByRanges(UInt32(v)) {
        case .word: 0
        case .apostrophe: 1
        case .cjk: 2
        case .separator: 3
        }
        return fold(UInt32(v)) | kind << 24
    }

    @inline(__always)
    private static func kind(_ code: UInt32) -> Kind {
        switch code {
        case 0: .word
        case 1: .apostrophe
        case 2: .cjk
        default: .separator
        }
    }

    @inline(__always)
    private static func classify(_ v: UInt32, _ info: UnsafePointer<UInt32>) -> Kind {
        if v < 0x800 { return kind(info[Int(v)] >> 24) }
        return classifyByRanges(v)
    }

    private static func classifyByRanges(_ v: UInt32) -> Kind {
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
    private static func isSentenceEnd(_ v: UInt32) -> Bool {
        v == 0x2E || v == 0x21 || v == 0x3F || v == 0x3002 || v == 0xFF01 || v == 0xFF1F
            || v == 0xFF0E
    }

    @inline(__always)
    private static func isClosing(_ v: UInt32) -> Bool {
        switch v {
        case 0x22, 0x27, 0x29, 0x5D, 0xBB, 0x2019, 0x201D, 0x203A, 0x300D, 0x300F, 0xFF09: return true
        default: return false
        }
    }

    @inline(__always)
    private static func isListSeparator(_ v: UInt32, afterSpace: Bool) -> Bool {
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
    private static let asciiWordLow: UInt64 = 0x03FF_0000_0000_0000
    private static let asciiWordHigh: UInt64 = 0x07FF_FFFE_07FF_FFFE

    @inline(__always)
    private static func isASCIIWord(_ b: UInt8) -> Bool {
        let mask = b < 0x40 ? asciiWordLow : asciiWordHigh
        return (mask >> UInt64(b & 0x3F)) & 1 != 0
    }

    /// Whether the `gap` (0...8; at 0 the answer does not matter, the loop is empty) bytes at
    /// `base[i...]` between two words hold one the loop over them must see: non-ASCII, an
    /// apostrophe or a list separator `|`, `>`, `/`. Eight bytes
    /// tested at once (7-bit lanes, no carries), so gaps such as ", " need no loop: its exit
    /// and its tests are branches the predictor loses.
    @inline(__always)
    private static func gapNeedsLook(_ base: UnsafePointer<UInt8>, _ i: Int, _ gap: Int) -> Bool {
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
    private static func wordFollows(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int, _ info: UnsafePointer<UInt32>) -> Bool {
        guard i < end else { return false }
        let b = p[i]
        if b < 0x80 { return isASCIIWord(b) }
        let (v, _) = decodeScalar(p, i)
        return classify(v, info) == .word
    }

    /// Running totals of one line's scan, shared by the fast and the per-scalar path.
    private struct Scan {
        var count: Int
        var fingerprint = fnvOffset
        var separators = 0
        var cjk = 0

        @inline(__always)
        mutating func token(_ h: UInt64, digitsOnly: Bool, into out: UnsafeMutablePointer<UInt64>) {
            out[count] = h
            count &+= 1
            fingerprint = (fingerprint ^ (digitsOnly ? digitToken : h)) &* fnvPrime
        }
    }

    /// Scans `p[start..<end]` on its own (tests, data): builds the word bitmap for `p` first.
    static func analyze(
        _ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, tokens out: UnsafeMutablePointer<UInt64>, firstToken: Int
    ) -> LineShape {
        let bitmap = WordBitmap(p)
        return analyze(p, words: bitmap.view, start: start, end: end, tokens: out, firstToken: firstToken)
    }

    /// Scans `p[start..<end]`, writing one hash per word token at `out[firstToken...]`; the
    /// caller provides room for `maxTokens(bytes: end - start)` of them. `words` is the word
    /// bitmap of all of `p`.
    ///
    /// The bitmap gives each ASCII word's start and length in two bit scans. The bytes between
    /// words are ASCII separators (looked at for list separators) unless one of them is
    /// non-ASCII or an apostrophe; such a byte, or a word that runs into one, goes to the
    /// per-scalar rules (`scanRun`), which apply the full rules. Both paths feed the same hash
    /// (`TokenHasher`), so they agree on every token, in the text and in the data. The
    /// sentence-end test looks back from the line's end instead of tracking every character.
    static func analyze(
        _ p: UnsafeBufferPointer<UInt8>, words bitmap: WordBits, start: Int, end: Int,
        tokens out: UnsafeMutablePointer<UInt64>, firstToken: Int
    ) -> LineShape {
        // The totals live in locals (registers) and go through a `Scan` only around `scanRun`.
        var count = firstToken
        var fingerprint = fnvOffset
        var separators = 0
        var cjk = 0
        @inline(__always) func perScalar(from g: Int) -> Int {
            var scan = Scan(count: count, fingerprint: fingerprint, separators: separators, cjk: cjk)
            let next = scanRun(p, from: g, start: start, end: end, scan: &scan, out: out)
            count = scan.count
            fingerprint = scan.fingerprint
            separators = scan.separators
            cjk = scan.cjk
            return next
        }
        if start < end {
            let base = bitmap.bytes  // padded: 16-byte loads anywhere up to the end
            var i = start
            scanning: while i < end {
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
                                i = perScalar(from: g)
                                continue scanning
                            }
                            if isListSeparator(UInt32(b), afterSpace: g == start || base[g &- 1] == 0x20) {
                                separators &+= 1
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
                    i = perScalar(from: s)
                    continue
                }
                // Letters and digits both have bit 5 set once lowercased, so one OR folds case;
                // digits are the ones without bit 6 (lead bytes C3-C5 have it: letters). Words
                // of up to 16 bytes (nearly all) are two loads and masks, without a loop.
                var state = fnvOffset
                var letters: UInt64 = 0
                var k = s
                while e &- k > 8 {
                    let raw = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self)
                    letters |= raw
                    state = TokenHasher.mix(state, raw | 0x2020_2020_2020_2020)
                    k &+= 8
                }
                let keep = UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* (e &- k))
                let last = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) & keep
                letters |= last
                var h = TokenHasher.finish(state ^ (last | (0x2020_2020_2020_2020 & keep)), length: run)
                if letters & 0x8080_8080_8080_8080 != 0 {
                    // Two-byte Latin letters: the ASCII fold above does not apply to them.
                    guard let latin = hashLatin(base, s, e) else {
                        i = perScalar(from: s)
                        continue
                    }
                    h = latin
                }
                out[count] = h
                count &+= 1
                fingerprint = (fingerprint ^ (letters & 0x4040_4040_4040_4040 == 0 ? digitToken : h)) &* fnvPrime
                i = e
            }
        }
        let scan = Scan(count: count, fingerprint: fingerprint, separators: separators, cjk: cjk)
        return shape(scan, p, start: start, end: end, firstToken: firstToken)
    }

    /// The line's shape from its scan totals; the sentence-end test looks back from the end.
    @inline(__always)
    private static func shape(_ scan: Scan, _ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, firstToken: Int) -> LineShape {
        var shape = LineShape()
        shape.tokenStart = firstToken
        shape.words = scan.count &- firstToken
        shape.cjk = scan.cjk
        shape.separators = scan.separators
        shape.tokenEnd = scan.count
        let (last, beforeLast) = lastTwoScalars(p, start: start, end: end)
        let final = isClosing(last) ? beforeLast : last
        // "…" and "..." mark a truncated teaser rather than the end of a sentence.
        shape.endsSentence = isSentenceEnd(final) && !(final == 0x2E && beforeLast == 0x2E && last == 0x2E)
        shape.endsWithColon = last == 0x3A || last == 0xFF1A
        shape.fingerprint = finish(scan.fingerprint)
        return shape
    }

    /// How many of the eight bytes of `w` (little-endian), from the first, are ASCII letters or
    /// digits: the per-byte `isASCIIWord` on 7-bit lanes (no carries between bytes).
    @inline(__always)
    private static func asciiWordPrefix(_ w: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let seven = w & (0x7F &* ones)
        let lowered = seven | (0x20 &* ones)
        let letter = (lowered &+ (0x80 - 0x61) &* ones) & ~(lowered &+ (0x80 - 0x7B) &* ones)
        let digit = (seven &+ (0x80 - 0x30) &* ones) & ~(seven &+ (0x80 - 0x3A) &* ones)
        let word = (letter | digit) & ~w & (0x80 &* ones)
        return (~word & (0x80 &* ones)).trailingZeroBitCount &>> 3
    }

    /// The token hash of the word `base[s..<e]` of ASCII letters and digits and two-byte letters
    /// U+00C0-017F (leads C3-C5), folded as `fold(_:)` folds their scalars, so that it equals the
    /// per-scalar path's hash (the same bytes, hashed alike). Sixteen bytes at a time, with lane
    /// comparisons (SSE2), each byte's predecessor from a load one byte earlier: ASCII bytes
    /// gain bit 5; a byte after C3 gains 0x20 unless it is 9F (ß) (80-9E: À-Þ to à-þ; A0-BF
    /// have it already); a byte after C4 below B8, or after C5 from 8A to B7, gains bit 0. The
    /// bitmap admits no other lead into a word. nil when the word holds × or ÷ (C3 97, C3 B7):
    /// those separate words, the per-scalar rules split it.
    @inline(never)
    static func hashLatin(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> UInt64? {
        guard s > 0 else { return hashLatinSWAR(base, s, e) }
        typealias Bytes = SIMD16<UInt8>
        let lane = Bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        var state = fnvOffset
        var k = s
        while true {
            let remaining = e &- k
            let inWord = lane .< Bytes(repeating: UInt8(truncatingIfNeeded: min(remaining, 16)))
            let x = UnsafeRawPointer(base + k).loadUnaligned(as: Bytes.self)
            // Each byte's predecessor, from one load a byte earlier (the byte before the word
            // is ASCII: a separator or the newline before the line).
            let before = UnsafeRawPointer(base + (k &- 1)).loadUnaligned(as: Bytes.self)
            let afterC3 = before .== Bytes(repeating: 0xC3)
            let timesOrDivide = afterC3 .& ((x .== Bytes(repeating: 0x97)) .| (x .== Bytes(repeating: 0xB7))) .& inWord
            let found = unsafeBitCast(Bytes(repeating: 0).replacing(with: 1, where: timesOrDivide), to: (UInt64, UInt64).self)
            if found.0 | found.1 != 0 { return nil }
            let odd = (x .< Bytes(repeating: 0xB8))
                .& ((before .== Bytes(repeating: 0xC4)) .| ((before .== Bytes(repeating: 0xC5)) .& (x .>= Bytes(repeating: 0x8A))))
            let plusSpace = (x .< Bytes(repeating: 0x80)) .| (afterC3 .& (x .!= Bytes(repeating: 0x9F)))
            var folded = x | Bytes(repeating: 0).replacing(with: 0x20, where: plusSpace) | Bytes(repeating: 0).replacing(with: 1, where: odd)
            folded.replace(with: 0, where: .!inWord)
            let halves = unsafeBitCast(folded, to: (UInt64, UInt64).self)
            if remaining <= 8 { return TokenHasher.finish(state ^ halves.0, length: e &- s) }
            state = TokenHasher.mix(state, halves.0)
            if remaining <= 16 { return TokenHasher.finish(state ^ halves.1, length: e &- s) }
            state = TokenHasher.mix(state, halves.1)
            k &+= 16
        }
    }

    /// `hashLatin` eight bytes at a time in a 64-bit word (7-bit lanes, no carries; the lead is
    /// told from its low bits): for a word at the very start of the buffer (no byte before it
    /// to load), and the reference the tests hold `hashLatin` to.
    static func hashLatinSWAR(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high = 0x80 &* ones
        let low7 = 0x7F &* ones
        var state = fnvOffset
        var previous: UInt64 = 0  // the byte before the chunk, in byte 0
        var k = s
        while true {
            let remaining = e &- k
            let keep = remaining >= 8 ? UInt64.max : UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* remaining)
            let x = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) & keep
            let before = (x &<< 8) | previous
            let afterLead = before & (before &<< 1) & high  // the byte before is 11xxxxxx
            let leadBit2 = (before &<< 5) & high  // C4, C5 (C3 has it clear)
            let leadBit0 = (before &<< 7) & high  // C3, C5
            let afterC3 = afterLead & ~leadBit2
            let seven = x & low7
            // × and ÷: 97 or B7 after C3.
            let y = (x & (0xDF &* ones)) ^ (0x97 &* ones)
            let is97 = ~(((y & low7) &+ low7) | y) & high
            if afterC3 & is97 != 0 { return nil }
            let z = x ^ (0x9F &* ones)
            let is9F = ~(((z & low7) &+ low7) | z) & high
            let belowB8 = ~(seven &+ ((0x80 - 0x38) &* ones)) & high
            let from8A = (seven &+ ((0x80 - 0x0A) &* ones)) & high
            let odd = afterLead & leadBit2 & belowB8 & (~leadBit0 | from8A)
            let folded = ((x | ((~x & high) &>> 2)) & keep) | ((afterC3 & ~is9F) &>> 2) | (odd &>> 7)
            if remaining <= 8 { return TokenHasher.finish(state ^ folded, length: e &- s) }
            state = TokenHasher.mix(state, folded)
            previous = x &>> 56
            k &+= 8
        }
    }

    /// Eight bytes from `k` as a little-endian word, zero past the buffer's end `n`.
    @inline(__always)
    private static func load8(_ base: UnsafePointer<UInt8>, _ k: Int, _ n: Int) -> UInt64 {
        if k &+ 8 <= n { return UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) }
        var x: UInt64 = 0
        var j = 0
        while k &+ j < n {
            x |= UInt64(base[k &+ j]) &<< UInt64(8 &* j)
            j &+= 1
        }
        return x
    }

    /// The per-scalar rules alone, for the whole line: the reference the bitmap path is tested
    /// against.
    static func analyzeByScalars(
        _ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, tokens out: UnsafeMutablePointer<UInt64>, firstToken: Int
    ) -> LineShape {
        var scan = Scan(count: firstToken)
        var i = start
        while i < end {
            let b = p[i]
            if b < 0x80, b != 0x27, !isASCIIWord(b) {
                if b != 0x20, isListSeparator(UInt32(b), afterSpace: i == start || p[i - 1] == 0x20) { scan.separators += 1 }
                i += 1
            } else {
                i = scanRun(p, from: i, start: start, end: end, scan: &scan, out: out)
            }
        }
        return shape(scan, p, start: start, end: end, firstToken: firstToken)
    }

    /// The per-scalar rules, from `from` up to the next ASCII byte that is neither a letter, a
    /// digit nor an apostrophe (outside a word), or `end`; returns where it stopped.
    /// Words may contain an apostrophe ("don't", "l'homme") only when a word character
    /// follows it directly; Han and kana count per character; non-ASCII list separators count.
    @inline(never)
    private static func scanRun(
        _ p: UnsafeBufferPointer<UInt8>, from: Int, start: Int, end: Int, scan: inout Scan, out: UnsafeMutablePointer<UInt64>
    ) -> Int {
        // The table's base once per call: reading the global per scalar costs a lazy-initialisation check.
        twoByteInfo.withUnsafeBufferPointer { table in
            guard let info = table.baseAddress, let base = p.baseAddress else { return end }
            let n = p.count
            var i = from
            while i < end {
                let b = p[i]
                if b < 0x80 {
                    if !isASCIIWord(b) {
                        if b != 0x27 { return i }
                        i += 1  // an apostrophe outside a word separates
                        continue
                    }
                } else {
                    let (v, length) = decodeScalar(p, i)
                    switch classify(v, info) {
                    case .word:
                        break
                    case .cjk:
                        scan.cjk += 1
                        scan.fingerprint = (scan.fingerprint ^ UInt64(v)) &* fnvPrime
                        i += length
                        continue
                    case .separator:
                        if isListSeparator(v, afterSpace: i == start || p[i - 1] == 0x20) { scan.separators += 1 }
                        i += length
                        continue
                    case .apostrophe:
                        i += length
                        continue
                    }
                }
                // One word token, starting at `i`.
                var hasher = TokenHasher()
                var allDigits = true
                while i < end {
                    let c = p[i]
                    if c < 0x80 {
                        if isASCIIWord(c) {
                            // Up to eight ASCII letters and digits at once.
                            let w = load8(base, i, n)
                            let run = min(asciiWordPrefix(w), end &- i)
                            let folded = (w | 0x2020_2020_2020_2020) & (UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* run))
                            hasher.append(folded, count: run)
                            if folded & 0x4040_4040_4040_4040 != 0 { allDigits = false }  // a letter
                            i &+= run
                        } else if c == 0x27, wordFollows(p, i + 1, end, info) {
                            hasher.append(0x27, count: 1)
                            i += 1
                        } else {
                            break
                        }
                    } else {
                        let (u, n) = decodeScalar(p, i)
                        // Two-byte scalars: kind and fold from one table entry.
                        let entry = u < 0x800 ? info[Int(u)] : 0
                        let kind = u < 0x800 ? Self.kind(entry >> 24) : classifyByRanges(u)
                        if kind == .word {
                            hasher.appendScalar(u < 0x800 ? entry & 0xFF_FFFF : fold(u))
                            allDigits = false
                            i += n
                        } else if kind == .apostrophe, wordFollows(p, i + n, end, info) {
                            hasher.append(0x27, count: 1)
                            i += n
                        } else {
                            break
                        }
                    }
                }
                scan.token(hasher.finish(), digitsOnly: allDigits, into: out)
            }
            return i
        }
    }

    /// The line's last two scalars (0 when missing), found by stepping back over UTF-8
    /// continuation bytes. Lines never end in a space after normalisation.
    private static func lastTwoScalars(_ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int) -> (UInt32, UInt32) {
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
