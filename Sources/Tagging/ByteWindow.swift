#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// 64 bytes of text classified at once, one bit per byte (bit k is byte k): what the window scan
/// (`Tokenizer+Windows.swift`) pops its tokens from. A word's start and end are then two bit
/// scans, and whether the byte after it may join it to more ("CD&V", "300.000", a non-ASCII
/// byte) one bit test, where the per-token loop classified every byte through a table and a
/// branch. Bytes outside `valid` (past the text's end) have no bit in any mask.
struct ByteWindow {
    /// ASCII "A"-"Z".
    var upper: UInt64
    /// ASCII letters, either case.
    var letter: UInt64
    /// ASCII "0"-"9".
    var digit: UInt64
    /// Bytes from 0x80.
    var high: UInt64
    /// ASCII whitespace: " " and 0x09...0x0D, as `Tokenizer.ByteClass.space`.
    var space: UInt64
    /// "\n": a line break (newlineBefore, sentenceStart for the next token).
    var newline: UInt64
    /// "-": a joiner (`Tokenizer.ByteClass.joiner`) that marks its word (`Token.Bit.hyphen`).
    var hyphen: UInt64
    /// "'" and "&": the other joiners.
    var otherJoiner: UInt64
    /// "." and ",": inside a number between digits (`Tokenizer.ByteClass.numberJoiner`).
    var numberJoiner: UInt64
    /// Only where `high` has bits (zero otherwise, not computed): the lead bytes 0xC3...0xC5 of
    /// the Latin letters U+00C0...U+017F (`wideLead`: 0xC4, 0xC5, U+0100...U+017F), continuation
    /// bytes 0x80...0xBF, and the continuation bytes of the upper-case (0x80...0x9E but ×) and
    /// lower-case (0x9F...0xBF but ÷) letters after a 0xC3 lead.
    var lead: UInt64 = 0
    var wideLead: UInt64 = 0
    var continuation: UInt64 = 0
    var latinUpper: UInt64 = 0
    var latinLower: UInt64 = 0

    /// The 64 bytes at `p` (all readable), masked to `valid`.
    @inline(__always)
    init(_ p: UnsafePointer<UInt8>, valid: UInt64) {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        self.init(p, valid: valid, chunk: Self.chunkSSE2, latin: Self.latinSSE2)
        #else
        self.init(p, valid: valid, chunk: Self.chunkPortable, latin: Self.latinPortable)
        #endif
    }

    /// The same from Swift's SIMD lanes on any target (the tests' second opinion on x86-64).
    @inline(__always)
    init(portable p: UnsafePointer<UInt8>, valid: UInt64) {
        self.init(p, valid: valid, chunk: Self.chunkPortable, latin: Self.latinPortable)
    }

    /// The nine masks of 16 bytes, in the order of the stored properties.
    typealias Chunk = (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64)
    typealias LatinChunk = (UInt64, UInt64, UInt64, UInt64, UInt64)

    @inline(__always)
    private init(_ p: UnsafePointer<UInt8>, valid: UInt64, chunk: (UnsafeRawPointer) -> Chunk, latin: (UnsafeRawPointer) -> LatinChunk) {
        var m: Chunk = (0, 0, 0, 0, 0, 0, 0, 0, 0)
        for k in 0..<4 {
            let c = chunk(UnsafeRawPointer(p + 16 &* k))
            let s = UInt64(16 &* k)
            m = (m.0 | c.0 &<< s, m.1 | c.1 &<< s, m.2 | c.2 &<< s, m.3 | c.3 &<< s, m.4 | c.4 &<< s,
                 m.5 | c.5 &<< s, m.6 | c.6 &<< s, m.7 | c.7 &<< s, m.8 | c.8 &<< s)
        }
        upper = m.0 & valid
        letter = m.1 & valid
        digit = m.2 & valid
        high = m.3 & valid
        space = m.4 & valid
        newline = m.5 & valid
        hyphen = m.6 & valid
        otherJoiner = m.7 & valid
        numberJoiner = m.8 & valid
        // Windows of English (and most of Dutch) text have no byte from 0x80: no Latin masks. In
        // the others most 16-byte chunks have none either (a German window has one or two accented
        // letters): the masks of those chunks stay zero.
        guard high != 0 else { return }
        var l: LatinChunk = (0, 0, 0, 0, 0)
        for k in 0..<4 {
            let s = UInt64(16 &* k)
            guard (high &>> s) & 0xFFFF != 0 else { continue }
            let c = latin(UnsafeRawPointer(p + 16 &* k))
            l = (l.0 | c.0 &<< s, l.1 | c.1 &<< s, l.2 | c.2 &<< s, l.3 | c.3 &<< s, l.4 | c.4 &<< s)
        }
        lead = l.0 & valid
        continuation = l.1 & valid
        latinUpper = l.2 & valid
        latinLower = l.3 & valid
        wideLead = l.4 & valid
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// SSE2 (every x86-64 CPU): a range moved to the bottom of the signed lanes (`x + 0x80 - low`)
    /// and compared signed, `pmovmskb` to gather the lanes (as Cleaning's `ByteClasses`).
    @inline(__always)
    static func within(_ v: __m128i, _ low: UInt8, _ span: Int) -> __m128i {
        _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(Int8(bitPattern: 0x80 &- low))), _mm_set1_epi8(Int8(-128 + span)))
    }

    @inline(__always)
    static func equal(_ v: __m128i, _ c: UInt8) -> __m128i { _mm_cmpeq_epi8(v, _mm_set1_epi8(Int8(bitPattern: c))) }

    @inline(__always)
    static func bits(_ v: __m128i) -> UInt64 { UInt64(truncatingIfNeeded: UInt16(truncatingIfNeeded: _mm_movemask_epi8(v))) }

    @inline(__always)
    static func chunkSSE2(_ p: UnsafeRawPointer) -> Chunk {
        let x = _mm_loadu_si128(p.assumingMemoryBound(to: __m128i.self))
        let upper = within(x, 0x41, 26)
        let letter = within(_mm_or_si128(x, _mm_set1_epi8(0x20)), 0x61, 26)
        let digit = within(x, 0x30, 10)
        let space = _mm_or_si128(equal(x, 0x20), within(x, 0x09, 5))
        // "&" (0x26) and "'" (0x27) are one compare with the low bit set; "." (0x2E) and "," (0x2C) with bit 1.
        let other = equal(_mm_or_si128(x, _mm_set1_epi8(0x01)), 0x27)
        let numberJoiner = equal(_mm_or_si128(x, _mm_set1_epi8(0x02)), 0x2E)
        return (bits(upper), bits(letter), bits(digit), bits(x), bits(space), bits(equal(x, 0x0A)), bits(equal(x, 0x2D)),
                bits(other), bits(numberJoiner))
    }

    @inline(__always)
    static func latinSSE2(_ p: UnsafeRawPointer) -> LatinChunk {
        let x = _mm_loadu_si128(p.assumingMemoryBound(to: __m128i.self))
        let upper = _mm_andnot_si128(equal(x, 0x97), within(x, 0x80, 0x1F))
        let lower = _mm_andnot_si128(equal(x, 0xB7), within(x, 0x9F, 0x21))
        return (bits(within(x, 0xC3, 3)), bits(within(x, 0x80, 0x40)), bits(upper), bits(lower), bits(within(x, 0xC4, 2)))
    }

    /// The 16 bytes at `p` lower-cased as `Tokenizer.foldToken` lower-cases ASCII letters and
    /// Latin-1 letters after a 0xC3 lead (+0x20); the byte before `p` counts as no lead. Bytes
    /// past the word are lower-cased too (they are written past its end and overwritten).
    @inline(__always)
    static func lowered(_ p: UnsafePointer<UInt8>) -> (UInt64, UInt64) {
        let x = _mm_loadu_si128(UnsafeRawPointer(p).assumingMemoryBound(to: __m128i.self))
        // Each byte's predecessor (`pslldq` by one byte is a macro Swift does not import: the two
        // 64-bit halves shifted, and the first half's last byte carried into the second).
        let prev = _mm_or_si128(_mm_slli_epi64(x, 8), _mm_unpacklo_epi64(_mm_setzero_si128(), _mm_srli_epi64(x, 56)))
        let afterLead = equal(prev, 0xC3)
        let latin = _mm_and_si128(afterLead, _mm_andnot_si128(equal(x, 0x97), within(x, 0x80, 0x1F)))
        let up = _mm_or_si128(within(x, 0x41, 26), latin)
        let l = _mm_or_si128(x, _mm_and_si128(up, _mm_set1_epi8(0x20)))
        return unsafeBitCast(l, to: (UInt64, UInt64).self)
    }

    /// `lowered` for bytes without a Latin-1 letter: ASCII letters only.
    @inline(__always)
    static func loweredASCII(_ p: UnsafePointer<UInt8>) -> (UInt64, UInt64) {
        let x = _mm_loadu_si128(UnsafeRawPointer(p).assumingMemoryBound(to: __m128i.self))
        let l = _mm_or_si128(x, _mm_and_si128(within(x, 0x41, 26), _mm_set1_epi8(0x20)))
        return unsafeBitCast(l, to: (UInt64, UInt64).self)
    }
    #else
    @inline(__always)
    static func lowered(_ p: UnsafePointer<UInt8>) -> (UInt64, UInt64) { loweredPortable(p) }

    @inline(__always)
    static func loweredASCII(_ p: UnsafePointer<UInt8>) -> (UInt64, UInt64) { loweredPortable(p) }
    #endif

    typealias Bytes = SIMD16<UInt8>
    typealias Mask = SIMDMask<SIMD16<Int8>>

    @inline(__always)
    static func gather(_ mask: Mask) -> UInt64 {
        let lanes = Bytes(repeating: 0).replacing(with: 1, where: mask)
        let halves = unsafeBitCast(lanes, to: (UInt64, UInt64).self)
        let low = (halves.0 &* 0x0102_0408_1020_4080) &>> 56
        let high = (halves.1 &* 0x0102_0408_1020_4080) &>> 56
        return low | high &<< 8
    }

    @inline(__always)
    static func within(_ v: Bytes, _ low: UInt8, _ span: UInt8) -> Mask { v &- Bytes(repeating: low) .< Bytes(repeating: span) }

    @inline(__always)
    static func equal(_ v: Bytes, _ c: UInt8) -> Mask { v .== Bytes(repeating: c) }

    @inline(__always)
    static func chunkPortable(_ p: UnsafeRawPointer) -> Chunk {
        let x = p.loadUnaligned(as: Bytes.self)
        let space = equal(x, 0x20) .| within(x, 0x09, 5)
        return (gather(within(x, 0x41, 26)), gather(within(x | Bytes(repeating: 0x20), 0x61, 26)), gather(within(x, 0x30, 10)),
                gather(within(x, 0x80, 128)), gather(space), gather(equal(x, 0x0A)), gather(equal(x, 0x2D)),
                gather(equal(x | Bytes(repeating: 0x01), 0x27)), gather(equal(x | Bytes(repeating: 0x02), 0x2E)))
    }

    @inline(__always)
    static func latinPortable(_ p: UnsafeRawPointer) -> LatinChunk {
        let x = p.loadUnaligned(as: Bytes.self)
        return (gather(within(x, 0xC3, 3)), gather(within(x, 0x80, 0x40)), gather(within(x, 0x80, 0x1F) .& .!equal(x, 0x97)),
                gather(within(x, 0x9F, 0x21) .& .!equal(x, 0xB7)), gather(within(x, 0xC4, 2)))
    }

    @inline(__always)
    static func loweredPortable(_ p: UnsafePointer<UInt8>) -> (UInt64, UInt64) {
        let x = UnsafeRawPointer(p).loadUnaligned(as: Bytes.self)
        let (c0, c1) = unsafeBitCast(x, to: (UInt64, UInt64).self)
        let prev = unsafeBitCast((c0 &<< 8, c1 &<< 8 | c0 &>> 56), to: Bytes.self)
        let up = within(x, 0x41, 26) .| (equal(prev, 0xC3) .& within(x, 0x80, 0x1F) .& .!equal(x, 0x97))
        return unsafeBitCast(x | Bytes(repeating: 0).replacing(with: 0x20, where: up), to: (UInt64, UInt64).self)
    }
}
