import Pipeline

/// The text's bytes, their lower-cased copy and the tokens over both.
struct TokenizedText: Sendable {
    var bytes: [UInt8]
    var lower: [UInt8]
    var tokens: [Token]

    var count: Int { tokens.count }

    func text(_ i: Int) -> String { join(i, i + 1) }

    func lowerText(_ i: Int) -> String {
        String(decoding: lower[tokens[i].lowerStart..<tokens[i].lowerEnd], as: UTF8.self)
    }

    /// The original text of tokens a..<b (a < b), with single spaces where the text had whitespace.
    ///
    /// Works on the buffers' pointers: through the arrays, every token and byte read was a bounds
    /// check, and the token spans, run check and boundary checks cost ~170 instructions a call on
    /// top of making the String (62 calls per 4 KB article, most of them for two or three tokens).
    func join(_ a: Int, _ b: Int) -> String {
        bytes.withUnsafeBufferPointer { src in
            tokens.withUnsafeBufferPointer { tb in
                // Usually the text between the tokens already is single spaces: then the result is that slice.
                if Self.isPlainRun(tb, src, a, b) { return Self.string(src, tb[a].start, tb[b - 1].end) }
                let size = Self.joinedSize(tb, a, b)
                // Only the text's end can cut a scalar (`string`), so only the outer ends are checked:
                // testing both ends of every token was ~1.5 k instructions per article (long quotes).
                guard Self.isScalarBoundary(src, tb[a].start), Self.isScalarBoundary(src, tb[b - 1].end) else {
                    return String(unsafeUninitializedCapacity: size) { Self.writeJoined(tb, a, b, from: src, into: $0) }
                }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: size) { out in
                    ValidatedUTF8.string(UnsafeBufferPointer(rebasing: out[0..<Self.writeJoined(tb, a, b, from: src, into: out)]))
                }
            }
        }
    }

    /// `src[start..<end]` (the text's bytes) as a String. The text came from a String, so a cut at
    /// scalar boundaries is valid UTF-8 and is not validated again: `String(decoding:)` re-validated
    /// every entity surface, ~17 k instructions per 4 KB article. A cut inside a scalar (only the
    /// text's end after `Tokenizer.maxBytes` can be one) takes the repairing path.
    @inline(__always)
    private static func string(_ src: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> String {
        let slice = UnsafeBufferPointer(rebasing: src[start..<end])
        guard isScalarBoundary(src, start), isScalarBoundary(src, end) else { return String(decoding: slice, as: UTF8.self) }
        return ValidatedUTF8.string(slice)
    }

    /// Whether a scalar starts at byte `i` of the text `src` (the text's end counts unless it was cut).
    @inline(__always)
    private static func isScalarBoundary(_ src: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        i < src.count ? src[i] & 0xC0 != 0x80 : i == src.count && src.count < Tokenizer.maxBytes
    }

    /// `ByteHash` of the bytes `join(a, b)` returns, without building the string: the text's own
    /// bytes when `join` would return that slice, else the joined bytes in a temporary buffer.
    /// Inlined up to the one-token case (most mentions): the call cost more than the answer.
    @inline(__always)
    func joinHash(_ a: Int, _ b: Int) -> UInt64 {
        b - a == 1 ? tokens[a].exactHash : joinedHash(a, b)
    }

    /// `joinHash` of two tokens or more.
    func joinedHash(_ a: Int, _ b: Int) -> UInt64 {
        bytes.withUnsafeBufferPointer { src in
            tokens.withUnsafeBufferPointer { tb in
                guard let base = src.baseAddress else { return ByteHash.hash(UnsafeBufferPointer(start: nil, count: 0)) }
                if Self.isPlainRun(tb, src, a, b) { return ByteHash.hash(base, tb[a].start, tb[b - 1].end, readable: src.count) }
                return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: Self.joinedSize(tb, a, b)) { out in
                    ByteHash.hash(UnsafeBufferPointer(rebasing: out[0..<Self.writeJoined(tb, a, b, from: src, into: out)]))
                }
            }
        }
    }

    /// True when only single spaces (or nothing) separate tokens a..<b in the text.
    @inline(__always)
    private static func isPlainRun(_ tb: UnsafeBufferPointer<Token>, _ src: UnsafeBufferPointer<UInt8>, _ a: Int, _ b: Int) -> Bool {
        var k = a + 1
        while k < b {
            let end = tb[k - 1].end
            let gap = tb[k].start - end
            if gap != 0 && (gap != 1 || src[end] != 0x20) { return false }
            k += 1
        }
        return true
    }

    /// Bytes of tokens a..<b joined by single spaces where the text had whitespace.
    private static func joinedSize(_ tb: UnsafeBufferPointer<Token>, _ a: Int, _ b: Int) -> Int {
        var size = 0
        for k in a..<b {
            if k > a && (tb[k].spaceBefore || tb[k].newlineBefore) { size += 1 }
            size += tb[k].end - tb[k].start
        }
        return size
    }

    /// Writes that join into `out` (at least `joinedSize(a, b)` bytes); returns the count written.
    private static func writeJoined(_ tb: UnsafeBufferPointer<Token>, _ a: Int, _ b: Int, from src: UnsafeBufferPointer<UInt8>,
                                    into out: UnsafeMutableBufferPointer<UInt8>) -> Int {
        var o = 0
        for k in a..<b {
            if k > a && (tb[k].spaceBefore || tb[k].newlineBefore) {
                out[o] = 0x20
                o += 1
            }
            for q in tb[k].start..<tb[k].end {
                out[o] = src[q]
                o += 1
            }
        }
        return o
    }

    /// Unicode scalars of `join(a, b)` (inlined up to the one-token case, as `joinHash`).
    @inline(__always)
    func joinLength(_ a: Int, _ b: Int) -> Int {
        b - a == 1 ? tokens[a].length : joinedLength(a, b)
    }

    /// `joinLength` of two tokens or more.
    func joinedLength(_ a: Int, _ b: Int) -> Int {
        var n = 0
        for k in a..<b {
            if k > a && (tokens[k].spaceBefore || tokens[k].newlineBefore) { n += 1 }
            n += tokens[k].length
        }
        return n
    }

    /// Lower-cased tokens a..<b joined with single spaces. Written straight into the String's
    /// storage: an array grown by appends and then decoded cost ~1,100 instructions per keyword.
    func joinLower(_ a: Int, _ b: Int) -> String {
        guard b > a else { return "" }
        var size = b - a - 1
        for k in a..<b { size += tokens[k].lowerEnd - tokens[k].lowerStart }
        return lower.withUnsafeBufferPointer { src in
            String(unsafeUninitializedCapacity: size) { out in
                var o = 0
                for k in a..<b {
                    if k > a {
                        out[o] = 0x20
                        o += 1
                    }
                    for q in tokens[k].lowerStart..<tokens[k].lowerEnd {
                        out[o] = src[q]
                        o += 1
                    }
                }
                return o
            }
        }
    }

    /// (Compares through the buffers: ~26 instructions a call through the arrays, asked for every
    /// adjective ending of every run of capitals.)
    func lowerHasSuffix(_ i: Int, _ suffix: [UInt8]) -> Bool {
        let t = tokens[i]
        guard t.lowerEnd - t.lowerStart >= suffix.count else { return false }
        return lower.withUnsafeBufferPointer { low in
            suffix.withUnsafeBufferPointer { suf in
                let at = t.lowerEnd - suf.count
                for k in 0..<suf.count where low[at + k] != suf[k] { return false }
                return true
            }
        }
    }

    /// Whether the token is exactly `literal` (compared by hash; callers pass precomputed hashes).
    @inline(__always)
    func isText(_ i: Int, _ literalHash: UInt64) -> Bool { tokens[i].exactHash == literalHash }

    /// Digits-only number tokens as an Int (nil for "300.000" or over nine digits).
    /// (Reads the bytes through their buffer: ~60 instructions a call through the array, and the
    /// date and quantity extractors ask ~60 times per article.)
    func intValue(_ i: Int) -> Int? {
        let t = tokens[i]
        guard t.end > t.start, t.end - t.start <= 9 else { return nil }
        return bytes.withUnsafeBufferPointer { b in
            var v = 0
            for k in t.start..<t.end {
                let c = b[k]
                guard c >= 0x30 && c <= 0x39 else { return nil }
                v = v * 10 + Int(c - 0x30)
            }
            return v
        }
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
