/// Hash of one word token over its folded UTF-8 bytes, taken in little-endian 8-byte chunks
/// (one multiply per chunk); the last chunk, of 1...8 bytes, is moved to the top of its word
/// (`lastChunk`): a shift of the loaded bytes drops those past the word, where a mask had to
/// be built from the length first. Bytes may arrive one at a time or as a whole 8-byte word: the
/// result depends only on the byte sequence, so the word-at-a-time ASCII path and the
/// per-scalar path hash the same word alike, in the text and in the data.
struct TokenHasher {
    private var hash: UInt64 = LineAnalyzer.fnvOffset
    private var chunk: UInt64 = 0
    private var chunkBytes = 0
    private var length = 0

    /// Appends `count` (1...8) bytes held in the low bytes of `value` (higher bytes zero).
    @inline(__always)
    mutating func append(_ value: UInt64, count: Int) {
        let free = 8 &- chunkBytes
        if count <= free {
            // chunkBytes < 8 here, since count >= 1.
            chunk |= value &<< UInt64(8 &* chunkBytes)
            chunkBytes &+= count
        } else {
            if free > 0 { chunk |= value &<< UInt64(8 &* chunkBytes) }
            hash = Self.mix(hash, chunk)
            chunk = free > 0 ? value &>> UInt64(8 &* free) : value
            chunkBytes = count &- free
        }
        length &+= count
    }

    /// Appends a (folded) scalar as UTF-8.
    @inline(__always)
    mutating func appendScalar(_ v: UInt32) {
        let u = UInt64(v)
        switch v {
        case 0..<0x80:
            append(u, count: 1)
        case 0x80..<0x800:
            append((0xC0 | (u >> 6)) | ((0x80 | (u & 0x3F)) << 8), count: 2)
        case 0x800..<0x10000:
            append((0xE0 | (u >> 12)) | ((0x80 | ((u >> 6) & 0x3F)) << 8) | ((0x80 | (u & 0x3F)) << 16), count: 3)
        default:
            append((0xF0 | ((u >> 18) & 0x07)) | ((0x80 | ((u >> 12) & 0x3F)) << 8)
                   | ((0x80 | ((u >> 6) & 0x3F)) << 16) | ((0x80 | (u & 0x3F)) << 24), count: 4)
        }
    }

    @inline(__always)
    func finish() -> UInt64 {
        Self.finish(hash ^ Self.lastChunk(chunk, count: chunkBytes), length: length)
    }

    /// The last chunk's `count` (1...8) bytes, the low bytes of `bytes` (any bytes above them
    /// are dropped), moved to the top of the word, as the hash takes them.
    @inline(__always)
    static func lastChunk(_ bytes: UInt64, count: Int) -> UInt64 {
        bytes &<< UInt64(truncatingIfNeeded: 64 &- 8 &* count)
    }

    /// The hash of a token of `count` (1...8) bytes held in `value`: the same as appending them
    /// to a fresh hasher and finishing.
    @inline(__always)
    static func single(_ value: UInt64, count: Int) -> UInt64 {
        finish(LineAnalyzer.fnvOffset ^ lastChunk(value, count: count), length: count)
    }

    /// One 64x64->128-bit multiply, halves folded (as in wyhash): mixes every input bit into
    /// the low bits (table slots) and the high bits (tags) alike. The state is first XORed
    /// with the FNV offset it started from, so that for a word of up to eight bytes the input
    /// is the folded bytes themselves (`fnvOffset ^ chunk ^ fnvOffset`): no constant to XOR in
    /// the word loops. (A hash of 0 is harmless: token hashes are keys, never "absent" marks.)
    @inline(__always)
    static func finish(_ state: UInt64, length: Int) -> UInt64 {
        let product = (state ^ LineAnalyzer.fnvOffset).multipliedFullWidth(by: 0xe703_7ed1_a0b4_28db ^ UInt64(truncatingIfNeeded: length))
        return product.high ^ product.low
    }

    @inline(__always)
    static func mix(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
        let m = (h ^ chunk) &* 0x9e37_79b9_7f4a_7c15
        return (m << 29) | (m >> 35)
    }
}
