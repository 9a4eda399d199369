/// Part of `Tokenizer` (Tokenizer.swift): the scalar-by-scalar path for words with non-ASCII bytes.
extension Tokenizer {
    struct Folded {
        var exactHash: UInt64
        var lowerHash: UInt64
        var scalars: Int
        /// `ByteClass.upper` / `.lower` when any scalar is upper / lower case.
        var classes: UInt8
        /// `Token.Bit.capitalized` when the first scalar is upper case.
        var bits: UInt8
    }

    /// Lower-cases and hashes the word `b[start..<end]` scalar by scalar (the path for words with
    /// non-ASCII bytes), writing the lower-cased bytes at `out` (below `capacity`). The lower-cased
    /// hash reads only the bytes written (`lb` is not zeroed past them).
    static func foldToken(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int,
                          _ lb: UnsafeMutableBufferPointer<UInt8>, _ out: inout Int, _ capacity: Int) -> Folded {
        let lowerStart = out
        // A local copy: the inout was stored back to memory on every byte.
        var o = out
        defer { out = o }
        var classes: UInt8 = 0, bits: UInt8 = 0
        var scalars = 0
        var k = start
        let tables = ByteTableStorage.shared
        let cls = tables.byteClass, lowerTable = tables.lower
        while k < end {
            let c = b[k]
            if c < 0x80 {
                // ASCII inside a word with accents: classified from the tables, without branches (the
                // case of each letter is unpredictable).
                let cc = cls[Int(c)]
                classes |= cc & (ByteClass.upper | ByteClass.lower)
                bits |= ((cc & ByteClass.upper) >> 2) & Candidates.bit(k == start) &* Token.Bit.capitalized
                lb[o] = lowerTable[Int(c)]
                o &+= 1
                scalars &+= 1
                k &+= 1
                continue
            }
            if c == 0xC3, k + 1 < end {
                // Latin-1 letters (U+00C0...U+00FF), the accents of most supported languages: what
                // `decode`, `CaseFolding.fold` and `writeUTF8` give, without the call. Upper case
                // is U+00C0...U+00DE but for U+00D7 (×); lower case U+00DF...U+00FF but for U+00F7 (÷).
                let v = 0xC0 | (b[k + 1] & 0x3F)
                let upper = Candidates.bit(v <= 0xDE) & Candidates.bit(v != 0xD7)
                let lower = Candidates.bit(v >= 0xDF) & Candidates.bit(v != 0xF7)
                classes |= upper &* ByteClass.upper | lower &* ByteClass.lower
                bits |= upper & Candidates.bit(k == start) &* Token.Bit.capitalized
                lb[o] = 0xC3
                lb[o + 1] = 0x80 | ((v &+ upper &* 0x20) & 0x3F)
                o += 2
                scalars += 1
                k += 2
                continue
            }
            let (v, len) = CaseFolding.decode(b, k, end)
            if len == 1 {
                lb[o] = c
                o += 1
            } else {
                let f = CaseFolding.fold(v)
                if f.isUpper {
                    classes |= ByteClass.upper
                    if k == start { bits |= Token.Bit.capitalized }
                }
                if f.isLower { classes |= ByteClass.lower }
                if let m = f.multi {
                    for byte in m.utf8 where o < capacity {
                        lb[o] = byte
                        o += 1
                    }
                } else {
                    o = CaseFolding.writeUTF8(f.lower, to: lb, at: o)
                }
            }
            scalars += 1
            k += len
        }
        let eh = b.baseAddress.map { ByteHash.hash($0, start, end, readable: b.count) } ?? 0
        let lh = lb.baseAddress.map { ByteHash.hash(UnsafePointer($0), lowerStart, o, readable: o) } ?? 0
        return Folded(exactHash: eh, lowerHash: lh, scalars: scalars, classes: classes, bits: bits)
    }
}
