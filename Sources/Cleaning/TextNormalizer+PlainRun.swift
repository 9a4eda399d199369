/// The normaliser's plain runs: input that is copied as it is (see `TextNormalizer.write`).
extension TextNormalizer {
    /// Printable ASCII except `<` and `&`, as masks over 0x00-0x3F and 0x40-0x7F.
    static let plainLow: UInt64 = 0xEFFF_FFBE_0000_0000
    static let plainHigh: UInt64 = 0x7FFF_FFFF_FFFF_FFFF

    @inline(__always)
    static func isPlainASCII(_ c: UInt8) -> Bool {
        guard c < 0x80 else { return false }
        let mask = c < 0x40 ? plainLow : plainHigh
        return (mask >> UInt64(c & 0x3F)) & 1 != 0
    }

    /// Length of the UTF-8 sequence at `j` when it is a scalar that passes through unchanged
    /// (see `isPlain`), judged from its bytes without decoding; 0 otherwise.
    @inline(__always)
    static func plainMultibyteLength(_ p: UnsafeBufferPointer<UInt8>, _ j: Int) -> Int {
        let c = p[j]
        let n = p.count
        switch c {
        case 0xC3...0xDF:
            return j + 1 < n ? 2 : 0
        case 0xE4...0xEE:
            return j + 2 < n ? 3 : 0
        case 0xE2:
            guard j + 2 < n else { return 0 }
            let c1 = p[j + 1]
            let c2 = p[j + 2]
            if c1 == 0x80, c2 <= 0x8F || (c2 >= 0xA8 && c2 <= 0xAF) { return 0 }  // U+2000-200F, 2028-202F
            if c1 == 0x81, c2 >= 0x9F, c2 <= 0xA4 { return 0 }  // U+205F-2064
            return 3
        case 0xF0...0xF4:
            return j + 3 < n ? 4 : 0
        default:
            return 0  // C2 (controls, nbsp, soft hyphen), E1 (U+1680), E3 (U+3000), EF (U+FEFF)
        }
    }

    /// The per-byte rules of a plain run, at `j` where the vector test stopped: where the run
    /// goes on when the bytes at `j` continue it, nil when it ends there. A space continues it
    /// only with plain text after it (a second space or a break still needs collapsing).
    @inline(__always)
    static func plainStep(_ p: UnsafeBufferPointer<UInt8>, at j: Int) -> Int? {
        let c = p[j]
        // The vector pass may also stop inside a sequence whose lead it judged plain.
        if isPlainASCII(c) || c & 0xC0 == 0x80 { return j + 1 }
        if c == 0x20 {
            guard j + 1 < p.count else { return nil }
            let d = p[j + 1]
            if isPlainASCII(d) { return j + 2 }
            if d >= 0x80 {
                let length = plainMultibyteLength(p, j + 1)
                if length > 0 { return j + 1 + length }
            }
            return nil
        }
        if c >= 0x80 {
            let length = plainMultibyteLength(p, j)
            if length > 0 { return j + length }
        }
        return nil
    }

    /// `plainRunEnd` for the run that starts at `start` (its first character ends at `first`),
    /// copying its bytes to `out` (`out[k - start]` is `p[k]`) as they are scanned: the vector
    /// loops store each chunk they test (`PlainBytes16.stops32`, `stops16`), so the run is not
    /// read again by a `memmove` once its end is known (one call a line, some 40 instructions
    /// each, and the load of every byte). `out` must have room for `p.count - start` bytes: a
    /// chunk stored past the run's end writes bytes that the writer does not count (and
    /// overwrites later). Between vector stretches the per-byte rules step over at most five
    /// bytes; the next stretch first stores the sixteen bytes from the last one copied, which
    /// covers them. Returns the run's end, as `plainRunEnd`.
    @inline(__always)
    static func copyPlainRun(_ p: UnsafeBufferPointer<UInt8>, from start: Int, after first: Int, into out: UnsafeMutablePointer<UInt8>) -> Int {
        let n = p.count
        var j = first
        guard let base = p.baseAddress else { return j }
        var copied = start  // bytes before this one are in `out`
        while true {
            if j &+ 17 <= n {
                PlainBytes16.copy16(UnsafeRawPointer(base + copied), to: UnsafeMutableRawPointer(out + (copied &- start)))
                vector: do {
                    // One chunk alone first: a short run (text between tags) ends in it.
                    let head = PlainBytes16.stops16(UnsafeRawPointer(base + j), copyingTo: UnsafeMutableRawPointer(out + (j &- start)))
                    if head != 0 {
                        j &+= head.trailingZeroBitCount
                        break vector
                    }
                    j &+= 16
                    while j &+ 33 <= n {
                        let stops = PlainBytes16.stops32(UnsafeRawPointer(base + j), copyingTo: UnsafeMutableRawPointer(out + (j &- start)))
                        if stops != 0 {
                            j &+= stops.trailingZeroBitCount
                            break vector
                        }
                        j &+= 32
                    }
                    while j &+ 17 <= n {
                        let stops = PlainBytes16.stops16(UnsafeRawPointer(base + j), copyingTo: UnsafeMutableRawPointer(out + (j &- start)))
                        if stops != 0 {
                            j &+= stops.trailingZeroBitCount
                            break vector
                        }
                        j &+= 16
                    }
                }
                copied = j
            }
            guard j < n, let step = plainStep(p, at: j) else { break }
            j = step
        }
        if p[j - 1] == 0x20 { j -= 1 }  // never the run's first byte, which is not a space
        if copied < j { (out + (copied &- start)).update(from: base + copied, count: j &- copied) }
        return j
    }

    /// End of the run, continuing at `first`, that can be copied as it is: plain characters, with single
    /// spaces between them (a space followed by another space or a break still needs collapsing).
    /// The scan alone: the normaliser scans and copies at once (`copyPlainRun`), which the tests
    /// hold to this.
    ///
    /// Sixteen bytes at a time (`PlainBytes16`) while they are plain ASCII with single spaces;
    /// the per-byte rules take over at the first other byte. A space followed by something
    /// other than plain text must not be copied: the vector test lets such a space through,
    /// so the run is cut back before it at the end.
    @inline(__always)
    static func plainRunEnd(_ p: UnsafeBufferPointer<UInt8>, after first: Int) -> Int {
        let n = p.count
        var j = first
        guard let base = p.baseAddress else { return j }
        while true {
            while j &+ 17 <= n {
                let stop = PlainBytes16.firstStop(UnsafeRawPointer(base + j))
                j &+= stop
                if stop < 16 { break }
            }
            guard j < n, let step = plainStep(p, at: j) else { break }
            j = step
        }
        if p[j - 1] == 0x20 { j -= 1 }  // never the run's first byte, which is not a space
        return j
    }
}
