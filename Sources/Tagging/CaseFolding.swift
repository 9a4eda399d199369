/// Lower-casing of single Unicode scalars without building Strings. Latin-1, Latin Extended-A, Greek
/// and Cyrillic are table rules (the scripts of the supported languages); anything else asks the
/// Unicode properties, which is slower but rare in news text.
enum CaseFolding {
    struct Folded {
        var lower: UInt32
        var isUpper: Bool
        var isLower: Bool
        /// Set when the scalar lower-cases to more than one scalar (İ); `lower` is then unused.
        var multi: String?
    }

    @inline(__always)
    static func fold(_ v: UInt32) -> Folded {
        switch v {
        case 0x41...0x5A: return Folded(lower: v | 0x20, isUpper: true, isLower: false)
        case 0x61...0x7A: return Folded(lower: v, isUpper: false, isLower: true)
        case 0xC0...0xDE where v != 0xD7: return Folded(lower: v + 0x20, isUpper: true, isLower: false)
        case 0xDF...0xFF where v != 0xF7: return Folded(lower: v, isUpper: false, isLower: true)
        case 0x100...0x12F, 0x132...0x137, 0x14A...0x177:
            return v & 1 == 0 ? Folded(lower: v + 1, isUpper: true, isLower: false) : Folded(lower: v, isUpper: false, isLower: true)
        case 0x139...0x148, 0x179...0x17E:
            return v & 1 == 1 ? Folded(lower: v + 1, isUpper: true, isLower: false) : Folded(lower: v, isUpper: false, isLower: true)
        case 0x178: return Folded(lower: 0xFF, isUpper: true, isLower: false)
        case 0x391...0x3A9 where v != 0x3A2: return Folded(lower: v + 0x20, isUpper: true, isLower: false)
        case 0x3AC...0x3CE: return Folded(lower: v, isUpper: false, isLower: true)
        case 0x410...0x42F: return Folded(lower: v + 0x20, isUpper: true, isLower: false)
        case 0x400...0x40F: return Folded(lower: v + 0x50, isUpper: true, isLower: false)
        case 0x430...0x45F: return Folded(lower: v, isUpper: false, isLower: true)
        case 0..<0x80, 0x2000...0x215F: return Folded(lower: v, isUpper: false, isLower: false)
        default:
            guard let s = Unicode.Scalar(v) else { return Folded(lower: v, isUpper: false, isLower: false) }
            let p = s.properties
            let isLower = p.changesWhenUppercased
            guard p.changesWhenLowercased else { return Folded(lower: v, isUpper: p.isUppercase, isLower: isLower) }
            let mapped = p.lowercaseMapping
            let scalars = mapped.unicodeScalars
            if scalars.count == 1, let first = scalars.first {
                return Folded(lower: first.value, isUpper: true, isLower: isLower)
            }
            return Folded(lower: v, isUpper: true, isLower: isLower, multi: mapped)
        }
    }

    /// Appends the UTF-8 encoding of `v`.
    @inline(__always)
    static func appendUTF8(_ v: UInt32, to out: inout [UInt8]) {
        if v < 0x80 {
            out.append(UInt8(v))
        } else if v < 0x800 {
            out.append(UInt8(0xC0 | (v >> 6)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else if v < 0x10000 {
            out.append(UInt8(0xE0 | (v >> 12)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        } else {
            out.append(UInt8(0xF0 | (v >> 18)))
            out.append(UInt8(0x80 | ((v >> 12) & 0x3F)))
            out.append(UInt8(0x80 | ((v >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (v & 0x3F)))
        }
    }

    /// Writes the UTF-8 encoding of `v` at `at` (the caller sized `out` for it); returns the end.
    @inline(__always)
    static func writeUTF8(_ v: UInt32, to out: UnsafeMutableBufferPointer<UInt8>, at: Int) -> Int {
        var o = at
        if v < 0x80 {
            out[o] = UInt8(v); o += 1
        } else if v < 0x800 {
            out[o] = UInt8(0xC0 | (v >> 6)); out[o + 1] = UInt8(0x80 | (v & 0x3F)); o += 2
        } else if v < 0x10000 {
            out[o] = UInt8(0xE0 | (v >> 12)); out[o + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
            out[o + 2] = UInt8(0x80 | (v & 0x3F)); o += 3
        } else {
            out[o] = UInt8(0xF0 | (v >> 18)); out[o + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
            out[o + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); out[o + 3] = UInt8(0x80 | (v & 0x3F)); o += 4
        }
        return o
    }

    /// Decodes the scalar starting at `i` (never reading at or past `end`); invalid bytes decode as
    /// themselves with length 1.
    @inline(__always)
    static func decode(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ end: Int) -> (UInt32, Int) {
        let c = b[i]
        if c < 0x80 { return (UInt32(c), 1) }
        if c >= 0xC0 && c < 0xE0, i + 1 < end { return ((UInt32(c & 0x1F) << 6) | UInt32(b[i + 1] & 0x3F), 2) }
        if c >= 0xE0 && c < 0xF0, i + 2 < end {
            return ((UInt32(c & 0x0F) << 12) | (UInt32(b[i + 1] & 0x3F) << 6) | UInt32(b[i + 2] & 0x3F), 3)
        }
        if c >= 0xF0, i + 3 < end {
            return ((UInt32(c & 0x07) << 18) | (UInt32(b[i + 1] & 0x3F) << 12) | (UInt32(b[i + 2] & 0x3F) << 6)
                | UInt32(b[i + 3] & 0x3F), 4)
        }
        return (UInt32(c), 1)
    }

    /// The lower-case bytes of a whole string, the same way the tokenizer folds tokens.
    static func lowercased(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        var bytes = Array(s.utf8)
        bytes.withUnsafeMutableBufferPointer { mb in
            let b = UnsafeBufferPointer(mb)
            var i = 0
            while i < b.count {
                let (v, len) = decode(b, i, b.count)
                if len == 1 && v >= 0x80 {
                    out.append(b[i])
                } else {
                    let f = fold(v)
                    if let m = f.multi { out.append(contentsOf: m.utf8) } else { appendUTF8(f.lower, to: &out) }
                }
                i += len
            }
        }
        return out
    }
}
