/// The tokenizer's test for a stretch of a line it can take word by word from the bitmap alone:
/// the bytes flagged here (`ByteClasses` stores one flag bit per byte beside the word bits).
///
/// Plain: no byte the per-token rules must see — a non-ASCII lead other than C3-C5 (scripts
/// and punctuation the per-scalar rules classify), an apostrophe (joins or splits words), or
/// a list separator `|`, `>`, `/` (counted). Continuation bytes and C3-C5 are Latin letters
/// inside words (`hashLatin`). Also flagged, to keep the test short: `<` and `~`, which share
/// a pattern with `|` and `>`; flagging a byte only sends the window to the careful path, so
/// the answer is never wrong, just slower when wrongly "not plain". Prose is mostly plain:
/// about one 64-byte window in six of the sample articles holds a flagged byte.
enum PlainWindow {
    typealias Bytes = SIMD16<UInt8>

    /// Lane comparisons (SSE2): C0-C2 and C6-FF as two ranges (signed compares, as in
    /// `WordBitmap.mask16`), `'` and `/` as one equality (`x | 8 == 0x2F`), `|`, `>` (with `<`,
    /// `~`) as another (`x | 0x42 == 0x7E`).
    @inline(__always)
    static func flags(_ x: Bytes) -> SIMDMask<SIMD16<Int8>> {
        typealias Signed = SIMD16<Int8>
        let lowLead = unsafeBitCast(x &+ Bytes(repeating: 0x80 &- 0xC0), to: Signed.self) .<= Signed(repeating: -128 + 2)
        let highLead = unsafeBitCast(x &+ Bytes(repeating: 0x80 &- 0xC6), to: Signed.self) .<= Signed(repeating: -128 + 0x39)
        let otherLead = lowLead .| highLead
        let quoteOrSlash = (x | Bytes(repeating: 0x08)) .== Bytes(repeating: 0x2F)
        let pipeOrAngle = (x | Bytes(repeating: 0x42)) .== Bytes(repeating: 0x7E)
        return otherLead .| quoteOrSlash .| pipeOrAngle
    }

    /// Whether the tokenizer must look at byte `b`, byte by byte: the reference the lane tests
    /// are held to.
    static func isFlagged(_ b: UInt8) -> Bool {
        (b >= 0xC0 && !(0xC3...0xC5).contains(b)) || b == 0x27 || b == 0x2F || b == 0x7C || b == 0x3E || b == 0x3C || b == 0x7E
    }
}
