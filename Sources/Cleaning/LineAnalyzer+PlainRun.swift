/// Part of `LineAnalyzer` (LineAnalyzer.swift): the fast path over the plain stretches of a line, where nothing the per-token rules must see lies.
extension LineAnalyzer {
    /// What `plainRun` left to its caller at the position it returns.
    enum PlainRunStop {
        /// The line is done.
        case end
        /// A word of 64 bytes or more, or one with × or ÷: the per-scalar rules.
        case perScalar
        /// Flagged bytes ahead: word by word, with the gaps looked at, up to `carefulEnd`.
        case careful
    }

    /// The words of `base[from..<end]`, 64-byte window after window, straight from the bitmap:
    /// the bits where it changes (a word's first byte, the separator after it), popped two at a
    /// time, hashed and counted, with no test of the gaps. A word running past a window starts
    /// the next one. Flagged bytes (`PlainWindow`, one bit per byte beside the word bits) that
    /// need no per-token rule are settled in the window first (`settleFlags`: apostrophes inside
    /// ASCII words, separator punctuation such as dashes and most quotes). In a window with
    /// flagged bytes left, only the words that end before the first of them; the caller's
    /// careful path then takes over from there to past the window's last flagged byte
    /// (`carefulEnd`), so a ’ or a `|` costs the careful path one or two words, not 64 bytes.
    /// Returns where it stopped, why, and (for `careful`) where the careful stretch ends. The
    /// words themselves are hashed by a loop out of line (`asciiWords` when the window has no
    /// byte from 0x80, else `foldedWords`, over a folded copy of the window), in which only the
    /// loop's own values are live.
    @inline(never)
    static func plainRun(
        _ base: UnsafePointer<UInt8>, words bitmap: WordBits, from: Int, end: Int, out: UnsafeMutablePointer<UInt64>,
        scan: inout Scan
    ) -> (stop: Int, next: PlainRunStop, carefulEnd: Int) {
        var cursor = out + scan.count
        var fingerprint = scan.fingerprint
        // Past the line's sample, a window's words are counted, not hashed.
        let sampleEnd = out + scan.limit
        var tail = scan.tail
        var i = from
        var result = (end, PlainRunStop.end, end)
        windows: while i < end {
            var m = bitmap.bits(at: i)
            var special = bitmap.special(at: i)
            let room = end &- i
            var next = i &+ 64
            var line = UInt64.max
            // A branch (`_slowPath`): computed for every window and selected, the line's mask
            // cost some eight instructions a window (the line's last window is one in five).
            if _slowPath(room < 64) {
                // Up to the line's newline (at `room`), which ends its last word (and is not special).
                line = (2 &<< UInt64(truncatingIfNeeded: room)) &- 1
                special &= line
                next = end
            }
            var flags = special & ~m
            if flags != 0 { settleFlags(base + i, words: &m, flags: &flags, high: &special) }
            // The non-ASCII bytes of the window's words (after `settleFlags`, which takes the
            // settled punctuation's bytes out of both masks).
            let high = special & m
            var bounds = (m ^ (m &<< 1)) & line  // a word's first byte, the separator after it, ...
            var carefulEnd = 0
            if flags != 0 {
                // The words that end before the first flagged byte (the byte after a word may
                // join it to the next, as an apostrophe does); the careful path does the rest.
                bounds &= (1 &<< UInt64(truncatingIfNeeded: flags.trailingZeroBitCount)) &- 1
                carefulEnd = i &+ (64 &- flags.leadingZeroBitCount)
                next = i &+ (bounds == 0 ? 0 : 64 &- bounds.leadingZeroBitCount &- 1)
            }
            // The first byte of a word that runs past the window (or into a flagged byte).
            var open = -1
            if bounds != 0 {
                if cursor < sampleEnd || (high != 0 && hasTimesOrDivide(base + i, bytes: min(room, 64))) {
                    // Hashed: the line's sample is not full yet (the window's words past it are
                    // hashed too, then dropped: cutting them off cost as much as it saved), or
                    // the window holds × or ÷ (the per-scalar rules split a word there).
                    let words = high == 0
                        ? asciiWords(base + i, bounds: bounds, cursor: cursor, fingerprint: fingerprint)
                        : foldedWords(base, at: i, bounds: bounds, cursor: cursor, fingerprint: fingerprint, high: high)
                    cursor = words.cursor
                    fingerprint = words.fingerprint
                    open = words.open
                    if cursor > sampleEnd {
                        tail &+= sampleEnd.distance(to: cursor)
                        cursor = sampleEnd
                    }
                    if !words.latin {
                        result = (i &+ open, .perScalar, end)
                        break
                    }
                } else {
                    // Counted: a word is a pair of boundary bits; an odd one out is a word the
                    // window does not finish (`open`, as the word loops leave it).
                    let pairs = bounds.nonzeroBitCount
                    tail &+= pairs &>> 1
                    if pairs & 1 != 0 { open = 63 &- bounds.leadingZeroBitCount }
                    fingerprint = mixWindow(base + i, bytes: min(room, 64), into: fingerprint)
                }
            }
            if carefulEnd != 0 {
                // At the open word, or after the last word kept: a separator (or the window's start).
                result = (open >= 0 ? i &+ open : next, .careful, carefulEnd)
                break
            }
            if open >= 0 {
                // Past the window: the next one starts with it, unless it fills this one.
                if open == 0 {
                    result = (i, .perScalar, end)
                    break
                }
                next = i &+ open
            }
            i = next
        }
        scan.count = out.distance(to: cursor)
        scan.fingerprint = fingerprint
        scan.tail = tail
        return result
    }
}
