import Foundation

/// NFC via Foundation, but only for texts that might need it. Almost all news text is already
/// NFC; composing every article would cost more than the rest of the cleaning together.
enum UnicodeNFC {
    static func normalize(_ text: String) -> String {
        var copy = text
        let needed = copy.withUTF8 { mightNeedComposition($0) }
        guard needed else { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// A superset test of Unicode's NFC quick check: true for any scalar that is not known to be
    /// stable under NFC (combining marks, jamo, Indic and other scripts with composition,
    /// singletons). False negatives are impossible; false positives only cost time.
    static func mightNeedComposition(_ p: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        let n = p.count
        while i < n {
            // Eight ASCII bytes at a time: the common case.
            if i + 8 <= n, let base = p.baseAddress {
                let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
                if word & 0x8080_8080_8080_8080 == 0 {
                    i += 8
                    continue
                }
            }
            let b = p[i]
            if b < 0xCC {  // U+0000..U+02FF: no composing characters, and ASCII/Latin-1/Ext-A/B
                i += b < 0x80 ? 1 : 2
                continue
            }
            let (v, len) = decodeScalar(p, i)
            i += len
            if isStable(v) { continue }
            return true
        }
        return false
    }

    @inline(__always)
    private static func isStable(_ v: UInt32) -> Bool {
        switch v {
        case 0x0388...0x03FF: return true  // Greek letters (U+0374, U+037E, U+0387 are singletons)
        case 0x0400...0x0482, 0x048A...0x058F: return true  // Cyrillic, Armenian letters
        case 0x05D0...0x05EA, 0x0620...0x064A: return true  // Hebrew, Arabic letters
        case 0x1E00...0x1EFF: return true  // Latin Extended Additional (precomposed)
        case 0x2002...0x20CF: return true  // spaces, zero-width, punctuation, super/subscripts, currency
        case 0x2100...0x2125, 0x2127...0x2129, 0x212C...0x212F: return true  // letterlike (not Ω K Å)
        case 0x2130...0x2328, 0x232B...0x2ADB, 0x2ADD...0x2BFF: return true  // symbols, arrows, math
        case 0x3000...0x3098, 0x309B...0x30FF: return true  // CJK punctuation, kana (no dakuten marks)
        case 0x3400...0x4DBF, 0x4E00...0x9FFF: return true  // CJK ideographs
        case 0xAC00...0xD7A3: return true  // Hangul syllables (a following jamo is caught itself)
        case 0xE000...0xF8FF: return true  // private use
        case 0xFE00...0xFE0F, 0xFEFF: return true  // variation selectors, BOM (class 0, no composition)
        case 0xFF00...0xFFEF: return true  // half/full width forms
        case 0x1F000...0x1FAFF: return true  // emoji and pictographs
        default: return false
        }
    }
}
