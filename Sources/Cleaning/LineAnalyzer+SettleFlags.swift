/// Part of `LineAnalyzer` (LineAnalyzer.swift): flagged bytes of a window whose outcome the window path can settle itself.
extension LineAnalyzer {
    /// Settles the flagged bytes of the 64-byte window at `window` that need no per-token
    /// rule, so that the window stays on the plain path (`plainRun`) instead of sending a
    /// stretch to the careful path. Any other flagged byte keeps its flag, as before.
    ///
    /// - An ASCII apostrophe between two ASCII letters or digits ("don't", "l'homme",
    ///   "dell'anno") joins them into one word, as the per-scalar rules join them (an apostrophe
    ///   inside a word, a word character right after it): it becomes a word byte, hashed with
    ///   the word like any ASCII byte. Not at the window's edges (a neighbour's bit outside
    ///   `words`), nor next to a byte from 0x80 (whose scalar the rules would classify).
    /// - Punctuation from E2 80 (U+2000-203F: dashes, curly quotes other than ’, „, …, spaces)
    ///   and C2 (U+0080-00BF: «, ©, °, £, no-break space ...) that the rules classify as
    ///   separators and do not count as list separators: its continuation bytes lose their
    ///   word bits (the bitmap marks every continuation byte), all its bytes their special
    ///   bits (`high`: `ByteClasses`' special bits; a settled apostrophe, an ASCII byte of a
    ///   word now, loses its own). Kept flagged: ’ (an apostrophe), • and › (list separators), · and » (list
    ///   separators after a space), and the C2 letters and numbers ª ² ³ µ ¹ º ¼ ½ ¾ (words).
    ///   A sequence must end inside the window.
    ///
    /// The ASCII apostrophe and these sequences are most of the flagged bytes of the sample
    /// articles' prose.
    @inline(__always)
    static func settleFlags(_ window: UnsafePointer<UInt8>, words m: inout UInt64, flags: inout UInt64, high: inout UInt64) {
        var rest = flags
        while rest != 0 {
            let p = rest.trailingZeroBitCount
            rest &= rest &- 1
            let bit = UInt64(1) &<< UInt64(truncatingIfNeeded: p)
            switch window[p] {
            case 0x27:
                // Both neighbours word bytes (bits p-1 and p+1) and ASCII.
                guard p >= 1, p <= 62, (m &>> UInt64(truncatingIfNeeded: p &- 1)) & 5 == 5,
                    (window[p &- 1] | window[p &+ 1]) < 0x80
                else { continue }
                m |= bit
                flags &= ~bit
                high &= ~bit  // an ASCII byte of the word now
            case 0xE2:
                guard p <= 61, window[p &+ 1] == 0x80,
                    (separatorsAfterE280 &>> UInt64(window[p &+ 2] & 0x3F)) & 1 != 0
                else { continue }
                m &= ~(bit &* 6)
                high &= ~(bit &* 7)
                flags &= ~bit
            case 0xC2:
                guard p <= 62, (separatorsAfterC2 &>> UInt64(window[p &+ 1] & 0x3F)) & 1 != 0 else { continue }
                m &= ~(bit &* 2)
                high &= ~(bit &* 3)
                flags &= ~bit
            default:
                continue
            }
        }
    }

    /// Bit k: U+2000 + k (E2 80 80+k) is a separator the window path may skip: all of
    /// U+2000-203F but ’ (U+2019, an apostrophe), • (U+2022) and › (U+203A), list separators.
    static let separatorsAfterE280: UInt64 = ~((1 << 0x19) | (1 << 0x22) | (1 << 0x3A))

    /// Bit k: U+0080 + k (C2 80+k) is a separator the window path may skip: all of
    /// U+0080-00BF but the word characters ª ² ³ µ ¹ º ¼ ½ ¾ and the list separators · ».
    static let separatorsAfterC2: UInt64 = ~((1 << 0x2A) | (1 << 0x32) | (1 << 0x33) | (1 << 0x35) | (1 << 0x37) | (1 << 0x39)
        | (1 << 0x3A) | (1 << 0x3B) | (1 << 0x3C) | (1 << 0x3D) | (1 << 0x3E))
}
