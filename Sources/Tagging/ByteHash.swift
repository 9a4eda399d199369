import Foundation

/// Hashing over UTF-8 bytes, which the tagger's tables (`IntMap`, `ByteVocabulary`, the per-call
/// tables) key on. The tagger's hot loops look up every token several times; Swift's `Set<String>` re-hashes with SipHash and `String` comparisons go through
/// Unicode normalisation, which cost ~40× the byte-level work here.
///
/// The byte hash reads 8 bytes at a time: the tokenizer hashes every token twice over, and a byte-at-a-time
/// hash (FNV-1a: one dependent multiply per byte) was the longest dependency chain in its loop. Definition:
/// the bytes as little-endian 64-bit chunks, the last one zero-padded (always absorbed, empty or not),
/// then the length mixed in by one multiply and a 32-bit fold. One chunk step and the finish are
/// bijections of the state, so strings of equal length up to 8 bytes never collide.
enum ByteHash {
    static let seed: UInt64 = 0x243F_6A88_85A3_08D3

    @inline(__always)
    static func absorb(_ h: UInt64, _ chunk: UInt64) -> UInt64 {
        let x = (h ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        return x ^ (x >> 31)
    }

    /// Mixes in the length. One multiply, then the high half folded into the low: the state is already
    /// mixed by `absorb`, and the tables keyed by these hashes use both halves (`ByteVocabulary`: high
    /// 32 bits as tag, low bits as slot), which the fold decorrelates. (A full splitmix64 finaliser
    /// here was three dependent multiplies on every token's two hashes.)
    @inline(__always)
    static func finish(_ h: UInt64, _ count: Int) -> UInt64 {
        let z = (h ^ (UInt64(truncatingIfNeeded: count) &* 0x94D0_49BB_1331_11EB)) &* 0xBF58_476D_1CE4_E5B9
        return z ^ (z >> 32)
    }

    /// The low `count` bytes (0...7) of a chunk.
    @inline(__always)
    static func low(_ chunk: UInt64, _ count: Int) -> UInt64 { chunk & ((1 &<< UInt64(count &* 8)) &- 1) }

    @inline(__always)
    static func load(_ p: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
    }

    /// Hash of `base[start..<end]`. `readable`: how many bytes from `base` may be read; a last chunk
    /// that fits is read with one load and masked (callers with slack after their bytes pass more
    /// than `end`), otherwise byte by byte.
    @inline(__always)
    static func hash(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, readable: Int) -> UInt64 {
        let count = end - start
        if count < 16, start + 16 <= readable {
            // Words are short: one or two chunks, hashed without a branch on the length (whether a word
            // passes 8 bytes is unpredictable). Below 8 bytes the second absorb is discarded.
            let (e0, e1, long) = shortChunks(base, start, count)
            let h1 = absorb(seed, e0)
            let h2 = absorb(h1, e1)
            return finish((h1 & ~long) | (h2 & long), count)
        }
        var h = seed
        var p = start
        while end - p >= 8 {
            h = absorb(h, load(base + p))
            p += 8
        }
        return finish(absorb(h, tail(base, p, end, readable: readable)), end - start)
    }

    /// The two chunks of a word shorter than 16 bytes, masked to its bytes (the second is zero below
    /// 8 bytes), and `long`: all ones when there is a second chunk. Two loads, no branch on the length.
    @inline(__always)
    static func shortChunks(_ base: UnsafePointer<UInt8>, _ start: Int, _ count: Int) -> (UInt64, UInt64, long: UInt64) {
        let long = Candidates.mask(count >= 8)
        let c0 = load(base + start)
        let c1 = load(base + start + 8)
        let n0 = count & ~Int(bitPattern: long) | 8 & Int(bitPattern: long)
        return (low(c0, n0 & 7) | (c0 & UInt64(long)), low(c1, (count - 8) & 7) & UInt64(long), UInt64(long))
    }

    /// The last `end - p` (< 8) bytes as one little-endian chunk: one masked load when 8 bytes are
    /// readable from `p`, else byte by byte.
    @inline(__always)
    static func tail(_ base: UnsafePointer<UInt8>, _ p: Int, _ end: Int, readable: Int) -> UInt64 {
        let rest = end - p
        if p + 8 <= readable { return low(load(base + p), rest) }
        var tail: UInt64 = 0
        for k in 0..<rest { tail |= UInt64(base[p + k]) << UInt64(8 * k) }
        return tail
    }

    /// Hash of a word shorter than 16 bytes given its two chunks as loaded (bytes past the word
    /// included): what `hash` gives for those bytes, without loading them again.
    @inline(__always)
    static func hashShort(_ c0: UInt64, _ c1: UInt64, _ count: Int) -> UInt64 {
        let long = Candidates.mask(count >= 8)
        let n0 = count & ~Int(bitPattern: long) | 8 & Int(bitPattern: long)
        let e0 = low(c0, n0 & 7) | (c0 & UInt64(long))
        let e1 = low(c1, (count - 8) & 7) & UInt64(long)
        let h1 = absorb(seed, e0)
        let h2 = absorb(h1, e1)
        return finish((h1 & ~UInt64(long)) | (h2 & UInt64(long)), count)
    }

    /// Per length 0...15 (entries 2 × length and 2 × length + 1): which bytes of the first and the
    /// second chunk belong to a word that long (`ByteTableStorage.shortMasks` holds them pinned).
    /// Why: the window tokenizer hashes every word; two table loads replace the ~15 shifts and
    /// selects that derive the masks from the length.
    static let shortMasks: [UInt64] = (0..<16).flatMap { (count: Int) -> [UInt64] in
        count >= 8 ? [~0, (1 << UInt64((count - 8) * 8)) - 1] : [(1 << UInt64(count * 8)) - 1, 0]
    }

    /// `hashShort` of chunks already masked to the word's `count` (< 16) bytes (`shortMasks`).
    @inline(__always)
    static func hashMasked(_ e0: UInt64, _ e1: UInt64, _ count: Int) -> UInt64 {
        let long = UInt64(Candidates.mask(count >= 8))
        let h1 = absorb(seed, e0)
        let h2 = absorb(h1, e1)
        return finish((h1 & ~long) | (h2 & long), count)
    }

    /// `(hashShort(c0, c1, count), hashShort(l0, l1, count))`: a word's hashes as written and
    /// lower-cased from the chunks as loaded, sharing the masks and the length step (the
    /// tokenizer's fast path computes both for every word).
    @inline(__always)
    static func hashShortPair(_ c0: UInt64, _ c1: UInt64, _ l0: UInt64, _ l1: UInt64, _ count: Int) -> (UInt64, UInt64) {
        let long = UInt64(Candidates.mask(count >= 8))
        // The word's bytes in each chunk: all of the first one when it is long.
        let m0 = long | ((1 &<< UInt64((count & 7) &* 8)) &- 1)
        let m1 = ((1 &<< UInt64(((count &- 8) & 7) &* 8)) &- 1) & long
        let h1 = absorb(seed, c0 & m0), g1 = absorb(seed, l0 & m0)
        let h2 = absorb(h1, c1 & m1), g2 = absorb(g1, l1 & m1)
        return (finish((h1 & ~long) | (h2 & long), count), finish((g1 & ~long) | (g2 & long), count))
    }

    /// ASCII upper-case letters of a chunk lower-cased (`AsciiBlock.lowercased`).
    @inline(__always)
    static func lowerASCII(_ w: UInt64) -> UInt64 {
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        let x = w & ~high
        let upper = (x &+ ones &* (0x80 - 0x41)) & ~(x &+ ones &* (0x7F - 0x5A)) & ~w & high
        return w | (upper >> 2)
    }

    /// Hashes of `base[start..<end]` as written and with ASCII letters lower-cased (what the tokenizer's
    /// ASCII path writes to the lower-cased text), from the same loads of the input. Reading the
    /// input rather than the just-written lower-cased copy avoids loads that straddle recent stores
    /// (which cannot be forwarded and stall).
    @inline(__always)
    static func hashASCIIWord(_ base: UnsafePointer<UInt8>, _ start: Int, _ end: Int, readable: Int) -> (exact: UInt64, lower: UInt64) {
        let count = end - start
        if count < 16, start + 16 <= readable {
            let (e0, e1, l) = shortChunks(base, start, count)
            let h1 = absorb(seed, e0), g1 = absorb(seed, lowerASCII(e0))
            let h2 = absorb(h1, e1), g2 = absorb(g1, lowerASCII(e1))
            return (finish((h1 & ~l) | (h2 & l), count), finish((g1 & ~l) | (g2 & l), count))
        }
        var h = seed, g = seed
        var p = start
        while end - p >= 8 {
            let c = load(base + p)
            h = absorb(h, c)
            g = absorb(g, lowerASCII(c))
            p += 8
        }
        let tail = tail(base, p, end, readable: readable)
        return (finish(absorb(h, tail), count), finish(absorb(g, lowerASCII(tail)), count))
    }

    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return finish(absorb(seed, 0), 0) }
        return hash(base, 0, bytes.count, readable: bytes.count)
    }

    static func hash(_ bytes: some Sequence<UInt8>) -> UInt64 {
        Array(bytes).withUnsafeBufferPointer { hash($0) }
    }

    static func hash(_ s: String) -> UInt64 { hash(Array(s.utf8)) }
}
