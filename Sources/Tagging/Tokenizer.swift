/// A token of the input with its UTF-8 byte range. Carries no Strings: the sub-taggers compare
/// vocabulary ids and byte hashes, and only the few tokens that end up in the result are decoded.
/// Stored in 48 bytes (offsets as UInt32, booleans as bits): the token array is walked by every
/// sub-tagger, so its size is memory traffic on every pass. Texts are cut to `Tokenizer.maxBytes`.
struct Token: Sendable {
    enum Kind: UInt8, Sendable { case word, number, punct }
    /// Byte hash (`ByteHash`) of the bytes as written / lower-cased; stands in for the String in per-document sets.
    var exactHash: UInt64
    var lowerHash: UInt64
    private var start32: UInt32
    private var end32: UInt32
    private var lowerStart32: UInt32
    private var lowerEnd32: UInt32
    /// Vocabulary id of the lower-cased form (-1: not in the vocabulary).
    var id: Int32
    /// Vocabulary id of the form as written (-1: not in the vocabulary).
    var exactID: Int32
    private var length32: UInt32
    var kind: Kind
    private var bits: UInt8

    enum Bit {
        static let capitalized: UInt8 = 1
        static let allCaps: UInt8 = 2
        static let sentenceStart: UInt8 = 4
        static let newlineBefore: UInt8 = 8
        static let spaceBefore: UInt8 = 16
        static let hyphen: UInt8 = 32
        static let dot: UInt8 = 64
    }

    init(start: Int, end: Int, lowerStart: Int, lowerEnd: Int, kind: Kind, id: Int32, exactID: Int32,
         exactHash: UInt64, lowerHash: UInt64, length: Int, isCapitalized: Bool, isAllCaps: Bool,
         sentenceStart: Bool, newlineBefore: Bool, spaceBefore: Bool, hasHyphen: Bool, hasDot: Bool) {
        var b: UInt8 = 0
        if isCapitalized { b |= Bit.capitalized }
        if isAllCaps { b |= Bit.allCaps }
        if sentenceStart { b |= Bit.sentenceStart }
        if newlineBefore { b |= Bit.newlineBefore }
        if spaceBefore { b |= Bit.spaceBefore }
        if hasHyphen { b |= Bit.hyphen }
        if hasDot { b |= Bit.dot }
        self.init(start: start, end: end, lowerStart: lowerStart, lowerEnd: lowerEnd, kind: kind, id: id, exactID: exactID,
                  exactHash: exactHash, lowerHash: lowerHash, length: length, bits: b)
    }

    @inline(__always)
    init(start: Int, end: Int, lowerStart: Int, lowerEnd: Int, kind: Kind, id: Int32, exactID: Int32,
         exactHash: UInt64, lowerHash: UInt64, length: Int, bits: UInt8) {
        self.exactHash = exactHash
        self.lowerHash = lowerHash
        start32 = UInt32(truncatingIfNeeded: start)
        end32 = UInt32(truncatingIfNeeded: end)
        lowerStart32 = UInt32(truncatingIfNeeded: lowerStart)
        lowerEnd32 = UInt32(truncatingIfNeeded: lowerEnd)
        self.id = id
        self.exactID = exactID
        length32 = UInt32(truncatingIfNeeded: length)
        self.kind = kind
        self.bits = bits
    }

    var start: Int { @inline(__always) get { Int(start32) } }
    var end: Int { @inline(__always) get { Int(end32) } }
    /// Byte range of the lower-cased form in `TokenizedText.lower`.
    var lowerStart: Int { @inline(__always) get { Int(lowerStart32) } }
    var lowerEnd: Int { @inline(__always) get { Int(lowerEnd32) } }
    /// Unicode scalars (≈ characters for the precomposed text news uses).
    var length: Int { @inline(__always) get { Int(length32) } }
    var isCapitalized: Bool { @inline(__always) get { bits & Bit.capitalized != 0 } }
    var isAllCaps: Bool { @inline(__always) get { bits & Bit.allCaps != 0 } }
    /// First token of a sentence, a paragraph, a quotation or a parenthesis: capitals there say little.
    var sentenceStart: Bool { @inline(__always) get { bits & Bit.sentenceStart != 0 } }
    var newlineBefore: Bool { @inline(__always) get { bits & Bit.newlineBefore != 0 } }
    var spaceBefore: Bool { @inline(__always) get { bits & Bit.spaceBefore != 0 } }
    var hasHyphen: Bool { @inline(__always) get { bits & Bit.hyphen != 0 } }
    var hasDot: Bool { @inline(__always) get { bits & Bit.dot != 0 } }
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
        return bytes.withUnsafeBufferPointer { src in
            // Usually the text between the tokens already is single spaces: then the result is that slice.
            if isPlainRun(a, b) {
                return String(decoding: UnsafeBufferPointer(rebasing: src[tokens[a].start..<tokens[b - 1].end]), as: UTF8.self)
            }
            return String(unsafeUninitializedCapacity: joinedSize(a, b)) { writeJoined(a, b, from: src, into: $0) }
        }
    }

    /// `ByteHash` of the bytes `join(a, b)` returns, without building the string: the text's own
    /// bytes when `join` would return that slice, else the joined bytes in a temporary buffer.
    func joinHash(_ a: Int, _ b: Int) -> UInt64 {
        if b - a == 1 { return tokens[a].exactHash }
        return bytes.withUnsafeBufferPointer { src in
            guard let base = src.baseAddress else { return ByteHash.hash(UnsafeBufferPointer(start: nil, count: 0)) }
            if isPlainRun(a, b) { return ByteHash.hash(base, tokens[a].start, tokens[b - 1].end, readable: src.count) }
            return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: joinedSize(a, b)) { out in
                ByteHash.hash(UnsafeBufferPointer(rebasing: out[0..<writeJoined(a, b, from: src, into: out)]))
            }
        }
    }

    /// True when only single spaces (or nothing) separate tokens a..<b in the text.
    private func isPlainRun(_ a: Int, _ b: Int) -> Bool {
        for k in (a + 1)..<b {
            let gap = tokens[k].start - tokens[k - 1].end
            if gap == 0 || (gap == 1 && bytes[tokens[k - 1].end] == 0x20) { continue }
            return false
        }
        return true
    }

    /// Bytes of tokens a..<b joined by single spaces where the text had whitespace.
    private func joinedSize(_ a: Int, _ b: Int) -> Int {
        var size = 0
        for k in a..<b {
            if k > a && (tokens[k].spaceBefore || tokens[k].newlineBefore) { size += 1 }
            size += tokens[k].end - tokens[k].start
        }
        return size
    }

    /// Writes that join into `out` (at least `joinedSize(a, b)` bytes); returns the count written.
    private func writeJoined(_ a: Int, _ b: Int, from src: UnsafeBufferPointer<UInt8>, into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
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
        return Self.prefixHash(lower, t.lowerStart, t.lowerEnd, scalars: n)
    }

    /// `ByteHash` of the first `n` scalars of `bytes[start..<end]`.
    static func prefixHash(_ bytes: [UInt8], _ start: Int, _ end: Int, scalars n: Int) -> UInt64 {
        var seen = 0
        var k = start
        while k < end {
            if bytes[k] & 0xC0 != 0x80 {
                if seen == n { break }
                seen += 1
            }
            k += 1
        }
        return bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return ByteHash.hash(UnsafeBufferPointer(start: nil, count: 0)) }
            return ByteHash.hash(base, start, k, readable: b.count)
        }
    }

    /// Whether the lower-cased token ends with one of `suffixes` (or is one).
    func lowerHasAnySuffix(_ i: Int, _ suffixes: [[UInt8]]) -> Bool {
        for s in suffixes where lowerHasSuffix(i, s) { return true }
        return false
    }

    /// Hash of the first `n` scalars of the token as written.
    func prefixHash(_ i: Int, scalars n: Int) -> UInt64 {
        let t = tokens[i]
        return Self.prefixHash(bytes, t.start, t.end, scalars: n)
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

    struct Folded {
        var exactHash: UInt64
        var lowerHash: UInt64
        var scalars: Int
        /// `ByteClass.upper` / `.lower` when any scalar is upper / lower case.
        var classes: UInt8
        /// `Token.Bit.capitalized` when the first scalar is upper case.
        var bits: UInt8
    }

    /// Lower-cases and hashes the word `b[start..<end]` scalar by scalar (the path for words with
    /// non-ASCII bytes), writing the lower-cased bytes at `out`.
    static func foldToken(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                          _ lb: UnsafeMutableBufferPointer<UInt8>, _ out: inout Int, _ capacity: Int) -> Folded {
        let lowerStart = out
        var classes: UInt8 = 0, bits: UInt8 = 0
        var scalars = 0
        var k = start
        let tables = ByteTableStorage.shared
        let cls = tables.byteClass, lowerTable = tables.lower
        while k < end {
            let c = b[k]
            if c < 0x80 {
                // ASCII inside a word with accents: classified from the tables, without branches (the
                // case of each letter is unpredictable).
                let cc = cls[Int(c)]
                classes |= cc & (ByteClass.upper | ByteClass.lower)
                bits |= ((cc & ByteClass.upper) >> 2) & Candidates.bit(k == start) &* Token.Bit.capitalized
                lb[out] = lowerTable[Int(c)]
                out += 1
                scalars += 1
                k += 1
                continue
            }
            if c == 0xC3, k + 1 < end {
                // Latin-1 letters (U+00C0...U+00FF), the accents of most supported languages: what
                // `decode`, `CaseFolding.fold` and `writeUTF8` give, without the call. Upper case
                // is U+00C0...U+00DE but for U+00D7 (×); lower case U+00DF...U+00FF but for U+00F7 (÷).
                let v = 0xC0 | (b[k + 1] & 0x3F)
                let upper = Candidates.bit(v <= 0xDE) & Candidates.bit(v != 0xD7)
                let lower = Candidates.bit(v >= 0xDF) & Candidates.bit(v != 0xF7)
                classes |= upper &* ByteClass.upper | lower &* ByteClass.lower
                bits |= upper & Candidates.bit(k == start) &* Token.Bit.capitalized
                lb[out] = 0xC3
                lb[out + 1] = 0x80 | ((v &+ upper &* 0x20) & 0x3F)
                out += 2
                scalars += 1
                k += 2
                continue
            }
            let (v, len) = CaseFolding.decode(b, k, end)
            if len == 1 {
                lb[out] = c
                out += 1
            } else {
                let f = CaseFolding.fold(v)
                if f.isUpper {
                    classes |= ByteClass.upper
                    if k == start { bits |= Token.Bit.capitalized }
                }
                if f.isLower { classes |= ByteClass.lower }
                if let m = f.multi {
                    for byte in m.utf8 where out < capacity {
                        lb[out] = byte
                        out += 1
                    }
                } else {
                    out = CaseFolding.writeUTF8(f.lower, to: lb, at: out)
                }
            }
            scalars += 1
            k += len
        }
        let eh = b.baseAddress.map { ByteHash.hash($0, start, end, readable: b.count) } ?? 0
        let lh = lb.baseAddress.map { ByteHash.hash(UnsafePointer($0), lowerStart, out, readable: capacity) } ?? 0
        return Folded(exactHash: eh, lowerHash: lh, scalars: scalars, classes: classes, bits: bits)
    }
}

/// The tokenizer's byte tables at fixed addresses: built once, never written or freed afterwards,
/// which is what makes sharing the pointers across threads safe.
final class ByteTableStorage: @unchecked Sendable {
    static let shared = ByteTableStorage()
    let byteClass: UnsafeBufferPointer<UInt8>
    let lower: UnsafeBufferPointer<UInt8>
    let asciiBreak: UnsafeBufferPointer<Bool>
    /// `ByteHash` of every one-byte string.
    let byteHash: UnsafeBufferPointer<UInt64>

    private init() {
        func pinned<T>(_ a: [T]) -> UnsafeBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: a.count)
            _ = p.initialize(from: a)
            return UnsafeBufferPointer(p)
        }
        byteClass = pinned(Tokenizer.byteClass)
        lower = pinned(Tokenizer.lowerTable)
        asciiBreak = pinned(Tokenizer.asciiBreak)
        byteHash = pinned((0..<256).map { ByteHash.hash([UInt8($0)]) })
    }
}

/// Eight input bytes classified at once (SWAR): how many leading bytes are ASCII letters or digits,
/// their classes, and all eight lower-cased. Replaces the per-byte loop whose exit — one unpredictable
/// branch per word — cost more than the bytes' work.
struct AsciiBlock {
    /// Leading bytes (0...8) that are ASCII letters or digits.
    let run: Int
    /// `ByteClass.digit` / `.upper` / `.lower` present among those bytes.
    let classes: UInt8
    /// The block with ASCII upper-case letters lower-cased (every byte, also past `run`).
    let lowercased: UInt64

    static let high: UInt64 = 0x8080_8080_8080_8080
    static let ones: UInt64 = 0x0101_0101_0101_0101

    @inline(__always)
    init(_ w: UInt64) {
        // Per byte, the high bit answers "lo ≤ byte ≤ hi" for ASCII bytes (the low seven bits plus a
        // constant never carry into the next byte); non-ASCII bytes are masked out.
        let x = w & ~Self.high
        let ascii = ~w & Self.high
        @inline(__always) func within(_ lo: UInt64, _ hi: UInt64) -> UInt64 {
            (x &+ Self.ones &* (0x80 - lo)) & ~(x &+ Self.ones &* (0x7F - hi)) & ascii
        }
        let digit = within(0x30, 0x39), upper = within(0x41, 0x5A), lower = within(0x61, 0x7A)
        let stop = ~(digit | upper | lower) & Self.high
        run = stop.trailingZeroBitCount >> 3
        // Bytes before the first stop byte (all eight when there is none).
        let keep = ((stop & (0 &- stop)) >> 7) &- 1
        classes = Tokenizer.ByteClass.digit &* Candidates.bit(digit & keep != 0)
            | Tokenizer.ByteClass.upper &* Candidates.bit(upper & keep != 0)
            | Tokenizer.ByteClass.lower &* Candidates.bit(lower & keep != 0)
        lowercased = w | (upper >> 2)
    }
}
