/// Part of `LineAnalyzer` (LineAnalyzer.swift): the word loops of `plainRun`, one 64-byte window's words from its boundary bits.
extension LineAnalyzer {
    /// What a window's word loop leaves: where the hashes went up to, the fingerprint, and
    /// the first byte of a word it could not finish (-1 when none): one that runs past the
    /// window's boundary bits, or (with `latin` false) one holding × or ÷.
    struct WindowWords {
        var cursor: UnsafeMutablePointer<UInt64>
        var fingerprint: UInt64
        var open: Int
        var latin: Bool
    }

    /// The words of a window without non-ASCII bytes: each from a pair of boundary bits (its
    /// first byte, the separator after it), hashed with ASCII case folded and counted. Out of
    /// line, so that only the loop's own values are live in it (the boundary bits, the
    /// window, the output and the fingerprint) and the hash's constants stay in registers.
    @inline(never)
    static func asciiWords(
        _ window: UnsafePointer<UInt8>, bounds: UInt64, cursor start: UnsafeMutablePointer<UInt64>, fingerprint start2: UInt64
    ) -> WindowWords {
        windowWords(window, at: 0, bounds: bounds, cursor: start, fingerprint: start2, latin: false)
    }

    /// `asciiWords` for the window at `base + i` with Latin letters (leads C3-C5) in some words: those are
    /// hashed by `hashLatin`'s fold. A word holding × or ÷ stops the loop (`latin` false):
    /// the per-scalar rules split it.
    @inline(never)
    static func latinWords(
        _ base: UnsafePointer<UInt8>, at i: Int, bounds: UInt64, cursor start: UnsafeMutablePointer<UInt64>, fingerprint start2: UInt64
    ) -> WindowWords {
        windowWords(base, at: i, bounds: bounds, cursor: start, fingerprint: start2, latin: true)
    }

    /// The one loop of both: inlined into each with `latin` a constant, so `asciiWords` keeps no
    /// test for non-ASCII letters.
    @inline(__always)
    private static func windowWords(
        _ base: UnsafePointer<UInt8>, at i: Int, bounds: UInt64, cursor start: UnsafeMutablePointer<UInt64>, fingerprint start2: UInt64,
        latin: Bool
    ) -> WindowWords {
        let window = base + i
        var bounds = bounds
        var cursor = start
        var fingerprint = start2
        while bounds != 0 {
            let first = bounds.trailingZeroBitCount
            let rest = bounds & (bounds &- 1)
            if rest == 0 { return WindowWords(cursor: cursor, fingerprint: fingerprint, open: first, latin: true) }
            let after = rest.trailingZeroBitCount
            bounds = rest & (rest &- 1)
            var (h, letters) = hashASCII(window + first, length: after &- first)
            if latin && letters & 0x8080_8080_8080_8080 != 0 {
                // Two-byte Latin letters: the ASCII fold does not apply to them.
                guard let folded = hashLatinInline(base, i &+ first, i &+ after) else {
                    return WindowWords(cursor: cursor, fingerprint: fingerprint, open: first, latin: false)
                }
                h = folded
            }
            cursor.pointee = h
            cursor += 1
            fingerprint = (fingerprint ^ (letters & 0x4040_4040_4040_4040 == 0 ? digitToken : h)) &* fingerprintPrime
        }
        return WindowWords(cursor: cursor, fingerprint: fingerprint, open: -1, latin: true)
    }
}
