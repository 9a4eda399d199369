#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// The fingerprint tokenizer's fast path, second pass: finds the tokens of folded text
/// (`TextFolder`: a token is a run of nonzero bytes, already in the bytes the hash takes) 64 bytes
/// at a time, as a bit mask of nonzero bytes walked with two count-trailing-zeros per token, so
/// finding a token costs a handful of instructions and no branch per byte. A token is hashed
/// straight from the folded text (`FingerprintHash.token`: its last eight bytes loaded as one word
/// ending at the token's end), with the same result as `TokenScanner.scan`. A token that runs
/// into the end of a block starts the next block. The folded text has zeros (separators) before
/// and after it, so loads up to 8 bytes before a block and 80 bytes from its start need no bounds
/// check.
///
/// Until 2026-11-27 this scanner ran on the UTF-8 text itself and handed every stretch around a
/// non-ASCII byte to the scalar tokenizer: on the chain's mixed-language corpus (accents and
/// typographic quotes every few words, 93 non-ASCII scalars per 4 KB article) almost every block
/// took that general path, 61.1 k instructions per article for the scan (hashing the shingles
/// not counted); folding (9.3 k) and then scanning (20.3 k) took 29.6 k, since 2026-11-27
/// (session 16) 8.2 k + 18.1 k = 26.3 k, and with one edge mask per block (session 17)
/// 8.2 k + 17.8 k = 26.0 k.
enum BlockScanner {
    static let blockBytes = 64
    /// Zeros before the folded text (the last word of a short token at its start) …
    static let leadBytes = 8
    /// … and after it (a block's 64 bytes, and the word loaded from a token's start).
    static let trailBytes = 80

    /// Bytes `scan` needs in its `buffer` for a text of `count` bytes.
    static func bufferBytes(forText count: Int) -> Int {
        leadBytes &+ TextFolder.expansion &* count &+ max(trailBytes, TextFolder.overrun)
    }

    /// `buffer` must hold `bufferBytes(forText: bytes.count)` bytes; the caller provides it so one
    /// temporary allocation serves the sink's scratch and the folded text (over 1 KB, each was a
    /// heap allocation: Linux has no stack-bounds check for `withUnsafeTemporaryAllocation`).
    static func scan<Shape: ShingleShape>(
        _ bytes: UnsafeBufferPointer<UInt8>, table: FoldTable, buffer start: UnsafeMutablePointer<UInt8>,
        into target: inout HashingSink<Shape>
    ) {
        guard !bytes.isEmpty else { return }
        start.initialize(repeating: 0, count: leadBytes)
        let folded = start + leadBytes
        let count = TextFolder.fold(bytes, table: table, into: folded)
        (folded + count).initialize(repeating: 0, count: trailBytes)
        shortTokenTable.withUnsafeBufferPointer { table in
            guard let table = table.baseAddress else { return }
            hashTokens(UnsafePointer(folded), count: count, shortTokenTable: table, into: &target)
        }
    }

    private static func hashTokens<Shape: ShingleShape>(
        _ folded: UnsafePointer<UInt8>, count: Int, shortTokenTable table: UnsafePointer<UInt64>,
        into target: inout HashingSink<Shape>
    ) {
        // A local copy the optimiser can keep in registers.
        var sink = target
        defer { target = sink }
        // The sink's cursor and the last place a block's 32 tokens fit, in registers across
        // blocks (through the sink, reserving and committing per block loaded and stored them).
        var out = sink.cursor
        let limit = sink.chunkEnd - blockBytes / 2
        var i = 0
        while i < count {
            if out > limit {
                sink.commit(out)
                sink.flush()
                out = sink.cursor
            }
            let block = folded + i
            let letters = nonZero(block)
            // Bit k where byte k differs from byte k - 1 in being zero: a token's first byte, and
            // k + 1 for a token ending at byte k (its length is then one subtraction), so starts and
            // ends alternate. A token reaching the block's last byte may go on: its end falls out of
            // the shift, so its start (the highest bit) is left unmatched and the block's hashing
            // returns it. One xor for both masks (apart, they were seven instructions more a block).
            let edges = letters ^ (letters &<< 1)
            let open: UInt64
            (open, out) = hashTokens(block, edges: edges, table: table, into: out)
            // 64 bytes on (no start left: 64 trailing zeros), or on to the open token's start; one
            // of 64 bytes or more (rare: URLs, base64) is hashed on its own. Finding that start with
            // a bit scan before hashing, and taking it out of the masks, was ~23 instructions more
            // per block.
            let advance = open.trailingZeroBitCount
            if advance == 0 {
                sink.commit(out)
                i = longToken(folded, at: i, table: table, into: &sink)
                out = sink.cursor
            } else {
                i &+= advance
            }
        }
        sink.commit(out)
    }

    /// Hashes the token of 64 bytes or more starting at `folded + index` and returns where it ends.
    @inline(never)
    private static func longToken<Shape: ShingleShape>(
        _ folded: UnsafePointer<UInt8>, at index: Int, table: UnsafePointer<UInt64>, into sink: inout HashingSink<Shape>
    ) -> Int {
        var end = index &+ 64
        while true {
            let letters = nonZero(folded + end)
            if letters != .max {
                end &+= (~letters).trailingZeroBitCount
                break
            }
            end &+= 64
        }
        sink.reserve(1)
        sink.endToken(hash: tokenHash(folded + index, length: end &- index, table: table))
        return end
    }

    /// Writes from `out` on the hashes of the tokens of `block` whose first bytes and the bytes
    /// after their ends are the bits of `edges`, from the lowest in pairs, and returns the bit left
    /// without a pair (the start of a token that may go on, or none) and the pointer past the last
    /// hash. `out` must have room for the most a block holds (32: a byte and a separator each), so
    /// the loop does not test for the end of the sink's chunk after every token.
    @inline(__always)
    private static func hashTokens(
        _ block: UnsafePointer<UInt8>, edges: UInt64, table: UnsafePointer<UInt64>,
        into out: UnsafeMutablePointer<UInt64>
    ) -> (open: UInt64, out: UnsafeMutablePointer<UInt64>) {
        var edges = edges
        var out = out
        while true {
            let rest = edges & (edges &- 1)
            if rest == 0 { break }
            let start = edges.trailingZeroBitCount
            let end = rest.trailingZeroBitCount
            out.pointee = tokenHash(block + start, length: end &- start, table: table)
            out += 1
            edges = rest & (rest &- 1)
        }
        return (edges, out)
    }

    /// Tokens under this many bytes (nearly all) take `tokenHash`'s branch-free path.
    static let shortLengths = 16

    /// `table[length]` for a length under 16: the right shift that keeps the bytes of a token
    /// under eight bytes from the word loaded ending at its end (64 − 8 × length; 0 from eight
    /// bytes on); `table[16 + length]`: all ones when the token's first eight bytes are a folded
    /// group (9–15 bytes), else 0. Two loads per token where the same values computed from the
    /// length were nine instructions (of 36 per token). Built once (filling it per scan was ~170
    /// instructions per article).
    static let shortTokenTable: [UInt64] = (0..<2 &* shortLengths).map { index in
        let length = index % shortLengths
        if index < shortLengths { return length < 8 ? UInt64(64 &- 8 &* length) & 63 : 0 }
        return length > 8 ? .max : 0
    }

    /// `FingerprintHash.token` of a complete folded token (`token - 8 ..< token + length + 8`
    /// readable; `table` is `shortTokenTable`). Word lengths straddle eight bytes
    /// unpredictably, so tokens under 16 bytes (nearly all) take one branch-free path: the last
    /// word is loaded ending at the token's end and shifted down over the bytes before the token;
    /// the first word counts only for tokens over eight bytes.
    @inline(__always)
    private static func tokenHash(_ token: UnsafePointer<UInt8>, length: Int, table: UnsafePointer<UInt64>) -> UInt64 {
        let lastWord = load(token + (length &- 8))
        guard length < shortLengths else {
            var state: UInt64 = 0
            var offset = 0
            while length &- offset > 8 {
                state = FingerprintHash.fold(state, load(token + offset))
                offset &+= 8
            }
            return FingerprintHash.token(state: state, last: lastWord, length: UInt64(truncatingIfNeeded: length))
        }
        let last = lastWord &>> table[length]
        let state = FingerprintHash.fold(0, load(token) & table[shortLengths &+ length])
        return FingerprintHash.token(state: state, last: last, length: UInt64(truncatingIfNeeded: length))
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let caseBits: UInt64 = 0x2020_2020_2020_2020

    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// Bit k set when byte k of the 64 at `block` is not zero.
    @inline(__always)
    static func nonZero(_ block: UnsafePointer<UInt8>) -> UInt64 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        // SSE2 (every x86-64 CPU): 16 bytes per compare, `pmovmskb` gathers the byte masks into bits.
        let zero = _mm_setzero_si128()
        var zeros: UInt64 = 0
        for k in 0..<4 {
            let v = _mm_loadu_si128(UnsafeRawPointer(block + 16 &* k).assumingMemoryBound(to: __m128i.self))
            zeros |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(_mm_cmpeq_epi8(v, zero)))) &<< UInt64(16 &* k)
        }
        return ~zeros
        #else
        nonZeroSWAR(block)
        #endif
    }

    /// The portable version of `nonZero`.
    @inline(__always)
    static func nonZeroSWAR(_ block: UnsafePointer<UInt8>) -> UInt64 {
        var letters: UInt64 = 0
        for k in 0..<8 {
            let word = load(block + 8 &* k)
            // 0x80 in each nonzero byte: the low seven bits carried into the high one, or'd with it.
            let nonzero = (((word & ~highBits) &+ ~highBits) | word) & highBits
            letters |= compress(nonzero) &<< UInt64(8 &* k)
        }
        return letters
    }

    /// 0x80 in each byte that is an ASCII letter or digit, for a word of ASCII bytes: every
    /// per-byte sum stays below 0x100, so no carry crosses bytes.
    @inline(__always)
    static func asciiAlphanumeric(_ word: UInt64) -> UInt64 {
        let lower = word | caseBits
        let letter = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505)
        let digit = (word &+ 0x5050_5050_5050_5050) & ~(word &+ 0x4646_4646_4646_4646)
        return (letter | digit) & highBits
    }

    /// The 0x80 bits of the eight bytes gathered into the low eight bits (byte k → bit k).
    @inline(__always)
    static func compress(_ bits: UInt64) -> UInt64 {
        ((bits &>> 7) &* 0x0102_0408_1020_4080) &>> 56
    }
}
