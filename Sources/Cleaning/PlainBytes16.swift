#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// Sixteen input bytes tested at once for the normaliser's plain-run scan: SSE2 intrinsics on
/// x86-64 (the target is baseline x86-64), Swift's SIMD lanes elsewhere.
enum PlainBytes16 {
    typealias Bytes = SIMD16<UInt8>

    /// 0x80 in the lanes equal to `c`.
    @inline(__always)
    static func equal(_ x: Bytes, _ c: UInt8) -> Bytes {
        let y = x ^ Bytes(repeating: c)
        return ~(((y & Bytes(repeating: 0x7F)) &+ Bytes(repeating: 0x7F)) | y) & Bytes(repeating: 0x80)
    }

    /// The first of the 16 bytes at `p` where the per-byte rules must decide (16 when none):
    /// a control, DEL, `<`, `&`, a non-ASCII lead byte other than C3-DF, or a space followed by
    /// a space (on x86-64 not C0 and C1, which no UTF-8 text holds). Reads 17 bytes. Lane comparisons compile to SSE2 compares, about half the
    /// instructions of the 7-bit-lane arithmetic (`equal`, kept for the tests' reference).
    @inline(__always)
    static func firstStop(_ p: UnsafeRawPointer) -> Int {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        firstStopSSE2(p)
        #else
        firstStopPortable(p)
        #endif
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// `firstStop` in SSE2 intrinsics: the two ranges asked as "outside?" (`pcmpgtb` with the
    /// moved value as destination: no copy of a constant), the equalities as they are, and
    /// `pmovmskb` for the answer (no movemask to emulate).
    @inline(__always)
    static func firstStopSSE2(_ p: UnsafeRawPointer) -> Int {
        let x = _mm_loadu_si128(p.assumingMemoryBound(to: __m128i.self))
        let next = _mm_loadu_si128((p + 1).assumingMemoryBound(to: __m128i.self))
        // Controls and the leads from E0: one range once 0x20 is added (E0-FF wrap to 00-1F,
        // 00-1F move to 20-3F); moved to the bottom of the signed lanes, "outside" is > -65.
        let notControlOrHighLead = _mm_cmpgt_epi8(_mm_add_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0x80 &+ 0x20))), _mm_set1_epi8(-128 + 0x3F))
        // Of the low leads C0-C2 only C2 occurs in UTF-8 (the input is a Swift string): one
        // equality among the others instead of a range test.
        let special = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x3C))),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x26)), _mm_cmpeq_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0xC2)))),
                         _mm_and_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x20)), _mm_cmpeq_epi8(next, _mm_set1_epi8(0x20)))))
        let plain = _mm_andnot_si128(special, notControlOrHighLead)
        let stops = ~UInt32(truncatingIfNeeded: _mm_movemask_epi8(plain)) & 0xFFFF
        return stops == 0 ? 16 : stops.trailingZeroBitCount
    }
    #endif

    /// `firstStop` in Swift's SIMD types (any target; on x86-64 the tests' second opinion).
    @inline(__always)
    static func firstStopPortable(_ p: UnsafeRawPointer) -> Int {
        let x = p.loadUnaligned(as: Bytes.self)
        let next = p.loadUnaligned(fromByteOffset: 1, as: Bytes.self)
        typealias Signed = SIMD16<Int8>
        // Controls and the leads from E0 are one range once 0x20 is added (E0-FF wrap to
        // 00-1F, 00-1F move to 20-3F); ranges compare signed (see `WordBitmap.mask16`).
        let controlOrHighLead = unsafeBitCast(x &+ Bytes(repeating: 0x80 &+ 0x20), to: Signed.self) .<= Signed(repeating: -128 + 0x3F)
        let special = (x .== Bytes(repeating: 0x7F)) .| (x .== Bytes(repeating: 0x3C)) .| (x .== Bytes(repeating: 0x26))
        // Non-ASCII: stops only at lead bytes whose scalar may not pass through unchanged
        // (see `plainMultibyteLength`): C0-C2 and, to keep the test short, every lead from E0.
        let lowLead = unsafeBitCast(x &+ Bytes(repeating: 0x80 &- 0xC0), to: Signed.self) .<= Signed(repeating: -128 + 2)
        let doubleSpace = (x .== Bytes(repeating: 0x20)) .& (next .== Bytes(repeating: 0x20))
        let stop = controlOrHighLead .| special .| lowLead .| doubleSpace
        let halves = unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: stop), to: (UInt64, UInt64).self)
        if halves.0 | halves.1 == 0 { return 16 }  // the usual case, in one test
        if halves.0 != 0 { return halves.0.trailingZeroBitCount >> 3 }
        if halves.1 != 0 { return 8 + halves.1.trailingZeroBitCount >> 3 }
        return 16
    }
}
