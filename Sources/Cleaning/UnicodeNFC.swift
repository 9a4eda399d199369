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
        } ?? text
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
            // Sixteen, then eight ASCII bytes at a time: the common case.
            if i + 16 <= n {
                let raw = UnsafeRawPointer(base + i)
                if (raw.loadUnaligned(as: UInt64.self) | raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) & 0x8080_8080_8080_8080 == 0 {
                    lastStable = i + 15
                    i += 16
                    continue
                }
            }
            if i + 8 <= n {
                let high = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080
                if high == 0 {
                    lastStable = i + 7
                    i += 8
                    continue
                }
                let ascii = high.trailingZeroBitCount >> 3  // ASCII bytes before the first other one
                if ascii > 0 {
                    lastStable = i + ascii - 1
                    i += ascii
                }
            }
            let b = p[i]
            if b < 0xCC {  // U+0000..U+02FF: all stable
                lastStable = i
                i += b < 0x80 ? 1 : 2
                continue
            }
            let (v, length) = decodeScalar(p, i)
            if isStable(v) {
                lastStable = i
                i += length
                continue
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
