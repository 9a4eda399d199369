#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel

/// Part of `LineAnalyzer` (LineAnalyzer.swift): `hashLatin` in SSE2 intrinsics.
extension LineAnalyzer {
    /// `hashLatin` sixteen bytes at a time in SSE2 intrinsics: the same fold as the lane form
    /// (`hashLatinLanes`), with × and ÷ found by one compare (`x | 0x20 == 0xB7` after C3) and
    /// `pmovmskb`, and the bytes past the word shifted out of the two 64-bit halves (`TokenHasher.lastChunk`) rather than by a
    /// lane mask built from the length. Needs the byte before `s` (ASCII: the word's start
    /// follows a separator).
    @inline(__always)
    static func hashLatinSSE2(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> UInt64? {
        var state = fnvOffset
        var k = s
        while true {
            let remaining = e &- k
            let (folded, timesOrDivide) = foldLatin16(base + k)
            let inWord: UInt32 = remaining >= 16 ? 0xFFFF : (1 &<< UInt32(truncatingIfNeeded: remaining)) &- 1
            if timesOrDivide & inWord != 0 { return nil }
            let low = UInt64(bitPattern: _mm_cvtsi128_si64(folded))
            if remaining <= 8 {
                return TokenHasher.finish(state ^ TokenHasher.lastChunk(low, count: remaining), length: e &- s)
            }
            state = TokenHasher.mix(state, low)
            let high = UInt64(bitPattern: _mm_cvtsi128_si64(_mm_unpackhi_epi64(folded, folded)))
            if remaining <= 16 {
                return TokenHasher.finish(state ^ TokenHasher.lastChunk(high, count: remaining &- 8), length: e &- s)
            }
            state = TokenHasher.mix(state, high)
            k &+= 16
        }
    }

    /// The 16 bytes at `at` folded as the token hash folds a word's bytes (see `foldWindow`), and
    /// the `pmovmskb` bits of × and ÷ among them. Reads `at[-1]`. Shared by `hashLatinSSE2` and
    /// `foldWindowSSE2`. Without `extendedA` the bytes after C4 and C5 are left as they are
    /// (for a caller that knows there are none).
    @inline(__always)
    static func foldLatin16(_ at: UnsafePointer<UInt8>, extendedA: Bool = true) -> (folded: __m128i, timesOrDivide: UInt32) {
        let x = _mm_loadu_si128(UnsafeRawPointer(at).assumingMemoryBound(to: __m128i.self))
        let before = _mm_loadu_si128(UnsafeRawPointer(at - 1).assumingMemoryBound(to: __m128i.self))
        let afterC3 = _mm_cmpeq_epi8(before, _mm_set1_epi8(Int8(bitPattern: 0xC3)))
        // × (C3 97) and ÷ (C3 B7): 97 | 20 == B7 | 20 == B7, and no other byte.
        let timesOrDivide = _mm_and_si128(afterC3, _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8(Int8(bitPattern: 0xB7))))
        // 0x20 for ASCII bytes (non-negative lanes) and for bytes after C3 but 9F (ß).
        let ascii = _mm_cmpgt_epi8(x, _mm_set1_epi8(-1))
        let plusSpace = _mm_or_si128(ascii, _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0x9F))), afterC3))
        let space = _mm_and_si128(plusSpace, _mm_set1_epi8(0x20))
        guard extendedA else {
            return (_mm_or_si128(x, space), UInt32(truncatingIfNeeded: UInt16(truncatingIfNeeded: _mm_movemask_epi8(timesOrDivide))))
        }
        // Bit 0 for bytes below B8 (signed: below -72) after C4, or from 8A (above -119) after C5.
        let belowB8 = _mm_cmplt_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0xB8)))
        let afterC5From8A = _mm_and_si128(_mm_cmpeq_epi8(before, _mm_set1_epi8(Int8(bitPattern: 0xC5))),
                                          _mm_cmpgt_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0x89))))
        let odd = _mm_and_si128(belowB8, _mm_or_si128(_mm_cmpeq_epi8(before, _mm_set1_epi8(Int8(bitPattern: 0xC4))), afterC5From8A))
        let folded = _mm_or_si128(x, _mm_or_si128(space, _mm_and_si128(odd, _mm_set1_epi8(1))))
        return (folded, UInt32(truncatingIfNeeded: UInt16(truncatingIfNeeded: _mm_movemask_epi8(timesOrDivide))))
    }
}
#endif
