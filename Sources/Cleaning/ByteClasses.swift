#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// The bits per byte the tokenizer reads, for 16 bytes at once: word bits (`WordBitmap`:
/// ASCII letters and digits, leads C3-C5, continuation bytes) and special bits: the ASCII
/// bytes the per-token rules must see (`'`, `/`, `|`, `>`, `<`, `~`) and every byte from 0x80.
/// The tokenizer's flag bits (`PlainWindow`: bytes the per-token rules must see) are the
/// special bits that are not word bits (none of those ASCII bytes is one; the non-ASCII
/// non-word bytes are the flagged leads), and the non-ASCII bytes inside words (a window
/// without any takes the ASCII-only word loop) the special bits that are: two masks a chunk
/// carry all three, where three cost a `pmovmskb`, an `and` and a store a chunk more. Built
/// once per chunk as the normaliser's lines are tokenised, so that the tokenizer's test for
/// "nothing to look at here" is one shift of a bitmap word instead of 64 bytes of lane
/// compares per window.
enum ByteClasses {
    /// Word bits and special bits of the 16 bytes at `p` (bit k is byte k).
    @inline(__always)
    static func chunk(_ p: UnsafeRawPointer) -> (words: UInt16, special: UInt16) {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        chunkSSE2(p)
        #else
        chunkPortable(p)
        #endif
    }

    /// Word and special bits of the 64 bytes at `p`: four chunks.
    @inline(__always)
    static func block(_ p: UnsafeRawPointer) -> (words: UInt64, special: UInt64) {
        var words: UInt64 = 0
        var special: UInt64 = 0
        for k in 0..<4 {
            let (w, s) = chunk(p + 16 &* k)
            words |= UInt64(w) &<< UInt64(16 &* k)
            special |= UInt64(s) &<< UInt64(16 &* k)
        }
        return (words, special)
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// SSE2 (every x86-64 CPU): a range moved to the bottom of the signed lanes
    /// (`x + 0x80 - low`) and compared signed, `pmovmskb` to gather the lanes. Each test asks
    /// "outside the range?" (`pcmpgtb` with the moved value as its destination and the limit as
    /// its source): no copy of a constant per test.
    ///
    /// The non-ASCII word bytes (continuation bytes 80-BF and the leads C3-C5) are the signed
    /// lanes below -58 (80-C5) but C2: C0 and C1 never occur in UTF-8, and the normalised text
    /// is valid UTF-8 (`ValidatedUTF8.string`). The flagged leads (C2 and every lead from C6) are
    /// then the non-ASCII bytes that are not word bytes (`special & ~words`, read by the
    /// tokenizer): six vector instructions a chunk fewer than testing the continuation bytes,
    /// the leads and C3-C5 each as a range. The special bits are the sign bits of the byte
    /// ORed with the ASCII marks' lanes: one `pmovmskb`. On C0 and C1 alone the bits differ
    /// from `chunkPortable`'s.
    @inline(__always)
    static func chunkSSE2(_ p: UnsafeRawPointer) -> (words: UInt16, special: UInt16) {
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
        let special = UInt16(truncatingIfNeeded: _mm_movemask_epi8(_mm_or_si128(x, _mm_or_si128(quoteOrSlash, pipeOrAngle))))
        return (words, special)
    }
    #endif

    /// The same from Swift's SIMD types (any target; on x86-64 the tests' second opinion).
    @inline(__always)
    static func chunkPortable(_ p: UnsafeRawPointer) -> (words: UInt16, special: UInt16) {
        let x = p.loadUnaligned(as: PlainWindow.Bytes.self)
        @inline(__always) func gather(_ mask: SIMDMask<SIMD16<Int8>>) -> UInt16 {
            let lanes = PlainWindow.Bytes(repeating: 0).replacing(with: 1, where: mask)
            let halves = unsafeBitCast(lanes, to: (UInt64, UInt64).self)
            let low = (halves.0 &* 0x0102_0408_1020_4080) &>> 56
            let high = (halves.1 &* 0x0102_0408_1020_4080) &>> 56
            return UInt16(truncatingIfNeeded: low | high &<< 8)
        }
        let marks = ((x | PlainWindow.Bytes(repeating: 0x08)) .== PlainWindow.Bytes(repeating: 0x2F))
            .| ((x | PlainWindow.Bytes(repeating: 0x42)) .== PlainWindow.Bytes(repeating: 0x7E))
        return (UInt16(truncatingIfNeeded: WordBitmap.mask16(p)), gather(marks .| (x .>= PlainWindow.Bytes(repeating: 0x80))))
    }
}
