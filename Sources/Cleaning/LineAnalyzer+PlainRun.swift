/// Part of `LineAnalyzer` (LineAnalyzer.swift): the fast path over 64-byte windows with nothing the per-token rules must see.
extension LineAnalyzer {
    /// What `plainRun` left to its caller at the position it returns.
    enum PlainRunStop {
        /// The line is done.
        case end
        /// A word of 64 bytes or more, or one with × or ÷: the per-scalar rules.
        case perScalar
        /// A window that is not plain: word by word, with the gaps looked at.
        case careful
    }

    /// The words of `base[from..<end]`, 64-byte window after window while each is plain
    /// (`PlainWindow`): each window's words straight from the bitmap — the bits where it changes
    /// (a word's first byte, the separator after it), popped two at a time — hashed and counted,
    /// with no test of the gaps. A word running past a window starts the next one. Returns
    /// where it stopped and why. Out of line and without calls (`hashLatin` inlined), and with
    /// few values live in the word loop (the boundary bits, the window's and the output's
    /// pointers, the fingerprint), so that they and the constants stay in registers.
    @inline(never)
    static func plainRun(
        _ base: UnsafePointer<UInt8>, words bitmap: WordBits, from: Int, end: Int, out: UnsafeMutablePointer<UInt64>,
        scan: inout Scan
    ) -> (Int, PlainRunStop) {
        var cursor = out + scan.count
        var fingerprint = scan.fingerprint
        var i = from
        var result = (end, PlainRunStop.end)
        windows: while i < end {
            guard PlainWindow.isPlain(base + i, count: end &- i) else {
                result = (i, .careful)
                break
            }
            let m = bitmap.bits(at: i)
            var bounds = m ^ (m &<< 1)  // a word's first byte, the separator after it, ...
            let room = end &- i
            var next = i &+ 64
            if room < 64 {
                // Up to the line's newline (at `room`), which ends its last word.
                bounds &= (2 &<< UInt64(truncatingIfNeeded: room)) &- 1
                next = end
            }
            let window = base + i
            while bounds != 0 {
                let first = bounds.trailingZeroBitCount
                let rest = bounds & (bounds &- 1)
                let after = rest.trailingZeroBitCount
                if after == 64 {
                    // Past the window: the next one starts with it, unless it fills this one.
                    if first == 0 {
                        result = (i, .perScalar)
                        break windows
                    }
                    next = i &+ first
                    break
                }
                bounds = rest & (rest &- 1)
                var (h, letters) = hashASCII(window + first, length: after &- first)
                if letters & 0x8080_8080_8080_8080 != 0 {
                    // Two-byte Latin letters: the ASCII fold does not apply to them.
                    guard let latin = hashLatinInline(base, i &+ first, i &+ after) else {
                        result = (i &+ first, .perScalar)
                        break windows
                    }
                    h = latin
                }
                cursor.pointee = h
                cursor += 1
                fingerprint = (fingerprint ^ (letters & 0x4040_4040_4040_4040 == 0 ? digitToken : h)) &* fnvPrime
            }
            i = next
        }
        scan.count = out.distance(to: cursor)
        scan.fingerprint = fingerprint
        return result
    }
}
