/// One bit per byte of a buffer: set where the byte is an ASCII letter or digit.
///
/// Built for the whole normalised text in one vector pass (16 bytes at a time), so that the
/// tokenizer finds each word's start and length with two bit scans instead of testing byte by
/// byte. Words with anything else in them (accents, other scripts, apostrophes) are left to the
/// per-scalar rules; the bitmap only has to be right about ASCII.
struct WordBitmap: ~Copyable {
    private let words: UnsafeMutablePointer<UInt64>
    private let count: Int

    init(_ p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        // Two spare words: `bits(at:)` reads the word after the one holding `i`, for any i <= n.
        count = n / 64 + 2
        words = .allocate(capacity: count)
        words.initialize(repeating: 0, count: count)
        guard let base = p.baseAddress else { return }
        var i = 0
        while i + 64 <= n {
            let raw = UnsafeRawPointer(base + i)
            words[i &>> 6] = Self.mask16(raw) | Self.mask16(raw + 16) &<< 16 | Self.mask16(raw + 32) &<< 32
                | Self.mask16(raw + 48) &<< 48
            i &+= 64
        }
        var tail: UInt64 = 0
        var k = 0
        while i + k + 16 <= n {
            tail |= Self.mask16(UnsafeRawPointer(base + i + k)) &<< UInt64(k)
            k &+= 16
        }
        while i + k < n {
            if Self.isWordByte(base[i + k]) { tail |= 1 &<< UInt64(k) }
            k &+= 1
        }
        words[i &>> 6] = tail
    }

    deinit { words.deallocate() }

    /// Bits for bytes `i ..< i + 64` (bit 0 is byte `i`); bytes past the buffer read as 0.
    /// `i` must not exceed the buffer's length.
    @inline(__always)
    func bits(at i: Int) -> UInt64 {
        let w = i &>> 6
        let s = UInt64(truncatingIfNeeded: i & 63)
        return (words[w] &>> s) | ((words[w &+ 1] &<< 1) &<< (63 &- s))
    }

    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        let lowered = b | 0x20
        return (lowered >= 0x61 && lowered <= 0x7A) || (b >= 0x30 && b <= 0x39)
    }

    typealias Bytes = SIMD16<UInt8>

    /// Word bits of the 16 bytes at `p`. Each test works on 7-bit lanes (no carry between
    /// lanes) and leaves its answer in bit 7; a multiply gathers the eight bit-7s of each half.
    @inline(__always)
    static func mask16(_ p: UnsafeRawPointer) -> UInt64 {
        let x = p.loadUnaligned(as: Bytes.self)
        let low7 = Bytes(repeating: 0x7F)
        let lowered = (x | Bytes(repeating: 0x20)) & low7
        let letters = (lowered &+ Bytes(repeating: 0x80 - 0x61)) & ~(lowered &+ Bytes(repeating: 0x80 - 0x7B))
        let seven = x & low7
        let digits = (seven &+ Bytes(repeating: 0x80 - 0x30)) & ~(seven &+ Bytes(repeating: 0x80 - 0x3A))
        let word = (letters | digits) & ~x & Bytes(repeating: 0x80)
        let halves = unsafeBitCast(word, to: (UInt64, UInt64).self)
        let low = ((halves.0 &>> 7) &* 0x0102_0408_1020_4080) &>> 56
        let high = ((halves.1 &>> 7) &* 0x0102_0408_1020_4080) &>> 56
        return low | high &<< 8
    }
}
