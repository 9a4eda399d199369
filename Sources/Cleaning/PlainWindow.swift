/// The tokenizer's test for a 64-byte window it can take word by word from the bitmap alone.
///
/// Plain: no byte the per-token rules must see — a non-ASCII lead other than C3-C5 (scripts
/// and punctuation the per-scalar rules classify), an apostrophe (joins or splits words), or
/// a list separator `|`, `>`, `/` (counted). Continuation bytes and C3-C5 are Latin letters
/// inside words (`hashLatin`). Also flagged, to keep the test short: `<` and `~`, which share
/// a pattern with `|` and `>`; flagging a byte only sends the window to the careful path, so
/// the answer is never wrong, just slower when wrongly "not plain". Prose is mostly plain:
/// about one 64-byte window in six of the sample articles is not.
enum PlainWindow {
    typealias Bytes = SIMD16<UInt8>

    /// Reads 64 bytes at `p` (the tokenizer's buffers are padded for it).
    @inline(__always)
    static func isPlain(_ p: UnsafePointer<UInt8>) -> Bool {
        let raw = UnsafeRawPointer(p)
        let flagged = flags(raw.loadUnaligned(as: Bytes.self)) .| flags(raw.loadUnaligned(fromByteOffset: 16, as: Bytes.self))
            .| flags(raw.loadUnaligned(fromByteOffset: 32, as: Bytes.self)) .| flags(raw.loadUnaligned(fromByteOffset: 48, as: Bytes.self))
        let lanes = unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: flagged), to: (UInt64, UInt64).self)
        return lanes.0 | lanes.1 == 0
    }

    /// `isPlain` for the first `count` bytes at `p` only (1...64; a line's last window): as
    /// many 16-byte loads as they need, the last one ending at `count` (or, under 16 bytes, its
    /// lanes masked), so a short line is not sent to the careful path by the next line's bytes.
    @inline(__always)
    static func isPlain(_ p: UnsafePointer<UInt8>, count: Int) -> Bool {
        if count >= 64 { return isPlain(p) }
        let raw = UnsafeRawPointer(p)
        var flagged: SIMDMask<SIMD16<Int8>>
        if count >= 16 {
            flagged = flags(raw.loadUnaligned(fromByteOffset: count &- 16, as: Bytes.self))
            if count > 16 { flagged = flagged .| flags(raw.loadUnaligned(as: Bytes.self)) }
            if count > 32 { flagged = flagged .| flags(raw.loadUnaligned(fromByteOffset: 16, as: Bytes.self)) }
            if count > 48 { flagged = flagged .| flags(raw.loadUnaligned(fromByteOffset: 32, as: Bytes.self)) }
        } else {
            let lane = Bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
            flagged = flags(raw.loadUnaligned(as: Bytes.self)) .& (lane .< Bytes(repeating: UInt8(truncatingIfNeeded: count)))
        }
        let lanes = unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: flagged), to: (UInt64, UInt64).self)
        return lanes.0 | lanes.1 == 0
    }

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

    /// The same answer byte by byte: the reference the tests hold `isPlain` to.
    static func isPlainByBytes(_ p: UnsafePointer<UInt8>) -> Bool {
        for k in 0..<64 {
            let b = p[k]
            if (b >= 0xC0 && !(0xC3...0xC5).contains(b)) || b == 0x27 || b == 0x2F || b == 0x7C || b == 0x3E || b == 0x3C || b == 0x7E {
                return false
            }
        }
        return true
    }
}
