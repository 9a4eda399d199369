#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

import Foundation

/// NFC, applied only where the text needs it. Almost all news text is already NFC, and
/// composing a whole article with Foundation costs more than the rest of the cleaning together.
///
/// A code point that is NFC-stable (NFC_QC = Yes and combining class 0, see
/// `nfcUnstableRanges`) is a safe boundary: NFC of the text is NFC of the stretches between
/// such boundaries, each composed on its own. So the scan looks for unstable code points, and
/// only the stretch around each (from the stable code point before it to the next stable one)
/// goes through Foundation; everything else is copied.
enum UnicodeNFC {
    static func normalize(_ text: String) -> String {
        composed(text) ?? text
    }

    /// NFC of `text`, or nil when NFC leaves it as it is.
    static func composed(_ text: String) -> String? {
        var copy = text
        return copy.withUTF8 { p -> String? in
            let segments = unstableSegments(p).filter { needsComposition(UnsafeBufferPointer(rebasing: p[$0])) }
            guard !segments.isEmpty else { return nil }
            var out: [UInt8] = []
            out.reserveCapacity(p.count + 16)
            var copied = 0
            for segment in segments {
                out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<segment.lowerBound]))
                let piece = String(decoding: UnsafeBufferPointer(rebasing: p[segment]), as: UTF8.self)
                out.append(contentsOf: piece.precomposedStringWithCanonicalMapping.utf8)
                copied = segment.upperBound
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: p[copied..<p.count]))
            return String(decoding: out, as: UTF8.self)
        }
    }

    /// Whether some byte of `p` is 0xCC or above: a lead that may start a scalar NFC changes
    /// (or a later byte of a sequence from E0), for stretches whose scalars nothing else looks at.
    /// Eight bytes at a time (7-bit lanes: a byte from CC has bit 7 and, with 0x34 added to its
    /// low seven bits, a carry into bit 7).
    static func hasLeadFrom0xCC(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = p.baseAddress else { return false }
        let n = p.count
        let ones: UInt64 = 0x0101_0101_0101_0101
        var i = 0
        while i &+ 8 <= n {
            let x = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            if x & (((x & (0x7F &* ones)) &+ 0x34 &* ones)) & (0x80 &* ones) != 0 { return true }
            i &+= 8
        }
        while i < n {
            if base[i] >= 0xCC { return true }
            i &+= 1
        }
        return false
    }

    /// Byte ranges that may change under NFC, in order and disjoint: each runs from the last
    /// stable code point before an unstable one to the next stable code point.
    static func unstableSegments(_ p: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        guard let base = p.baseAddress else { return [] }
        let stable = stableBMP
        return stable.withUnsafeBufferPointer { bitmap in
            unstableSegments(p, base: base, bitmap: bitmap)
        }
    }

    private static func unstableSegments(
        _ p: UnsafeBufferPointer<UInt8>, base: UnsafePointer<UInt8>, bitmap: UnsafeBufferPointer<UInt64>
    ) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        let n = p.count
        @inline(__always) func isStable(_ v: UInt32) -> Bool {
            v <= 0xFFFF ? (bitmap[Int(v >> 6)] >> UInt64(v & 63)) & 1 != 0 : Self.isStable(v)
        }
        var i = 0
        var lastStable = 0  // start of the last stable code point seen
        while i < n {
            // Only lead bytes from 0xCC (U+0300 and up) can start an unstable code point (and
            // of those, not CF-D1, see `LeadBytes16`):
            // ASCII, Latin-1 and Latin Extended letters (C2..CB) and all continuation bytes are
            // skipped sixteen at a time, so accented prose does not stop the scan per letter.
            // Four blocks tested together first: most of a text is 64-byte stretches without one.
            // A loop of its own with unchecked steps: through the outer loop, with overflow
            // checks, each block cost nine instructions of loop control. (Eight blocks a test
            // cost more: a stretch that fails it is tested again in halves.)
            while i &+ 64 <= n, LeadBytes16.noneFrom0xCC64(UnsafeRawPointer(base + i)) { i &+= 64 }
            if i + 16 <= n {
                let stop = LeadBytes16.firstFrom0xCC(UnsafeRawPointer(base + i))
                i += stop
                if stop == 16 { continue }
            } else {
                while i < n, base[i] < 0xCC { i += 1 }
                guard i < n else { break }
            }
            let (v, length) = decodeScalar(p, i)
            if isStable(v) {
                i += length
                continue
            }
            // Every code point since the last segment was stable; the one just before `i`
            // (stepping back over continuation bytes) is the last of them.
            if i > 0 {
                var k = i - 1
                while k > 0, base[k] & 0xC0 == 0x80 { k -= 1 }
                lastStable = k
            }
            // Unstable: the segment ends where the next stable code point starts.
            var j = i + length
            while j < n {
                let (w, wLength) = decodeScalar(p, j)
                if isStable(w) { break }
                j += wLength
            }
            let start = segments.last.map { max($0.upperBound, lastStable) } ?? lastStable
            segments.append(start..<j)
            lastStable = j
            i = j
        }
        return segments
    }

    /// The NFC quick check (UAX #15) on one stretch: true unless every code point has
    /// NFC_QC = Yes and the combining marks are in canonical order. Combining marks that compose
    /// with nothing (a virama, Arabic vowel signs) then cost no composition.
    static func needsComposition(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        var lastClass: UInt8 = 0
        while i < p.count {
            let (v, length) = decodeScalar(p, i)
            i += length
            if quickCheckNotYes(v) { return true }
            let combiningClass = Unicode.Scalar(v)?.properties.canonicalCombiningClass.rawValue ?? 0
            if combiningClass != 0, lastClass > combiningClass { return true }
            lastClass = combiningClass
        }
        return false
    }

    private static let notYesBMP: [UInt64] = bitmap(of: nfcQuickCheckNotYesRanges)

    private static func quickCheckNotYes(_ v: UInt32) -> Bool {
        if v < 0x300 { return false }
        if v <= 0xFFFF { return (notYesBMP[Int(v >> 6)] >> UInt64(v & 63)) & 1 != 0 }
        return contains(nfcQuickCheckNotYesRanges, v)
    }

    /// Bit v set for each BMP code point v in `ranges`.
    private static func bitmap(of ranges: [(UInt32, UInt32)]) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: 1024)
        for (low, high) in ranges where low <= 0xFFFF {
            for v in low...min(high, 0xFFFF) { bits[Int(v >> 6)] |= UInt64(1) << UInt64(v & 63) }
        }
        return bits
    }

    /// Binary search of sorted, disjoint inclusive ranges.
    private static func contains(_ ranges: [(UInt32, UInt32)], _ v: UInt32) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].1 < v { low = mid + 1 } else { high = mid }
        }
        return low < ranges.count && ranges[low].0 <= v
    }

    /// Stable code points of the BMP as a bitmap (8 KB), built once from the generated ranges.
    private static let stableBMP: [UInt64] = bitmap(of: nfcUnstableRanges).map { ~$0 }

    @inline(__always)
    static func isStable(_ v: UInt32) -> Bool {
        if v < 0x300 { return true }
        if v <= 0xFFFF {
            return stableBMP.withUnsafeBufferPointer { ($0[Int(v >> 6)] >> UInt64(v & 63)) & 1 != 0 }
        }
        return !contains(nfcUnstableRanges, v)  // supplementary planes
    }
}

/// Bytes tested sixteen (or 64) at a time for the NFC scan, in SSE2 lane operations.
enum LeadBytes16 {
    typealias Bytes = SIMD16<UInt8>

    /// Bit 7 set in the lanes of the 16 bytes at `p` that are 0xCC or above, without the leads
    /// CF-D1 (U+03C0-047F: Greek and Cyrillic letters, all NFC-stable, which a test checks
    /// against the table): Russian or Greek prose no longer stops the scan at every letter.
    /// Used after the cheaper 64-byte test has failed.
    @inline(__always)
    static func lanesMaybeUnstable(_ p: UnsafeRawPointer) -> Bytes {
        let x = p.loadUnaligned(as: Bytes.self)
        let seven = x & Bytes(repeating: 0x7F)
        let from0xCC = x & (seven &+ Bytes(repeating: 0x80 - 0x4C))
        let stableLead = (seven &+ Bytes(repeating: 0x80 - 0x4F)) & ~(seven &+ Bytes(repeating: 0x80 - 0x52))  // CF-D1
        return from0xCC & ~stableLead & Bytes(repeating: 0x80)
    }

    /// Whether none of the 64 bytes at `p` is 0xCC or above: CC-FF moved to the bottom of the
    /// signed lanes (`x + 0x80 + 0x34`) and compared signed, two instructions a load (as in
    /// `WordBitmap.mask16`).
    @inline(__always)
    static func noneFrom0xCC64(_ p: UnsafeRawPointer) -> Bool {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        // SSE2: the bytewise maximum of the four loads (`pmaxub`), one compare of it, and
        // `pmovmskb`: about half the instructions of four compares and a movemask emulated.
        @inline(__always) func load(_ offset: Int) -> __m128i {
            _mm_loadu_si128((p + offset).assumingMemoryBound(to: __m128i.self))
        }
        let top = _mm_max_epu8(_mm_max_epu8(load(0), load(16)), _mm_max_epu8(load(32), load(48)))
        let from0xCC = _mm_cmplt_epi8(_mm_add_epi8(top, _mm_set1_epi8(Int8(bitPattern: 0x80 &+ 0x34))), _mm_set1_epi8(-128 + 0x34))
        return _mm_movemask_epi8(from0xCC) == 0
        #else
        return noneFrom0xCC64Portable(p)
        #endif
    }

    /// `noneFrom0xCC64` in Swift's SIMD types (any target; on x86-64 the tests' second opinion).
    @inline(__always)
    static func noneFrom0xCC64Portable(_ p: UnsafeRawPointer) -> Bool {
        typealias Signed = SIMD16<Int8>
        @inline(__always) func high(_ offset: Int) -> SIMDMask<Signed> {
            let x = p.loadUnaligned(fromByteOffset: offset, as: Bytes.self)
            return unsafeBitCast(x &+ Bytes(repeating: 0x80 &+ 0x34), to: Signed.self) .<= Signed(repeating: -128 + 0x33)
        }
        let any = high(0) .| high(16) .| high(32) .| high(48)
        let lanes = unsafeBitCast(Bytes(repeating: 0).replacing(with: 0xFF, where: any), to: (UInt64, UInt64).self)
        return lanes.0 | lanes.1 == 0
    }

    /// Index of the first of the 16 bytes at `p` that is 0xCC or above, leads CF-D1 aside
    /// (16 when none).
    @inline(__always)
    static func firstFrom0xCC(_ p: UnsafeRawPointer) -> Int {
        let stop = lanesMaybeUnstable(p)
        let halves = unsafeBitCast(stop, to: (UInt64, UInt64).self)
        if halves.0 != 0 { return halves.0.trailingZeroBitCount >> 3 }
        if halves.1 != 0 { return 8 + halves.1.trailingZeroBitCount >> 3 }
        return 16
    }
}
