#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// Part of `LineAnalyzer` (LineAnalyzer.swift): the sampled tail of a long line.
///
/// Per word, a long line needs nothing that its first `sampleTokens` tokens cannot give: its
/// stopword density is only compared with a threshold (`LineJudge.isProse`), the language
/// guess is as good over every line's first tokens, and a furniture phrase that a long line
/// holds (a consent notice: "we use cookies", "accept … cookies") names its trigger early. So
/// a line keeps the hashes of its first `sampleTokens` tokens only; past them, the plain
/// windows (`plainRun`) count their words from the bitmap (pairs of boundary bits: a popcount)
/// instead of hashing and looking each one up. The careful and per-scalar paths go on
/// hashing (their tokens past the sample are counted and dropped: `Scan.settleSample`), so word
/// counts, separators and the sentence end stay exact.
///
/// The line's fingerprint (identity for "repeated in this document" and the learned
/// per-source memory) must still tell apart two paragraphs that differ only past the sample:
/// a false "repeated" removes story text. Each counted window's bytes (up to the line's end)
/// are mixed into it (`mixWindow`: eight 64-bit lanes, each times its own odd constant, summed:
/// two texts that differ in one lane always differ in the sum), and at the line's end its
/// exact word count and byte length. Past the sample the fingerprint is therefore of the bytes
/// as they are: unlike a token's, not folded for case, digits or punctuation (two long
/// paragraphs that differ only in a number past the sample are different lines, which for a
/// story's paragraphs is what they are).
extension LineAnalyzer {
    /// Tokens hashed per line: a line's stopword density, language hits and furniture
    /// patterns come from its first `sampleTokens` tokens. Measured on the boilerplate pages
    /// (steady-state F1, halves A / B): 32 and more 0.9309 (0.9539 / 0.9071), 24 0.9304
    /// (0.9539 / 0.9061), 16 ~0.920; on the stage benchmark's articles 24 costs 7.5-7.8 µs per
    /// 4 KB against 8.1-8.4 for 32 in alternating runs (Benchmarks/HISTORY.md): 7 % of the time
    /// for a twentieth of a point of F1.
    static let sampleTokens = 24

    /// Odd multipliers below 2^31 (x86-64 multiplies by an immediate), one per eight bytes of a
    /// window.
    static let windowMultipliers: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (
        0x5bd1_e995, 0x2f1c_3a77, 0x7f4a_7c15, 0x1b87_3593, 0x6c8e_9cf5, 0x4cf5_ad43, 0x3c6e_f373, 0x7a2a_b1e7
    )

    /// The fingerprint `h` with the `valid` (1...64) bytes at `window` mixed in; bytes past
    /// `valid` (the next line) take no part.
    @inline(__always)
    static func mixWindow(_ window: UnsafePointer<UInt8>, bytes valid: Int, into h: UInt64) -> UInt64 {
        guard valid >= 64 else { return mixPartialWindow(window, bytes: valid, into: h) }
        let raw = UnsafeRawPointer(window)
        let m = windowMultipliers
        @inline(__always) func lane(_ k: Int, _ multiplier: UInt64) -> UInt64 {
            raw.loadUnaligned(fromByteOffset: 8 &* k, as: UInt64.self) &* multiplier
        }
        let s = (lane(0, m.0) &+ lane(1, m.1)) &+ (lane(2, m.2) &+ lane(3, m.3))
            &+ ((lane(4, m.4) &+ lane(5, m.5)) &+ (lane(6, m.6) &+ lane(7, m.7)))
        return (h ^ s) &* fingerprintPrime
    }

    /// `mixWindow` for a line's last, partial window: the bytes past `valid` read as zero.
    @inline(never)
    static func mixPartialWindow(_ window: UnsafePointer<UInt8>, bytes valid: Int, into h: UInt64) -> UInt64 {
        var lanes: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &lanes) { raw in
            raw.baseAddress?.copyMemory(from: window, byteCount: max(0, min(valid, 64)))
        }
        return withUnsafeBytes(of: &lanes) { raw in
            guard let base = raw.baseAddress?.assumingMemoryBound(to: UInt8.self) else { return h }
            return mixWindow(base, bytes: 64, into: h)
        }
    }

    /// Whether the `valid` (1...64) bytes at `window` hold × or ÷ (C3 97, C3 B7): the bitmap
    /// marks them as word bytes, but the per-scalar rules split a word there, so a window holding
    /// one is hashed word by word, not counted. Reads `window[-1]`.
    @inline(__always)
    static func hasTimesOrDivide(_ window: UnsafePointer<UInt8>, bytes valid: Int) -> Bool {
        let inLine = valid >= 64 ? UInt64.max : (UInt64(1) &<< UInt64(truncatingIfNeeded: valid)) &- 1
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        // First whether any byte is 97 or B7 at all (`x | 0x20 == B7`), one load a chunk: in
        // Latin prose almost never (×, ÷, ė, ķ, ŗ, ŷ), so the test with the byte before each,
        // twice the instructions, mostly does not run.
        var any = _mm_setzero_si128()
        for k in 0..<4 {
            let x = _mm_loadu_si128(UnsafeRawPointer(window + 16 &* k).assumingMemoryBound(to: __m128i.self))
            any = _mm_or_si128(any, _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8(Int8(bitPattern: 0xB7))))
        }
        guard _mm_movemask_epi8(any) != 0 else { return false }
        var marks: UInt64 = 0
        for k in 0..<4 {
            let at = window + 16 &* k
            let x = _mm_loadu_si128(UnsafeRawPointer(at).assumingMemoryBound(to: __m128i.self))
            let before = _mm_loadu_si128(UnsafeRawPointer(at - 1).assumingMemoryBound(to: __m128i.self))
            let afterC3 = _mm_cmpeq_epi8(before, _mm_set1_epi8(Int8(bitPattern: 0xC3)))
            let hit = _mm_and_si128(afterC3, _mm_cmpeq_epi8(_mm_or_si128(x, _mm_set1_epi8(0x20)), _mm_set1_epi8(Int8(bitPattern: 0xB7))))
            marks |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(hit))) &<< UInt64(16 &* k)
        }
        return marks & inLine != 0
        #else
        return hasTimesOrDivideLanes(window, bytes: valid)
        #endif
    }

    /// `hasTimesOrDivide` byte by byte (other targets; the tests' reference).
    static func hasTimesOrDivideLanes(_ window: UnsafePointer<UInt8>, bytes valid: Int) -> Bool {
        for k in 0..<min(valid, 64) where window[k &- 1] == 0xC3 && (window[k] == 0x97 || window[k] == 0xB7) {
            return true
        }
        return false
    }
}

extension LineAnalyzer.Scan {
    /// Drops the tokens past the line's sample (written by the careful and per-scalar paths,
    /// which hash every word), counting them in `tail`.
    @inline(__always)
    mutating func settleSample() {
        if count > limit {
            tail &+= count &- limit
            count = limit
        }
    }
}
