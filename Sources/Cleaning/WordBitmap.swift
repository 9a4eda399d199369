/// One bit per byte of a buffer, and a padded copy of the bytes.
///
/// `bits(at:)`: set where the byte is an ASCII letter or digit, a lead byte C3-C5 (U+00C0-017F:
/// the accented letters of the Latin-script languages) or a UTF-8 continuation byte. The
/// tokenizer finds each word's start and length with two bit scans instead of testing byte by
/// byte. Continuation bytes are marked whatever their lead: in valid UTF-8 a run of marked bytes
/// that the tokenizer reaches from a separator starts with an ASCII byte or a C3-C5 lead, so
/// continuation bytes inside it belong to C3-C5 letters (other leads are unmarked and send the
/// word to the per-scalar rules). The two non-letters of the range, × and ÷, are caught when the
/// word is hashed. Words with anything else in them (other scripts, apostrophes) are left to the
/// per-scalar rules.
///
/// The fused pass builds the same bits a batch of lines at a time into its scratch
/// (`storeBlock`); this type builds them for a whole text (the reference path, tests, data),
/// with the flag bits (`ByteClasses`) beside them.
///
/// Built for the whole normalised text in one vector pass (16 bytes at a time). The
/// copy of the bytes (`bytes`) is followed by at least 64 zero bytes, so the tokenizer loads
/// eight or sixteen bytes at any position up to the end without bounds tests.
struct WordBitmap: ~Copyable {
    private let words: UnsafeMutablePointer<UInt64>
    private let padded: UnsafeMutablePointer<UInt8>

    /// Zero bytes after the copy: readable by 16-byte loads from any index up to the length.
    static let padding = 64

    init(_ p: UnsafeBufferPointer<UInt8>) {
        let n = p.count
        // Whole 64-byte blocks, then one spare block: `bits(at:)` reads the block after the one
        // holding `i`, for any i <= n. Four words a block: word and special bits, two spare.
        let blocks = n / 64 + 1
        let wordCount = WordBits.stride * (blocks + 1)
        // One allocation: the bitmap words, then the padded bytes.
        let byteCount = blocks * 64 + Self.padding
        let storage = UnsafeMutableRawPointer.allocate(byteCount: wordCount * 8 + byteCount, alignment: 8)
        words = storage.bindMemory(to: UInt64.self, capacity: wordCount)
        padded = (storage + wordCount * 8).bindMemory(to: UInt8.self, capacity: byteCount)
        if let base = p.baseAddress { padded.update(from: base, count: n) }
        (padded + n).initialize(repeating: 0, count: byteCount - n)
        words.initialize(repeating: 0, count: wordCount)
        for block in 0..<blocks { Self.storeBlock(block, of: UnsafePointer(padded), into: words) }
    }

    deinit { UnsafeMutableRawPointer(words).deallocate() }

    /// The buffer's bytes, followed by `padding` zero bytes.
    var bytes: UnsafePointer<UInt8> { UnsafePointer(padded) }

    /// The bits and bytes as a view the tokenizer reads (valid while `self` lives).
    var view: WordBits { WordBits(words: UnsafePointer(words), bytes: UnsafePointer(padded)) }

    @inline(__always)
    static func isWordByte(_ b: UInt8) -> Bool {
        let lowered = b | 0x20
        return (lowered >= 0x61 && lowered <= 0x7A) || (b >= 0x30 && b <= 0x39) || (b >= 0xC3 && b <= 0xC5)
            || b & 0xC0 == 0x80
    }

    typealias Bytes = SIMD16<UInt8>

    /// Word and special bits (`ByteClasses`) of the 64-byte block `block` of `bytes`, stored
    /// as the block's words of the bitmap at `words` (`WordBits`): the fused pass builds the
    /// bitmap a batch of lines at a time this way.
    ///
    /// On little-endian targets each chunk's two 16-bit masks are stored straight into their
    /// quarter of the two words: gathering them into 64-bit values first (a shift and an or
    /// per mask and chunk, plus the register spills of the live masks) cost some 30
    /// instructions a block.
    @inline(__always)
    static func storeBlock(_ block: Int, of bytes: UnsafePointer<UInt8>, into words: UnsafeMutablePointer<UInt64>) {
        let p = UnsafeRawPointer(bytes + block &* 64)
        let at = words + WordBits.stride &* block
        #if _endian(little)
        let raw = UnsafeMutableRawPointer(at)
        for k in 0..<4 {
            let (word, special) = ByteClasses.chunk(p + 16 &* k)
            raw.storeBytes(of: word, toByteOffset: 2 &* k, as: UInt16.self)
            raw.storeBytes(of: special, toByteOffset: 8 &+ 2 &* k, as: UInt16.self)
        }
        #else
        let (word, special) = ByteClasses.block(p)
        at[0] = word
        at[1] = special
        #endif
    }

    /// Word bits of the 16 bytes at `p` in Swift's SIMD lanes: the portable form of
    /// `ByteClasses.chunk`'s word bits (x86-64 builds them with SSE2 intrinsics), kept for
    /// other targets and as the tests' second opinion. Each range test moves its range to the bottom of the
    /// signed lanes (`x + 0x80 - low`) and compares signed (SSE2 `paddb`/`pcmpgtb`, two
    /// instructions a range, where `psubb`/`pminub`/`pcmpeqb` took three); continuation bytes
    /// are the signed lanes below -64. A multiply gathers the lanes' bits of each half.
    @inline(__always)
    static func mask16(_ p: UnsafeRawPointer) -> UInt64 {
        typealias Signed = SIMD16<Int8>
        let x = p.loadUnaligned(as: Bytes.self)
        @inline(__always) func within(_ v: Bytes, _ low: UInt8, _ span: Int8) -> SIMDMask<Signed> {
            unsafeBitCast(v &+ Bytes(repeating: 0x80 &- low), to: Signed.self) .<= Signed(repeating: -128 + span)
        }
        let letter = within(x | Bytes(repeating: 0x20), 0x61, 25)
        let digit = within(x, 0x30, 9)
        let lead = within(x, 0xC3, 2)  // C3-C5
        let continuation = unsafeBitCast(x, to: Signed.self) .< Signed(repeating: -64)  // 80-BF
        let word = letter .| digit .| lead .| continuation
        let lanes = Bytes(repeating: 0).replacing(with: 1, where: word)
        let halves = unsafeBitCast(lanes, to: (UInt64, UInt64).self)
        let low = (halves.0 &* 0x0102_0408_1020_4080) &>> 56
        let high = (halves.1 &* 0x0102_0408_1020_4080) &>> 56
        return low | high &<< 8
    }
}

/// What the tokenizer reads: the word and special bits and the bytes they were built from. Not owning: the owner (`WordBitmap`, or the fused pass's scratch) keeps both alive. The
/// bytes must be readable 64 bytes past any index the tokenizer is given, and the bits correct up
/// to and including the newline that ends each line it is given (bits past it may be anything:
/// a word's run stops at the newline, a gap is cut at the line's end and flags are masked to the
/// line). `words` holds `stride` words per 64 bytes: word bits, special bits (`ByteClasses`:
/// the flag bits of `PlainWindow` where they are not word bits, the non-ASCII bytes of words
/// where they are), and two spare ones (a power of two keeps the index a shift).
struct WordBits {
    let words: UnsafePointer<UInt64>
    let bytes: UnsafePointer<UInt8>

    /// Bitmap words per 64 bytes.
    static let stride = 4

    /// Word bits for bytes `i ..< i + 64` (bit 0 is byte `i`).
    @inline(__always)
    func bits(at i: Int) -> UInt64 { pair(at: i, 0) }

    /// Special bits for bytes `i ..< i + 64` (bit 0 is byte `i`): with the word bits `m` of
    /// the same bytes, `special & ~m` are the flag bits and `special & m` the non-ASCII bytes
    /// of words.
    @inline(__always)
    func special(at i: Int) -> UInt64 { pair(at: i, 1) }

    @inline(__always)
    private func pair(at i: Int, _ kind: Int) -> UInt64 {
        let w = (i &>> 6) &<< 2 | kind
        let s = UInt64(truncatingIfNeeded: i & 63)
        return (words[w] &>> s) | ((words[w &+ Self.stride] &<< 1) &<< (63 &- s))
    }
}
