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

    private enum Kind { case word, apostrophe, cjk, separator }

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

    /// Scans `p[start..<end]`, appending one hash per word token to `tokens`.
    static func analyze(_ p: UnsafeBufferPointer<UInt8>, start: Int, end: Int, tokens: inout [UInt64]) -> LineShape {
        var shape = LineShape()
        shape.tokenStart = tokens.count
        var fingerprint = fnvOffset
        var token = fnvOffset
        var inToken = false
        var tokenAllDigits = true
        var pendingApostrophe = false
        var last: UInt32 = 0
        var beforeLast: UInt32 = 0
        var previousWasSpace = true
        var i = start

        @inline(__always)
        func closeToken() {
            guard inToken else { return }
            let h = finish(token)
            tokens.append(h)
            fingerprint = (fingerprint ^ (tokenAllDigits ? digitToken : h)) &* fnvPrime
            shape.words += 1
            inToken = false
        }

        while i < end {
            let v: UInt32
            let length: Int
            let b = p[i]
            if b < 0x80 {
                v = UInt32(b)
                length = 1
            } else {
                (v, length) = decodeScalar(p, i)
            }
            i += length
            if v == 0x20 {
                closeToken()
                pendingApostrophe = false
                previousWasSpace = true
                continue
            }
            beforeLast = last
            last = v
            switch classify(v) {
            case .word:
                if pendingApostrophe {
                    token = (token ^ 0x27) &* fnvPrime
                    pendingApostrophe = false
                } else if !inToken {
                    token = fnvOffset
                    tokenAllDigits = true
                    inToken = true
                }
                token = (token ^ UInt64(fold(v))) &* fnvPrime
                if v < 0x30 || v > 0x39 { tokenAllDigits = false }
            case .apostrophe:
                if inToken, !pendingApostrophe {
                    pendingApostrophe = true
                } else {
                    closeToken()
                    pendingApostrophe = false
                }
            case .cjk:
                closeToken()
                pendingApostrophe = false
                shape.cjk += 1
                fingerprint = (fingerprint ^ UInt64(v)) &* fnvPrime
            case .separator:
                closeToken()
                pendingApostrophe = false
                if isListSeparator(v, afterSpace: previousWasSpace) { shape.separators += 1 }
            }
            previousWasSpace = false
        }
        closeToken()
        shape.tokenEnd = tokens.count
        let final = isClosing(last) ? beforeLast : last
        // "…" and "..." mark a truncated teaser rather than the end of a sentence.
        shape.endsSentence = isSentenceEnd(final) && !(final == 0x2E && beforeLast == 0x2E && last == 0x2E)
        shape.fingerprint = finish(fingerprint)
        return shape
    }

    /// Token hashes of a short string (pattern data, stopwords).
    static func tokens(of text: String) -> [UInt64] {
        var copy = text
        var out: [UInt64] = []
        copy.withUTF8 { p in
            _ = analyze(p, start: 0, end: p.count, tokens: &out)
        }
        return out
    }
}
