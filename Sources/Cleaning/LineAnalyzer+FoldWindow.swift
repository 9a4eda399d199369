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
    ///
    /// `high`: the window's non-ASCII word bytes (bit k for byte k; all set when unknown). A
    /// 16-byte chunk without one holds only ASCII word bytes, whose fold is `| 0x20`: it is
    /// stored so, without the Latin fold (on x86-64): a branch a chunk for some 15 instructions
    /// (session 18: 65 364 -> 64 924 instructions a bench-corpus article, 171 771 -> 171 465 a
    /// web page; best rounds 10.08 against 10.01 µs, medians of 15 alternating pairs).
    @inline(__always)
    static func foldWindow(_ window: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, high: UInt64 = .max) -> UInt64 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        foldWindowSSE2(window, into: out, high: high)
        #else
        foldWindowLanes(window, into: out)
        #endif
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// `foldWindow` in SSE2 intrinsics: `foldLatin16` four times, or, when no byte of the
    /// window (nor the one before it) is a lead C4 or C5 (Latin Extended-A: rare in the
    /// languages of the data), `foldLatin16` without their fold (`extendedA` false), a third
    /// fewer instructions a chunk for a test of two.
    @inline(__always)
    static func foldWindowSSE2(_ window: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, high: UInt64) -> UInt64 {
        var leads = _mm_setzero_si128()
        for k in 0..<4 {
            let before = _mm_loadu_si128(UnsafeRawPointer(window + 16 &* k - 1).assumingMemoryBound(to: __m128i.self))
            leads = _mm_or_si128(leads, _mm_cmpeq_epi8(_mm_and_si128(before, _mm_set1_epi8(Int8(bitPattern: 0xFE))), _mm_set1_epi8(Int8(bitPattern: 0xC4))))
        }
        return _mm_movemask_epi8(leads) != 0 ? foldWindowSSE2(window, into: out, high: high, extendedA: true)
            : foldWindowSSE2(window, into: out, high: high, extendedA: false)
    }

    @inline(__always)
    private static func foldWindowSSE2(_ window: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>, high: UInt64, extendedA: Bool) -> UInt64 {
        var marks: UInt64 = 0
        for k in 0..<4 {
            if UInt16(truncatingIfNeeded: high &>> UInt64(16 &* k)) == 0 {
                // ASCII words only (the bytes between them fold to anything): no × or ÷ either.
                let x = _mm_loadu_si128(UnsafeRawPointer(window + 16 &* k).assumingMemoryBound(to: __m128i.self))
                _mm_storeu_si128(UnsafeMutableRawPointer(out + 16 &* k).assumingMemoryBound(to: __m128i.self), _mm_or_si128(x, _mm_set1_epi8(0x20)))
                continue
            }
            let (folded, timesOrDivide) = foldLatin16(window + 16 &* k, extendedA: extendedA)
            marks |= UInt64(timesOrDivide) &<< UInt64(16 &* k)
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
