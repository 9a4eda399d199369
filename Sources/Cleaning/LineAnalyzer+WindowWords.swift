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

    /// `latinWords` by way of a folded copy of the window (`foldWindow`: case and accents
    /// folded sixteen bytes at a time, as `hashLatin` folds a word's bytes): every word is then
    /// hashed as an ASCII word is, with no test per word for two-byte letters (a branch that
    /// mispredicts on accented prose) and no lane fold per accented word. Equal to
    /// `latinWords` (the same folded bytes reach the same hash). A window holding × or ÷, or
    /// at the very start of the buffer (no byte before it), takes `latinWords` itself.
    /// `high`: the window's non-ASCII word bytes, when known (`foldWindow`).
    @inline(never)
    static func foldedWords(
        _ base: UnsafePointer<UInt8>, at i: Int, bounds: UInt64, cursor start: UnsafeMutablePointer<UInt64>, fingerprint start2: UInt64,
        high: UInt64 = .max
    ) -> WindowWords {
        // 64 folded bytes and room for the eight-byte loads of a word ending at the window's end.
        var buffer: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        return withUnsafeMutableBytes(of: &buffer) { raw in
            guard i > 0, let out = raw.baseAddress?.assumingMemoryBound(to: UInt8.self),
                foldWindow(base + i, into: out, high: high) == 0
            else {
                return windowWords(base, at: i, bounds: bounds, cursor: start, fingerprint: start2, latin: true)
            }
            return windowWords(UnsafePointer(out), at: 0, bounds: bounds, cursor: start, fingerprint: start2, latin: false, folded: true)
        }
    }

    /// The one loop of both: inlined into each with `latin` a constant, so `asciiWords` keeps no
    /// test for non-ASCII letters.
    @inline(__always)
    private static func windowWords(
        _ base: UnsafePointer<UInt8>, at i: Int, bounds: UInt64, cursor start: UnsafeMutablePointer<UInt64>, fingerprint start2: UInt64,
        latin: Bool, folded: Bool = false
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
            var (h, letters) = folded
                ? hashFolded(window + first, length: after &- first) : hashASCII(window + first, length: after &- first)
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
