#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// Part of `LineAnalyzer` (LineAnalyzer.swift): a 64-byte window folded as the token hash folds a word's bytes, for `foldedWords`.
extension LineAnalyzer {
    /// Writes the 64 bytes at `window` to `out`, each folded as `hashASCII` and `hashLatin`
    /// fold a word's bytes: ASCII bytes gain 0x20 (letters lower-cased; digits and the joined
    /// apostrophe have it), a byte after C3 gains 0x20 unless it is 9F (ß), a byte after C4
    /// below B8 or after C5 from 8A to B7 gains bit 0; other bytes stay. Bytes outside words fold
    /// to whatever: the word loop masks them off. Returns the bits of × and ÷ (the byte after
    /// C3 of C3 97, C3 B7), 0 when there are none: a word holding one is split by the
    /// per-scalar rules, which the caller leaves to `latinWords`. Reads `window[-1]`.
    @inline(__always)
    static func foldWindow(_ window: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> UInt64 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        foldWindowSSE2(window, into: out)
        #else
        foldWindowLanes(window, into: out)
        #endif
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// `foldWindow` in SSE2 intrinsics, the lane tests of `hashLatinSSE2`.
    @inline(__always)
    static func foldWindowSSE2(_ window: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> UInt64 {
        var marks: UInt64 = 0
        for k in 0..<4 {
            let at = window + 16 &* k
            let x = _mm_loadu_si128(UnsafeRawPointer(at).assumingMemoryBound(to: __m128i.self))
            let before = _mm_loadu_si128(UnsafeRawPointer(at - 1).assumingMemoryBound(to: __m128i.self))
            let afterC3 = _mm_cmpeq_epi8(before, _mm_set1_epi8(Int8(bitPattern: 0xC3)))
            // × (C3 97) and ÷ (C3 B7): 97 | 20 == B7 | 20 == B7, and no other byte.
            let timesOrDivide = _mm_and_si128(afterC3, _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8(Int8(bitPattern: 0xB7))))
            marks |= UInt64(truncatingIfNeeded: UInt16(truncatingIfNeeded: _mm_movemask_epi8(timesOrDivide))) &<< UInt64(16 &* k)
            let ascii = _mm_cmpgt_epi8(x, _mm_set1_epi8(-1))
            let plusSpace = _mm_or_si128(ascii, _mm_andnot_si128(_mm_cmpeq_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0x9F))), afterC3))
            let belowB8 = _mm_cmplt_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0xB8)))
            let afterC5From8A = _mm_and_si128(_mm_cmpeq_epi8(before, _mm_set1_epi8(Int8(bitPattern: 0xC5))),
                                              _mm_cmpgt_epi8(x, _mm_set1_epi8(Int8(bitPattern: 0x89))))
            let odd = _mm_and_si128(belowB8, _mm_or_si128(_mm_cmpeq_epi8(before, _mm_set1_epi8(Int8(bitPattern: 0xC4))), afterC5From8A))
            let folded = _mm_or_si128(x, _mm_or_si128(_mm_and_si128(plusSpace, _mm_set1_epi8(0x20)), _mm_and_si128(odd, _mm_set1_epi8(1))))
            _mm_storeu_si128(UnsafeMutableRawPointer(out + 16 &* k).assumingMemoryBound(to: __m128i.self), folded)
        }
        return marks
    }
    #endif

    /// `foldWindow` in Swift's SIMD types (any target; on x86-64 the tests' second opinion).
    @inline(__always)
    static func foldWindowLanes(_ window: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> UInt64 {
        typealias Bytes = SIMD16<UInt8>
        var marks: UInt64 = 0
        for k in 0..<4 {
            let at = window + 16 &* k
            let x = UnsafeRawPointer(at).loadUnaligned(as: Bytes.self)
            let before = UnsafeRawPointer(at - 1).loadUnaligned(as: Bytes.self)
            let afterC3 = before .== Bytes(repeating: 0xC3)
            let timesOrDivide = afterC3 .& ((x .== Bytes(repeating: 0x97)) .| (x .== Bytes(repeating: 0xB7)))
            for lane in 0..<16 where timesOrDivide[lane] { marks |= 1 &<< UInt64(16 &* k &+ lane) }
            let odd = (x .< Bytes(repeating: 0xB8))
                .& ((before .== Bytes(repeating: 0xC4)) .| ((before .== Bytes(repeating: 0xC5)) .& (x .>= Bytes(repeating: 0x8A))))
            let plusSpace = (x .< Bytes(repeating: 0x80)) .| (afterC3 .& (x .!= Bytes(repeating: 0x9F)))
            let folded = x | Bytes(repeating: 0).replacing(with: 0x20, where: plusSpace) | Bytes(repeating: 0).replacing(with: 1, where: odd)
            UnsafeMutableRawPointer(out + 16 &* k).storeBytes(of: folded, as: Bytes.self)
        }
        return marks
    }
}
