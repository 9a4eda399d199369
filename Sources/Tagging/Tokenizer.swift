/// A token of the input with its UTF-8 byte range. Carries no Strings: the sub-taggers compare
/// vocabulary ids and byte hashes, and only the few tokens that end up in the result are decoded.
struct Token: Sendable {
    enum Kind: Sendable { case word, number, punct }
    var start: Int
    var end: Int
    /// Byte range of the lower-cased form in `TokenizedText.lower`.
    var lowerStart: Int
    var lowerEnd: Int
    var kind: Kind
    /// Vocabulary id of the lower-cased form (-1: not in the vocabulary).
    var id: Int32
    /// Vocabulary id of the form as written (-1: not in the vocabulary).
    var exactID: Int32
    /// FNV-1a of the bytes as written / lower-cased; stands in for the String in per-document sets.
    var exactHash: UInt64
    var lowerHash: UInt64
    /// Unicode scalars (≈ characters for the precomposed text news uses).
    var length: Int
    var isCapitalized: Bool
    var isAllCaps: Bool
    /// First token of a sentence, a paragraph, a quotation or a parenthesis: capitals there say little.
    var sentenceStart: Bool
    var newlineBefore: Bool
    var spaceBefore: Bool
    var hasHyphen: Bool
    var hasDot: Bool
}

/// The text's bytes, their lower-cased copy and the tokens over both.
struct TokenizedText: Sendable {
    var bytes: [UInt8]
    var lower: [UInt8]
    var tokens: [Token]

    var count: Int { tokens.count }

    func text(_ i: Int) -> String { String(decoding: bytes[tokens[i].start..<tokens[i].end], as: UTF8.self) }
    func lowerText(_ i: Int) -> String {
        String(decoding: lower[tokens[i].lowerStart..<tokens[i].lowerEnd], as: UTF8.self)
    }

    /// The original text of tokens a..<b, with single spaces where the text had whitespace.
    func join(_ a: Int, _ b: Int) -> String {
        var out: [UInt8] = []
        for k in a..<b {
            if k > a && (tokens[k].spaceBefore || tokens[k].newlineBefore) { out.append(0x20) }
            out.append(contentsOf: bytes[tokens[k].start..<tokens[k].end])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Lower-cased tokens a..<b joined with single spaces.
    func joinLower(_ a: Int, _ b: Int) -> String {
        var out: [UInt8] = []
        for k in a..<b {
            if k > a { out.append(0x20) }
            out.append(contentsOf: lower[tokens[k].lowerStart..<tokens[k].lowerEnd])
        }
        return String(decoding: out, as: UTF8.self)
    }

    func lowerHasSuffix(_ i: Int, _ suffix: [UInt8]) -> Bool {
        let t = tokens[i]
        guard t.lowerEnd - t.lowerStart >= suffix.count else { return false }
        var k = t.lowerEnd - suffix.count
        for c in suffix {
            if lower[k] != c { return false }
            k += 1
        }
        return true
    }

    /// Whether the token is exactly `literal` (compared by hash; callers pass precomputed hashes).
    @inline(__always)
    func isText(_ i: Int, _ literalHash: UInt64) -> Bool { tokens[i].exactHash == literalHash }

    /// Digits-only number tokens as an Int (nil for "300.000" or over nine digits).
    func intValue(_ i: Int) -> Int? {
        let t = tokens[i]
        guard t.end > t.start, t.end - t.start <= 9 else { return nil }
        var v = 0
        for k in t.start..<t.end {
            let c = bytes[k]
            guard c >= 0x30 && c <= 0x39 else { return nil }
            v = v * 10 + Int(c - 0x30)
        }
        return v
    }

    /// Whether a part after a hyphen starts with an upper-case letter ("dossier-Floralux").
    func hasCapitalAfterHyphen(_ i: Int) -> Bool {
        let t = tokens[i]
        return bytes.withUnsafeBufferPointer { b in
            var k = t.start
            while k < t.end - 1 {
                if b[k] == 0x2D {
                    let (v, len) = CaseFolding.decode(b, k + 1, t.end)
                    if !(len == 1 && v >= 0x80), CaseFolding.fold(v).isUpper { return true }
                }
                k += 1
            }
            return false
        }
    }

    /// "CVP-dossier": the part after the last hyphen starts with a lower-case letter.
    func lastHyphenPartIsLower(_ i: Int) -> Bool {
        let t = tokens[i]
        return bytes.withUnsafeBufferPointer { b in
            var k = t.end - 1
            while k > t.start, b[k] != 0x2D { k -= 1 }
            guard b[k] == 0x2D, k + 1 < t.end else { return false }
            let (v, len) = CaseFolding.decode(b, k + 1, t.end)
            return !(len == 1 && v >= 0x80) && CaseFolding.fold(v).isLower
        }
    }

    /// Hash of the first `n` scalars of the token as written.
    func prefixHash(_ i: Int, scalars n: Int) -> UInt64 {
        let t = tokens[i]
        var h = FNV.offset
        var seen = 0
        var k = t.start
        while k < t.end {
            if bytes[k] & 0xC0 != 0x80 {
                if seen == n { break }
                seen += 1
            }
            h = FNV.step(h, bytes[k])
            k += 1
        }
        return h
    }
}

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

    static let openers: [UInt64] = [",,", "“", "„", "\"", "«", "‘", "‚", "'", "(", "[", "-", "–", "—", ":", "‹"].map(FNV.hash)
    static let enders: [UInt64] = [".", "!", "?", ";", "…"].map(FNV.hash)

    static func tokenize(_ text: String, vocabulary: ByteVocabulary? = nil) -> TokenizedText {
        let bytes = Array(text.utf8)
        var lower: [UInt8] = []
        lower.reserveCapacity(bytes.count)
        let tokens = bytes.withUnsafeBufferPointer { b in
            tokenize(bytes: b, lower: &lower, vocabulary: vocabulary)
        }
        return TokenizedText(bytes: bytes, lower: lower, tokens: tokens)
    }

    static func tokenize(bytes b: UnsafeBufferPointer<UInt8>, lower: inout [UInt8], vocabulary: ByteVocabulary?) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(b.count / 5)
        var i = 0
        var newline = true
        var space = true
        var prevEnder = true
        while i < b.count {
            let sl = spaceLength(b, i)
            if sl > 0 {
                if b[i] == 0x0A { newline = true }
                space = true
                i += sl
                continue
            }
            let start = i
            var kind: Token.Kind
            let pl = punctLength(b, i)
            if pl > 0 {
                i += pl
                kind = .punct
            } else if isWordByte(b[i]) {
                kind = isDigit(b[i]) ? .number : .word
                i += 1
                while i < b.count {
                    let c = b[i]
                    if punctLength(b, i) > 0 {
                        // Apostrophe ’ between letters stays in the word ("video’s").
                        if c == 0xE2, b[i + 2] == 0x99, i + 3 < b.count, isWordByte(b[i + 3]), kind == .word {
                            i += 3
                            continue
                        }
                        break
                    }
                    if isWordByte(c) {
                        if kind == .number && !isDigit(c) && c < 0x80 {
                            // "16e", "3D": digits followed by letters form one word token.
                            kind = .word
                        }
                        i += 1
                        continue
                    }
                    if i + 1 < b.count {
                        let n = b[i + 1]
                        if (c == 0x2E || c == 0x2C), kind == .number, isDigit(n), isDigit(b[i - 1]) {
                            i += 1
                            continue
                        }
                        if (c == 0x2D || c == 0x27 || c == 0x26), isWordByte(n), isWordByte(b[i - 1]) {
                            i += 1
                            continue
                        }
                    }
                    break
                }
            } else {
                // ASCII punctuation; ",," (Dutch opening quote) is one token.
                if b[i] == 0x2C, i + 1 < b.count, b[i + 1] == 0x2C {
                    i += 2
                } else {
                    i += 1
                }
                kind = .punct
            }
            // One pass over the token: hashes of both forms, the lower-cased copy, case shape.
            let lowerStart = lower.count
            var eh = FNV.offset, lh = FNV.offset
            var hasUpper = false, hasLower = false, firstUpper = false
            var hasHyphen = false, hasDot = false
            var scalars = 0
            var k = start
            while k < i {
                let c = b[k]
                if c < 0x80 {
                    eh = FNV.step(eh, c)
                    var l = c
                    if c >= 0x41 && c <= 0x5A {
                        l = c | 0x20
                        hasUpper = true
                        if k == start { firstUpper = true }
                    } else if c >= 0x61 && c <= 0x7A {
                        hasLower = true
                    } else if c == 0x2D {
                        hasHyphen = true
                    } else if c == 0x2E {
                        hasDot = true
                    }
                    lower.append(l)
                    lh = FNV.step(lh, l)
                    scalars += 1
                    k += 1
                    continue
                }
                let (v, len) = CaseFolding.decode(b, k, i)
                for q in k..<(k + len) { eh = FNV.step(eh, b[q]) }
                let from = lower.count
                if len == 1 {
                    lower.append(c)
                } else {
                    let f = CaseFolding.fold(v)
                    if f.isUpper {
                        hasUpper = true
                        if k == start { firstUpper = true }
                    }
                    if f.isLower { hasLower = true }
                    if let m = f.multi { lower.append(contentsOf: m.utf8) } else { CaseFolding.appendUTF8(f.lower, to: &lower) }
                }
                for q in from..<lower.count { lh = FNV.step(lh, lower[q]) }
                scalars += 1
                k += len
            }
            var capitalized = false, allCaps = false
            if kind == .word {
                capitalized = firstUpper
                allCaps = capitalized && scalars >= 2 && !hasLower
            }
            var id: Int32 = -1, exactID: Int32 = -1
            if let v = vocabulary {
                id = lower.withUnsafeBufferPointer { v.find(hash: lh, UnsafeBufferPointer(rebasing: $0[lowerStart..<lower.count])) } ?? -1
                exactID = hasUpper ? (v.find(hash: eh, UnsafeBufferPointer(rebasing: b[start..<i])) ?? -1) : id
            }
            let sentenceStart = tokens.isEmpty || newline || prevEnder
            prevEnder = kind == .punct && (enders.contains(eh) || openers.contains(eh))
            tokens.append(Token(start: start, end: i, lowerStart: lowerStart, lowerEnd: lower.count, kind: kind,
                                id: id, exactID: exactID, exactHash: eh, lowerHash: lh, length: scalars,
                                isCapitalized: capitalized, isAllCaps: allCaps, sentenceStart: sentenceStart,
                                newlineBefore: newline, spaceBefore: space, hasHyphen: hasHyphen, hasDot: hasDot))
            newline = false
            space = false
        }
        return tokens
    }
}
