// The lane tests' previous forms (7-bit lanes, wrapping arithmetic only), kept here as the
// oracles `FusedPassTests` holds the SSE2 comparisons to; the daemon never runs them.
@testable import Cleaning

extension PlainBytes16 {
    /// `firstStop` on 7-bit lanes with wrapping arithmetic only (the previous form, the oracle
    /// `firstStop` is held to).
    /// The first of the 16 bytes at `p` where the per-byte rules must decide (16 when none):
    /// a control, DEL, `<`, `&`, a non-ASCII lead byte other than C3-DF, or a space
    /// followed by a space or a NUL. Reads 17 bytes.
    @inline(__always)
    static func firstStopReference(_ p: UnsafeRawPointer) -> Int {
        let x = p.loadUnaligned(as: Bytes.self)
        let next = p.loadUnaligned(fromByteOffset: 1, as: Bytes.self)
        let high = Bytes(repeating: 0x80)
        let seven = x & Bytes(repeating: 0x7F)
        let control = ~(seven &+ Bytes(repeating: 0x60)) & high  // (x & 0x7F) < 0x20
        let delete = (seven &+ Bytes(repeating: 0x01)) & high  // (x & 0x7F) == 0x7F
        let doubleSpace = equal(x, 0x20) & (equal(next, 0x20) | equal(next, 0x00))
        // Non-ASCII: stops only at lead bytes whose scalar may not pass through unchanged
        // (see `plainMultibyteLength`): C0-C2 and, to keep the test short, every lead from E0.
        // Two-byte letters (C3-DF, the accented Latin, Greek, Cyrillic) and continuation bytes
        // are plain text: accented prose no longer stops the scan at every letter.
        let twoByteLow = (seven &+ Bytes(repeating: 0x80 - 0x40)) & ~(seven &+ Bytes(repeating: 0x80 - 0x43))  // C0-C2
        let threeOrFour = seven &+ Bytes(repeating: 0x80 - 0x60)  // E0-FF
        let nonASCII = (twoByteLow | threeOrFour) & x & high
        let stop = nonASCII | (control & ~(x & high)) | (delete & ~(x & high)) | equal(x, 0x3C) | equal(x, 0x26) | doubleSpace
        let halves = unsafeBitCast(stop, to: (UInt64, UInt64).self)
        if halves.0 != 0 { return halves.0.trailingZeroBitCount >> 3 }
        if halves.1 != 0 { return 8 + halves.1.trailingZeroBitCount >> 3 }
        return 16
    }
}

extension WordBitmap {
    /// `mask16` on 7-bit lanes with wrapping arithmetic only (the previous form, the oracle
    /// `mask16` is held to). Each test works on 7-bit lanes (no carry between
    /// lanes) and leaves its answer in bit 7; a multiply gathers the eight bit-7s of each half.
    @inline(__always)
    static func mask16Reference(_ p: UnsafeRawPointer) -> UInt64 {
        let x = p.loadUnaligned(as: Bytes.self)
        let low7 = Bytes(repeating: 0x7F)
        let lowered = (x | Bytes(repeating: 0x20)) & low7
        let letters = (lowered &+ Bytes(repeating: 0x80 - 0x61)) & ~(lowered &+ Bytes(repeating: 0x80 - 0x7B))
        let seven = x & low7
        let digits = (seven &+ Bytes(repeating: 0x80 - 0x30)) & ~(seven &+ Bytes(repeating: 0x80 - 0x3A))
        let ascii = (letters | digits) & ~x
        let lead = (seven &+ Bytes(repeating: 0x80 - 0x43)) & ~(seven &+ Bytes(repeating: 0x80 - 0x46)) & x  // C3-C5
        let continuation = x & ~(x &+ x)  // 10xxxxxx
        let word = (ascii | lead | continuation) & Bytes(repeating: 0x80)
        let halves = unsafeBitCast(word, to: (UInt64, UInt64).self)
        let low = ((halves.0 &>> 7) &* 0x0102_0408_1020_4080) &>> 56
        let high = ((halves.1 &>> 7) &* 0x0102_0408_1020_4080) &>> 56
        return low | high &<< 8
    }
}
