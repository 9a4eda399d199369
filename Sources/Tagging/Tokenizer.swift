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
        if b - a == 1 { return text(a) }
        var size = 0
        for k in a..<b {
            if k > a && (tokens[k].spaceBefore || tokens[k].newlineBefore) { size += 1 }
            size += tokens[k].end - tokens[k].start
        }
        return bytes.withUnsafeBufferPointer { src in
            String(unsafeUninitializedCapacity: size) { out in
                var o = 0
                for k in a..<b {
                    if k > a && (tokens[k].spaceBefore || tokens[k].newlineBefore) {
                        out[o] = 0x20
                        o += 1
                    }
                    for q in tokens[k].start..<tokens[k].end {
                        out[o] = src[q]
                        o += 1
                    }
                }
                return o
            }
        }
    }

    /// FNV-1a of the bytes `join(a, b)` returns, without building the string.
    func joinHash(_ a: Int, _ b: Int) -> UInt64 {
        if b - a == 1 { return tokens[a].exactHash }
        var h = FNV.offset
        for k in a..<b {
            if k > a && (tokens[k].spaceBefore || tokens[k].newlineBefore) { h = FNV.step(h, 0x20) }
            for q in tokens[k].start..<tokens[k].end { h = FNV.step(h, bytes[q]) }
        }
        return h
    }

    /// Unicode scalars of `join(a, b)`.
    func joinLength(_ a: Int, _ b: Int) -> Int {
        var n = 0
        for k in a..<b {
            if k > a && (tokens[k].spaceBefore || tokens[k].newlineBefore) { n += 1 }
            n += tokens[k].length
        }
        return n
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

    /// Hash of the first `n` scalars of the lower-cased token.
    func lowerPrefixHash(_ i: Int, scalars n: Int) -> UInt64 {
        let t = tokens[i]
        var h = FNV.offset
        var seen = 0
        var k = t.lowerStart
        while k < t.lowerEnd {
            if lower[k] & 0xC0 != 0x80 {
                if seen == n { break }
                seen += 1
            }
            h = FNV.step(h, lower[k])
            k += 1
        }
        return h
    }

    /// Whether the lower-cased token ends with one of `suffixes` (or is one).
    func lowerHasAnySuffix(_ i: Int, _ suffixes: [[UInt8]]) -> Bool {
        for s in suffixes where lowerHasSuffix(i, s) { return true }
        return false
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

    /// Byte classes for the ASCII range: what the scanning and folding loops need in one load.
    static let byteClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in 0..<256 {
            var f: UInt8 = 0
            if c >= 0x30 && c <= 0x39 { f |= ByteClass.word | ByteClass.digit }
            if c >= 0x41 && c <= 0x5A { f |= ByteClass.word | ByteClass.upper }
            if c >= 0x61 && c <= 0x7A { f |= ByteClass.word | ByteClass.lower }
            if c >= 0x80 { f |= ByteClass.word }
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) { f |= ByteClass.space }
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
    }

    /// One pass over the bytes: token boundaries, then per token its lower-cased copy, both hashes,
    /// case shape and vocabulary ids. ASCII bytes go through the class table; only non-ASCII
    /// scalars are decoded and folded.
    static func tokenize(bytes b: UnsafeBufferPointer<UInt8>, lower: inout [UInt8], vocabulary: ByteVocabulary?) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(b.count / 4 + 8)
        let n = b.count
        // Lower-casing changes a scalar's length by at most 1 byte per 2 (U+0130 -> "i̇").
        let capacity = n * 2 + 8
        lower = [UInt8](unsafeUninitializedCapacity: capacity) { lb, initialized in
            Self.byteClass.withUnsafeBufferPointer { cls in
                var out = 0
                var i = 0
                var newline = true
                var space = true
                var prevEnder = true
                while i < n {
                    let c0 = b[i]
                    if c0 < 0x80 {
                        if cls[Int(c0)] & ByteClass.space != 0 {
                            if c0 == 0x0A { newline = true }
                            space = true
                            i += 1
                            continue
                        }
                    } else {
                        let sl = spaceLength(b, i)
                        if sl > 0 {
                            space = true
                            i += sl
                            continue
                        }
                    }
                    let start = i
                    var kind: Token.Kind
                    let pl = c0 < 0x80 ? 0 : punctLength(b, i)
                    if pl > 0 {
                        i += pl
                        kind = .punct
                    } else if c0 >= 0x80 || cls[Int(c0)] & ByteClass.word != 0 {
                        kind = cls[Int(c0)] & ByteClass.digit != 0 ? .number : .word
                        i += 1
                        while i < n {
                            let c = b[i]
                            if c >= 0x80 {
                                if punctLength(b, i) > 0 {
                                    // Apostrophe ’ between letters stays in the word ("video’s").
                                    if c == 0xE2, b[i + 2] == 0x99, i + 3 < n, isWordByte(b[i + 3]), kind == .word {
                                        i += 3
                                        continue
                                    }
                                    break
                                }
                                i += 1
                                continue
                            }
                            let cc = cls[Int(c)]
                            if cc & ByteClass.word != 0 {
                                // "16e", "3D": digits followed by letters form one word token.
                                if cc & ByteClass.digit == 0 { kind = .word }
                                i += 1
                                continue
                            }
                            if i + 1 < n {
                                let nx = b[i + 1]
                                if (c == 0x2E || c == 0x2C), kind == .number, isDigit(nx), isDigit(b[i - 1]) {
                                    i += 1
                                    continue
                                }
                                if (c == 0x2D || c == 0x27 || c == 0x26), isWordByte(nx), isWordByte(b[i - 1]) {
                                    i += 1
                                    continue
                                }
                            }
                            break
                        }
                    } else {
                        // ASCII punctuation; ",," (Dutch opening quote) is one token.
                        if c0 == 0x2C, i + 1 < n, b[i + 1] == 0x2C {
                            i += 2
                        } else {
                            i += 1
                        }
                        kind = .punct
                    }
                    let lowerStart = out
                    var eh = FNV.offset, lh = FNV.offset
                    var hasUpper = false, hasLower = false
                    var firstUpper = false
                    var hasHyphen = false, hasDot = false
                    var scalars = 0
                    var k = start
                    while k < i {
                        let c = b[k]
                        if c < 0x80 {
                            let cc = cls[Int(c)]
                            eh = FNV.step(eh, c)
                            var l = c
                            if cc & ByteClass.upper != 0 {
                                l = c | 0x20
                                hasUpper = true
                                if k == start { firstUpper = true }
                            } else if cc & ByteClass.lower != 0 {
                                hasLower = true
                            } else if c == 0x2D {
                                hasHyphen = true
                            } else if c == 0x2E {
                                hasDot = true
                            }
                            lb[out] = l
                            out += 1
                            lh = FNV.step(lh, l)
                            scalars += 1
                            k += 1
                            continue
                        }
                        let (v, len) = CaseFolding.decode(b, k, i)
                        for q in k..<(k + len) { eh = FNV.step(eh, b[q]) }
                        let from = out
                        if len == 1 {
                            lb[out] = c
                            out += 1
                        } else {
                            let f = CaseFolding.fold(v)
                            if f.isUpper {
                                hasUpper = true
                                if k == start { firstUpper = true }
                            }
                            if f.isLower { hasLower = true }
                            if let m = f.multi {
                                for byte in m.utf8 where out < capacity {
                                    lb[out] = byte
                                    out += 1
                                }
                            } else {
                                out = CaseFolding.writeUTF8(f.lower, to: lb, at: out)
                            }
                        }
                        for q in from..<out { lh = FNV.step(lh, lb[q]) }
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
                        id = v.find(hash: lh) ?? -1
                        exactID = hasUpper ? (v.find(hash: eh) ?? -1) : id
                    }
                    let sentenceStart = tokens.isEmpty || newline || prevEnder
                    prevEnder = kind == .punct && (enders.contains(eh) || openers.contains(eh))
                    tokens.append(Token(start: start, end: i, lowerStart: lowerStart, lowerEnd: out, kind: kind,
                                        id: id, exactID: exactID, exactHash: eh, lowerHash: lh, length: scalars,
                                        isCapitalized: capitalized, isAllCaps: allCaps, sentenceStart: sentenceStart,
                                        newlineBefore: newline, spaceBefore: space, hasHyphen: hasHyphen, hasDot: hasDot))
                    newline = false
                    space = false
                }
                initialized = out
            }
        }
        return tokens
    }
}
