/// Part of `Tokenizer` (Tokenizer.swift): the window scan's words with Latin Extended-A letters
/// (U+0100...U+017F: lead bytes 0xC4, 0xC5; Polish, Czech, Hungarian, Turkish...). Their case
/// pairs alternate with the code point, so they are lower-cased through a table (`latinFold`)
/// built from the very functions the per-token rules use (`CaseFolding.fold`, and `foldToken`'s
/// Latin-1 formula), a byte at a time: a Polish article has about one such word in five, and
/// each cost the rules ~1,300 instructions (decoding and folding every scalar of the word).
extension Tokenizer {
    enum LatinFold {
        static let upper: UInt32 = 1 << 16
        static let lower: UInt32 = 1 << 17
        /// The lower-cased scalar is two bytes (not "i̇" for U+0130: the rules take that word).
        static let ok: UInt32 = 1 << 18
    }

    /// Per two-byte Latin letter, at `(lead - 0xC3) << 6 | (continuation & 0x3F)`: its lower-cased
    /// bytes (low 16 bits) and `LatinFold` flags, as `foldToken` folds the scalar.
    static let latinFold: [UInt32] = (0..<192).map { (k: Int) -> UInt32 in
        let lead = UInt32(0xC3 + k >> 6), v = (lead & 0x1F) << 6 | UInt32(k & 0x3F)
        if lead == 0xC3 {
            // foldToken's Latin-1 formula.
            let upper = v <= 0xDE && v != 0xD7, lower = v >= 0xDF && v != 0xF7
            let l = upper ? v + 0x20 : v
            return 0xC3 | (0x80 | l & 0x3F) << 8 | (upper ? LatinFold.upper : 0) | (lower ? LatinFold.lower : 0) | LatinFold.ok
        }
        let f = CaseFolding.fold(v)
        guard f.multi == nil, f.lower >= 0x80, f.lower < 0x800 else { return 0 }
        let bytes = (0xC0 | f.lower >> 6) | (0x80 | f.lower & 0x3F) << 8
        return bytes | (f.isUpper ? LatinFold.upper : 0) | (f.isLower ? LatinFold.lower : 0) | LatinFold.ok
    }

    /// A word the window scan took with a letter from U+0100...U+017F: `w[0..<length]` holds ASCII
    /// letters, digits and joiners and two-byte letters with leads 0xC3...0xC5 (whole). Writes its
    /// lower-cased bytes to `o` (as many) and returns its scalar count and `Token.Bit.capitalized`
    /// when the first scalar is upper case, `ByteClass.lower` when any is lower case; nil for a
    /// letter whose lower case is longer (U+0130), which the rules take. Out of line: one word in
    /// a hundred of the corpus.
    @inline(never)
    static func foldLatinWord(_ w: UnsafePointer<UInt8>, length: Int, into o: UnsafeMutablePointer<UInt8>)
        -> (scalars: Int, capitalized: UInt8, lower: UInt8)? {
        let tables = ByteTableStorage.shared
        let cls = tables.byteClass, lowerTable = tables.lower, fold = tables.latinFold
        var k = 0, scalars = 0
        var classes: UInt32 = 0, first: UInt32 = 0
        while k < length {
            let c = w[k]
            var flags: UInt32
            if c < 0x80 {
                let cc = cls[Int(c)]
                flags = (cc & ByteClass.upper != 0 ? LatinFold.upper : 0) | (cc & ByteClass.lower != 0 ? LatinFold.lower : 0)
                o[k] = lowerTable[Int(c)]
                k &+= 1
            } else {
                let entry = fold[Int(c &- 0xC3) << 6 | Int(w[k &+ 1] & 0x3F)]
                guard entry & LatinFold.ok != 0 else { return nil }
                o[k] = UInt8(truncatingIfNeeded: entry)
                o[k &+ 1] = UInt8(truncatingIfNeeded: entry >> 8)
                flags = entry
                k &+= 2
            }
            if scalars == 0 { first = flags }
            classes |= flags
            scalars &+= 1
        }
        return (scalars, first & LatinFold.upper != 0 ? Token.Bit.capitalized : 0,
                classes & LatinFold.lower != 0 ? ByteClass.lower : 0)
    }
}
