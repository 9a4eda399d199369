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

    @inline(__always)
    private static func classify(_ v: UInt32) -> Kind {
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

    /// Mixes one full 8-byte chunk of a token into its running hash.
    @inline(__always)
    private static func mix(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
        let m = (h ^ chunk) &* 0x9e37_79b9_7f4a_7c15
        return (m << 29) | (m >> 35)
    }

    /// Upper bound of the tokens in `length` bytes: tokens are at least one byte long and are
    /// separated by at least one byte.
    static func maxTokens(bytes length: Int) -> Int { length / 2 + 1 }

    /// Whether the scalar at `i` (if any, before `end`) continues a word: an apostrophe joins
    /// two words ("don't", "l'homme") only when a word character follows it directly.
    @inline(__always)
    private static func wordFollows(_ p: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> Bool {
        guard i < end else { return false }
        let b = p[i]
        if b < 0x80 { return isASCIIWord(b) }
        let (v, _) = decodeScalar(p, i)
        return classify(v) == .word
    }

    /// Scans `p[start..<end]`, writing one hash per word token at `out[firstToken...]`; the
    /// caller provides room for `maxTokens(bytes: end - start)` of them.
    ///
    /// Words are consumed by an inner loop that packs folded characters into a 64-bit chunk
    /// (ASCII one byte, others three bytes with the top bit set) and mixes once per full chunk:
    /// a shift per character and a multiply per eight bytes. The sentence-end test looks back
    /// from the line's end instead of tracking every character.
    static func analyze(
        _ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, tokens out: UnsafeMutablePointer<UInt64>, firstToken: Int
    ) -> LineShape {
        var shape = LineShape()
        shape.tokenStart = firstToken
        var count = firstToken
        var fingerprint = fnvOffset
        var words = 0
        var i = start
        while i < end {
            let b = p[i]
            var startsWord = false
            var v = UInt32(b)
            var length = 1
            if b < 0x80 {
                startsWord = isASCIIWord(b)
            } else {
                (v, length) = decodeScalar(p, i)
                switch classify(v) {
                case .word: startsWord = true
                case .cjk:
                    shape.cjk += 1
                    fingerprint = (fingerprint ^ UInt64(v)) &* fnvPrime
                case .separator:
                    if isListSeparator(v, afterSpace: i == start || p[i - 1] == 0x20) { shape.separators += 1 }
                case .apostrophe:
                    break
                }
            }
            if !startsWord {
                if b < 0x80, b != 0x20, b != 0x27, isListSeparator(v, afterSpace: i == start || p[i - 1] == 0x20) {
                    shape.separators += 1
                }
                i += length
                continue
            }
            // One word token.
            var hash = fnvOffset
            var chunk: UInt64 = 0
            var chunkBytes = 0
            var tokenLength = 0
            var allDigits = true
            while i < end {
                let c = p[i]
                var value: UInt64
                var width: Int
                if c < 0x80 {
                    if isASCIIWord(c) {
                        value = UInt64(c | 0x20)
                        width = 1
                        allDigits = allDigits && c <= 0x39
                        i += 1
                    } else if c == 0x27, wordFollows(p, i + 1, end) {
                        value = 0x27
                        width = 1
                        i += 1
                    } else {
                        break
                    }
                } else {
                    let (u, n) = decodeScalar(p, i)
                    let kind = classify(u)
                    if kind == .word {
                        let folded = fold(u)
                        if folded < 0x80 {
                            value = UInt64(folded)
                            width = 1
                        } else {
                            value = UInt64(folded) | 0x80_0000
                            width = 3
                        }
                        allDigits = false
                        i += n
                    } else if kind == .apostrophe, wordFollows(p, i + n, end) {
                        value = 0x27
                        width = 1
                        i += n
                    } else {
                        break
                    }
                }
                if chunkBytes + width > 8 {
                    hash = mix(hash, chunk)
                    chunk = 0
                    chunkBytes = 0
                }
                chunk = (chunk << UInt64(8 * width)) | value
                chunkBytes += width
                tokenLength += width
            }
            let h = finish(mix(hash, chunk) &+ UInt64(tokenLength))
            out[count] = h
            count += 1
            fingerprint = (fingerprint ^ (allDigits ? digitToken : h)) &* fnvPrime
            words += 1
        }
        shape.words = words
        shape.tokenEnd = count
        let (last, beforeLast) = lastTwoScalars(p, start: start, end: end)
        let final = isClosing(last) ? beforeLast : last
        // "…" and "..." mark a truncated teaser rather than the end of a sentence.
        shape.endsSentence = isSentenceEnd(final) && !(final == 0x2E && beforeLast == 0x2E && last == 0x2E)
        shape.endsWithColon = last == 0x3A || last == 0xFF1A
        shape.fingerprint = finish(fingerprint)
        return shape
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
