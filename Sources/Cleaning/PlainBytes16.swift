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
    /// a space or a NUL (on x86-64 not C0 and C1, which no UTF-8 text holds). Reads 17 bytes. Lane comparisons compile to SSE2 compares, about half the
    /// instructions of the 7-bit-lane arithmetic (`equal`, kept for the tests' reference).
    ///
    /// The double space is tested as `x | next == 0x20` (one OR and one compare, where two
    /// compares and an AND took a copy more): both bytes are a space or NUL. A NUL is a stop of
    /// its own, so the only lanes this adds are spaces before a NUL, where the run ends all the
    /// same: the per-byte rules end it at such a space, and a run stopped at the NUL is cut
    /// back before its trailing space.
    @inline(__always)
    static func firstStop(_ p: UnsafeRawPointer) -> Int {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        firstStopSSE2(p)
        #else
        firstStopPortable(p)
        #endif
    }

    /// Stop bits of the 32 bytes at `p` (reading 33), whose lowest set bit is the first stop
    /// as `firstStop` finds it (0 when none), with the bytes copied to `out` as they are
    /// tested: the normaliser's plain runs are scanned and copied in one pass
    /// (`TextNormalizer.copyPlainRun`), each byte loaded once, instead of a scan and then a
    /// `memmove` of the run. On x86-64 the two chunks' `pmovmskb` bits are tested as one word:
    /// a branch per 32 bytes. (64 bytes a test saved more on the bench corpus's long lines
    /// but cost more on web pages, whose runs mostly stop inside such a window.)
    @inline(__always)
    static func stops32(_ p: UnsafeRawPointer, copyingTo out: UnsafeMutableRawPointer) -> UInt32 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        return ~(plainBitsSSE2(p, copyingTo: out) | plainBitsSSE2(p + 16, copyingTo: out + 16) &<< 16)
        #else
        for k in 0..<2 {
            out.storeBytes(of: p.loadUnaligned(fromByteOffset: 16 &* k, as: Bytes.self), toByteOffset: 16 &* k, as: Bytes.self)
            let stop = firstStopPortable(p + 16 &* k)
            if stop < 16 { return 1 &<< UInt32(16 &* k &+ stop) }
        }
        return 0
        #endif
    }

    /// `stops32` for 16 bytes (reading 17): the stop bits (first stop lowest, 0 when none),
    /// the bytes copied to `out`.
    @inline(__always)
    static func stops16(_ p: UnsafeRawPointer, copyingTo out: UnsafeMutableRawPointer) -> UInt32 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        return ~plainBitsSSE2(p, copyingTo: out) & 0xFFFF
        #else
        out.storeBytes(of: p.loadUnaligned(as: Bytes.self), as: Bytes.self)
        let stop = firstStopPortable(p)
        return stop < 16 ? 1 &<< UInt32(stop) : 0
        #endif
    }

    /// The 16 bytes at `p` copied to `out` (a plain run's bytes the per-byte rules stepped over).
    @inline(__always)
    static func copy16(_ p: UnsafeRawPointer, to out: UnsafeMutableRawPointer) {
        out.storeBytes(of: p.loadUnaligned(as: Bytes.self), as: Bytes.self)
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// `firstStop` in SSE2 intrinsics: the two ranges asked as "outside?" (`pcmpgtb` with the
    /// moved value as destination: no copy of a constant), the equalities as they are, and
    /// `pmovmskb` for the answer (no movemask to emulate).
    @inline(__always)
    static func firstStopSSE2(_ p: UnsafeRawPointer) -> Int {
        let x = _mm_loadu_si128(p.assumingMemoryBound(to: __m128i.self))
        let stops = ~plainBitsSSE2(x, next: _mm_loadu_si128((p + 1).assumingMemoryBound(to: __m128i.self))) & 0xFFFF
        return stops == 0 ? 16 : stops.trailingZeroBitCount
    }

    /// The `pmovmskb` bits of the plain lanes of the 16 bytes at `p` (reading 17), which are
    /// stored to `out` from the same load.
    @inline(__always)
    static func plainBitsSSE2(_ p: UnsafeRawPointer, copyingTo out: UnsafeMutableRawPointer) -> UInt32 {
        let x = _mm_loadu_si128(p.assumingMemoryBound(to: __m128i.self))
        _mm_storeu_si128(out.assumingMemoryBound(to: __m128i.self), x)
        return plainBitsSSE2(x, next: _mm_loadu_si128((p + 1).assumingMemoryBound(to: __m128i.self)))
    }

    /// The `pmovmskb` bits of the lanes of `x` that need no per-byte rule (`next`: the bytes
    /// one further on, for the double space).
    @inline(__always)
    static func plainBitsSSE2(_ x: __m128i, next: __m128i) -> UInt32 {
        // Controls and the leads from E0: one range once 0x20 is added (E0-FF wrap to 00-1F,
        // 00-1F move to 20-3F); moved to the bottom of the signed lanes, "outside" is > -65.
        let notControlOrHighLead = _mm_cmpgt_epi8(_mm_add_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0x80 &+ 0x20))), _mm_set1_epi8(-128 + 0x3F))
        // Of the low leads C0-C2 only C2 occurs in UTF-8 (the input is a Swift string): one
        // equality among the others instead of a range test.
        let special = _mm_or_si128(
            _mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x7F)), _mm_cmpeq_epi8(x, _mm_set1_epi8(0x3C))),
            _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(0x26)), _mm_cmpeq_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0xC2)))),
                         _mm_cmpeq_epi8(_mm_or_si128(x, next), _mm_set1_epi8(0x20))))
        let plain = _mm_andnot_si128(special, notControlOrHighLead)
        return UInt32(truncatingIfNeeded: _mm_movemask_epi8(plain))
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
        let doubleSpace = (x | next) .== Bytes(repeating: 0x20)  // or a space before a NUL (see `firstStop`)
        let stop = controlOrHighLead .| special .| lowLead .| doubleSpace
        let halves = unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: stop), to: (UInt64, UInt64).self)
        if halves.0 | halves.1 == 0 { return 16 }  // the usual case, in one test
        if halves.0 != 0 { return halves.0.trailingZeroBitCount >> 3 }
        if halves.1 != 0 { return 8 + halves.1.trailingZeroBitCount >> 3 }
        return 16
    }
}
