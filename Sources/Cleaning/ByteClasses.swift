#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// The bits per byte the tokenizer reads, for 16 bytes at once: word bits (`WordBitmap`:
/// ASCII letters and digits, leads C3-C5, continuation bytes), flag bits (`PlainWindow`:
/// bytes the per-token rules must see) and non-ASCII bits (a window without any takes the
/// ASCII-only word loop). Built once per chunk as the normaliser's lines are
/// tokenised, so that the tokenizer's test for "nothing to look at here" is one shift of a
/// bitmap word instead of 64 bytes of lane compares per window.
enum ByteClasses {
    /// Word bits, flag bits and non-ASCII bits (bytes from 0x80) of the 16 bytes at `p` (bit k
    /// is byte k).
    @inline(__always)
    static func chunk(_ p: UnsafeRawPointer) -> (words: UInt16, flags: UInt16, high: UInt16) {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        chunkSSE2(p)
        #else
        chunkPortable(p)
        #endif
    }

    /// Word, flag and non-ASCII bits of the 64 bytes at `p`: four chunks.
    @inline(__always)
    static func block(_ p: UnsafeRawPointer) -> (words: UInt64, flags: UInt64, high: UInt64) {
        var words: UInt64 = 0
        var flags: UInt64 = 0
        var high: UInt64 = 0
        for k in 0..<4 {
            let (w, f, h) = chunk(p + 16 &* k)
            words |= UInt64(w) &<< UInt64(16 &* k)
            flags |= UInt64(f) &<< UInt64(16 &* k)
            high |= UInt64(h) &<< UInt64(16 &* k)
        }
        return (words, flags, high)
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// SSE2 (every x86-64 CPU): a range moved to the bottom of the signed lanes
    /// (`x + 0x80 - low`) and compared signed, `pmovmskb` to gather the lanes. Each test asks
    /// "outside the range?" (`pcmpgtb` with the moved value as its destination and the limit as
    /// its source): no copy of a constant per test.
    ///
    /// The non-ASCII word bytes (continuation bytes 80-BF and the leads C3-C5) are the signed
    /// lanes below -58 (80-C5) but C2: C0 and C1 never occur in UTF-8, and the normalised text
    /// is valid UTF-8 (`uncheckedString`). The flagged leads (C2 and every lead from C6) are
    /// then the non-ASCII bytes that are not word bytes, found on the masks (`high & ~words`):
    /// six vector instructions a chunk fewer than testing the continuation bytes, the leads and
    /// C3-C5 each as a range. On C0 and C1 alone the bits differ from `chunkPortable`'s.
    @inline(__always)
    static func chunkSSE2(_ p: UnsafeRawPointer) -> (words: UInt16, flags: UInt16, high: UInt16) {
        let x = _mm_loadu_si128(p.assumingMemoryBound(to: __m128i.self))
        @inline(__always) func outside(_ v: __m128i, _ low: UInt8, _ span: Int) -> __m128i {
            _mm_cmpgt_epi8(_mm_add_epi8(v, _mm_set1_epi8(Int8(bitPattern: 0x80 &- low))), _mm_set1_epi8(Int8(-128 + span - 1)))
        }
        let notLetter = outside(_mm_or_si128(x, _mm_set1_epi8(0x20)), 0x61, 26)
        let notDigit = outside(x, 0x30, 10)
        let latin = _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0xC2))), _mm_cmplt_epi8(x, _mm_set1_epi8(-58)))
        let notWord = _mm_andnot_si128(latin, _mm_and_si128(notLetter, notDigit))
        let quoteOrSlash = _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x08)), _mm_set1_epi8(0x2F))
        let pipeOrAngle = _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x42)), _mm_set1_epi8(0x7E))
        let words = ~UInt16(truncatingIfNeeded: _mm_movemask_epi8(notWord))
        let high = UInt16(truncatingIfNeeded: _mm_movemask_epi8(x))
        let marks = UInt16(truncatingIfNeeded: _mm_movemask_epi8(_mm_or_si128(quoteOrSlash, pipeOrAngle)))
        return (words, marks | (high & ~words), high)
    }
    #endif

    /// The same from Swift's SIMD types (any target; on x86-64 the tests' second opinion).
    @inline(__always)
    static func chunkPortable(_ p: UnsafeRawPointer) -> (words: UInt16, flags: UInt16, high: UInt16) {
        let x = p.loadUnaligned(as: PlainWindow.Bytes.self)
        @inline(__always) func gather(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt16 {
            let lanes = PlainWindow.Bytes(repeating: 0).replacing(with: 1, where: mask)
            let halves = unsafeBitCast(lanes, to: (UInt64, UInt64).self)
            let low = (halves.0 &* 0x0102_0408_1020_4080) &>> 56
            let high = (halves.1 &* 0x0102_0408_1020_4080) &>> 56
            return UInt16(truncatingIfNeeded: low | high &<< 8)
        }
        return (UInt16(truncatingIfNeeded: WordBitmap.mask16(p)), gather(PlainWindow.flags(x)),
                gather(x .>= PlainWindow.Bytes(repeating: 0x80)))
    }
}
