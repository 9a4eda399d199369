#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// The fingerprint tokenizer's fast path: classifies 64 bytes at a time into a bit mask (bit k set
/// when byte k is an ASCII letter or digit) and walks the tokens with two count-trailing-zeros
/// each, so finding a token costs a handful of instructions and no branch per byte.
///
/// A token is hashed straight from the text (`FingerprintHash.token`: its last eight bytes loaded
/// as one word ending at the token's end, lower-cased by one OR), with the same result as
/// `TokenScanner.scan`. A token that runs into the end of the block starts the next block; a
/// non-ASCII byte hands over to `TokenScanner.scanScalars`, mid-token if need be, which hands back
/// at the next ASCII gap. Loads reach up to 8 bytes before a block and 16 past its end, so the
/// first and last blocks are scanned from a zero-padded copy (zero is a separator) and the hot
/// loop never checks bounds.
enum BlockScanner {
    static let blockBytes = 64
    /// Bytes readable before a block (the last word of a short token at the block's start) …
    static let leadBytes = 8
    /// … and from its start (the two words of a token under 16 bytes ending in the block).
    static let readableBytes = 80

    static func scan<Shape: ShingleShape>(
        _ bytes: UnsafeBufferPointer<UInt8>, table: FoldTable, into target: inout HashingSink<Shape>
    ) {
        guard let base = bytes.baseAddress, !bytes.isEmpty else { return }
        // A local copy the optimiser can keep in registers.
        var sink = target
        defer { target = sink }
        let count = bytes.count
        let paddedBytes = leadBytes + readableBytes + 8
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: paddedBytes) { padded in
            guard let copy = padded.baseAddress else { return }
            var i = 0
            // The first block(s) and the last ones from a copy with the text's bytes where they
            // exist and zeros elsewhere (block start at `copy + leadBytes`); the rest in place.
            func scanPadded(_ i: Int) -> Int {
                let from = max(i - leadBytes, 0)
                let to = min(i + readableBytes + 8, count)
                copy.initialize(repeating: 0, count: paddedBytes)
                (copy + (leadBytes - (i - from))).update(from: base + from, count: to - from)
                return scanBlock(UnsafePointer(copy + leadBytes), at: i, text: bytes, table: table, sink: &sink)
            }
            while i < min(leadBytes, count) { i = scanPadded(i) }
            let lastInPlace = count &- readableBytes
            while i <= lastInPlace { i = scanBlock(base + i, at: i, text: bytes, table: table, sink: &sink) }
            while i < count { i = scanPadded(i) }
        }
    }

    /// Hashes the tokens that end inside the 64 bytes at `block` (text index `index`; `block - 8
    /// ..< block + 80` must be readable) and returns where the next block starts: after the block,
    /// at the start of a token running into its end, or wherever the scalar path stopped.
    ///
    /// Token starts and ends are two masks (a letter after a non-letter, a letter before one); each
    /// token takes the lowest bit of both. Hashes go straight to the sink's chunk buffer. This is
    /// the all-ASCII case, branch-free around the token loop; blocks with non-ASCII bytes go to
    /// `scanBlockGeneral`.
    @inline(__always)
    private static func scanBlock<Shape: ShingleShape>(
        _ block: UnsafePointer<UInt8>, at index: Int, text: UnsafeBufferPointer<UInt8>, table: FoldTable,
        sink: inout HashingSink<Shape>
    ) -> Int {
        let (letters, high) = classify(block)
        if high != 0 { return scanBlockGeneral(block, at: index, text: text, table: table, sink: &sink) }
        var starts = letters & ~(letters &<< 1)
        var ends = letters & ~(letters &>> 1)
        // A token reaching the block's last byte may go on: it is taken out of the masks (its
        // start is the highest start) and starts the next block.
        let open = letters &>> 63
        let openStart = UInt64(truncatingIfNeeded: 63 &- starts.leadingZeroBitCount) & 63
        starts ^= open &<< openStart
        ends ^= open &<< 63
        hashTokens(block, starts: starts, ends: ends, into: &sink)
        // 64 bytes on, or back to the open token's start; one of 64 bytes or more (rare: URLs,
        // base64) goes to the scalar path.
        let back = Int(truncatingIfNeeded: open &* (64 &- openStart))
        if back == 64 {
            return slowPath(text, from: index, token: TokenHashAccumulator(), inToken: true, table: table, sink: &sink)
        }
        return index &+ 64 &- back
    }

    /// Hashes into `sink` the tokens of `block` whose first bytes are the bits of `starts` and
    /// whose last bytes are the bits of `ends` (the n-th start pairs with the n-th end).
    @inline(__always)
    private static func hashTokens<Shape: ShingleShape>(
        _ block: UnsafePointer<UInt8>, starts: UInt64, ends: UInt64, into sink: inout HashingSink<Shape>
    ) {
        var starts = starts
        var ends = ends
        var out = sink.cursor
        let outEnd = sink.chunkEnd
        while starts != 0 {
            let start = starts.trailingZeroBitCount
            let end = ends.trailingZeroBitCount &+ 1
            out.pointee = tokenHash(block + start, length: end &- start)
            out += 1
            if out == outEnd {
                sink.commit(out)
                out = sink.cursor
            }
            starts &= starts &- 1
            ends &= ends &- 1
        }
        sink.commit(out)
    }

    /// `scanBlock` for any block, including ones with non-ASCII bytes. Hashes the tokens that end
    /// inside the 64 bytes at `block` (text index `index`; `block - 8 ..< block + 80` must be
    /// readable) and returns where the next block starts: after the block, at the start of a token
    /// running into its end, or wherever the scalar path stopped past the block.
    ///
    /// The block is taken in stretches: the ASCII bytes up to the next non-ASCII one from the
    /// masks, then the scalar path, which stops outside a token on an ASCII byte; while that byte
    /// is still in the block, the next stretch starts there, on the same masks. Restarting a block
    /// there instead (classifying its 64 bytes twice and looking for the first non-ASCII byte byte
    /// by byte), ~78 times per 4 KB article of the chain's mixed-language corpus (accents,
    /// typographic quotes and dashes every few words), made the scan 85.3 k instructions per
    /// article where this takes 76.7 k.
    @inline(never)
    private static func scanBlockGeneral<Shape: ShingleShape>(
        _ block: UnsafePointer<UInt8>, at index: Int, text: UnsafeBufferPointer<UInt8>, table: FoldTable,
        sink: inout HashingSink<Shape>
    ) -> Int {
        let high = nonASCII(block)
        // Letter bits of non-ASCII bytes mean nothing: those bytes are the scalar path's.
        let letters = classify(block).letters & ~high
        // Where the current stretch starts: outside any token.
        var from = 0
        while true {
            let fromMask = ~((1 &<< UInt64(truncatingIfNeeded: from)) &- 1)
            let highAhead = high & fromMask
            let limit = highAhead == 0 ? 64 : highAhead.trailingZeroBitCount
            let limitMask = limit == 64 ? UInt64.max : (1 &<< UInt64(truncatingIfNeeded: limit)) &- 1
            let stretch = letters & fromMask & limitMask
            var starts = stretch & ~(stretch &<< 1)
            var ends = stretch & ~(stretch &>> 1)
            // A token reaching the last byte before `limit` may go on past it: take it out of the
            // masks (its start is the highest start), so the loop needs no bounds test.
            let open = limit > 0 && (stretch &>> UInt64(truncatingIfNeeded: limit &- 1)) & 1 != 0
            let openStart = open ? 63 &- starts.leadingZeroBitCount : 0
            if open {
                starts &= ~(1 &<< UInt64(truncatingIfNeeded: openStart))
                ends &= ~(1 &<< UInt64(truncatingIfNeeded: limit &- 1))
            }
            hashTokens(block, starts: starts, ends: ends, into: &sink)
            let stopped: Int
            if open {
                // It starts the next block; a non-ASCII byte at `limit` may be a letter of the token.
                if limit == 64 {
                    // A token of 64 bytes or more (rare: URLs, base64) goes to the scalar path.
                    if openStart > 0 { return index &+ openStart }
                    return slowPath(text, from: index, token: TokenHashAccumulator(), inToken: true, table: table, sink: &sink)
                }
                var token = TokenHashAccumulator()
                for offset in openStart..<limit { token.push(UInt64(TokenScanner.foldASCII(block[offset]))) }
                stopped = slowPath(text, from: index &+ limit, token: token, inToken: true, table: table, sink: &sink)
            } else {
                if limit == 64 { return index &+ 64 }
                stopped = slowPath(text, from: index &+ limit, token: TokenHashAccumulator(), inToken: false, table: table, sink: &sink)
            }
            let offset = stopped &- index
            guard offset < 64, stopped < text.count else { return stopped }
            from = offset
        }
    }

    /// `FingerprintHash.token` of a complete token (`token - 8 ..< token + length + 8` readable).
    /// Word lengths straddle eight bytes unpredictably, so tokens under 16 bytes (nearly all) take
    /// one branch-free path: the last word is loaded ending at the token's end and shifted down
    /// over the bytes before the token; the first word counts only for tokens over eight bytes.
    @inline(__always)
    private static func tokenHash(_ token: UnsafePointer<UInt8>, length: Int) -> UInt64 {
        let lastWord = load(token + (length &- 8)) | caseBits
        guard length < 16 else {
            var state: UInt64 = 0
            var offset = 0
            while length &- offset > 8 {
                state = FingerprintHash.fold(state, load(token + offset) | caseBits)
                offset &+= 8
            }
            return FingerprintHash.token(state: state, last: lastWord, length: UInt64(truncatingIfNeeded: length))
        }
        // Arithmetic rather than selects, which the optimiser turns back into branches: `long` is
        // all ones for 9–15 bytes, else 0; the shift drops the 8 − length bytes before a shorter
        // token (64 − 8 × length, taken mod 64 by `&>>`: 0 for eight bytes) and is 0 for longer.
        let long = 0 &- UInt64(truncatingIfNeeded: (length &- 1) &>> 3)
        let last = lastWord &>> ((0 &- UInt64(truncatingIfNeeded: length) &* 8) & ~long)
        let state = FingerprintHash.fold(0, (load(token) | caseBits) & long)
        return FingerprintHash.token(state: state, last: last, length: UInt64(truncatingIfNeeded: length))
    }

    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let caseBits: UInt64 = 0x2020_2020_2020_2020

    @inline(__always)
    static func load(_ pointer: UnsafePointer<UInt8>) -> UInt64 {
        UInt64(littleEndian: UnsafeRawPointer(pointer).loadUnaligned(as: UInt64.self))
    }

    /// Bit k set when byte k of the 64 is an ASCII letter or digit (bits of non-ASCII bytes are
    /// meaningless), and nonzero `high` when any byte is not ASCII (`nonASCII` says which: the
    /// all-ASCII path does not pay for placing the bits).
    @inline(__always)
    static func classify(_ block: UnsafePointer<UInt8>) -> (letters: UInt64, high: UInt64) {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        classifySSE2(block)
        #else
        classifySWAR(block)
        #endif
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// SSE2 (every x86-64 CPU): 16 bytes per compare, `pmovmskb` gathers the byte masks into bits.
    /// A byte is in [lo, lo + n) when `byte - lo - 128` is, as a signed byte, below `n - 128`.
    @inline(__always)
    static func classifySSE2(_ block: UnsafePointer<UInt8>) -> (letters: UInt64, high: UInt64) {
        let caseBit = _mm_set1_epi8(0x20)
        let letterBias = _mm_set1_epi8(Int8(bitPattern: 0x80 &- 0x61))
        let letterLimit = _mm_set1_epi8(-128 + 26)
        let digitBias = _mm_set1_epi8(Int8(bitPattern: 0x80 &- 0x30))
        let digitLimit = _mm_set1_epi8(-128 + 10)
        var letters: UInt64 = 0
        var high: Int32 = 0
        for k in 0..<4 {
            let v = _mm_loadu_si128(UnsafeRawPointer(block + 16 &* k).assumingMemoryBound(to: __m128i.self))
            high |= _mm_movemask_epi8(v)
            let letter = _mm_cmplt_epi8(_mm_add_epi8(_mm_or_si128(v, caseBit), letterBias), letterLimit)
            let digit = _mm_cmplt_epi8(_mm_add_epi8(v, digitBias), digitLimit)
            let mask = _mm_movemask_epi8(_mm_or_si128(letter, digit))
            letters |= UInt64(UInt16(truncatingIfNeeded: mask)) &<< UInt64(16 &* k)
        }
        return (letters, UInt64(UInt32(bitPattern: high)))
    }
    #endif

    /// Bit k set when byte k of the 64 is not ASCII.
    @inline(__always)
    static func nonASCII(_ block: UnsafePointer<UInt8>) -> UInt64 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        var high: UInt64 = 0
        for k in 0..<4 {
            let v = _mm_loadu_si128(UnsafeRawPointer(block + 16 &* k).assumingMemoryBound(to: __m128i.self))
            high |= UInt64(UInt16(truncatingIfNeeded: _mm_movemask_epi8(v))) &<< UInt64(16 &* k)
        }
        return high
        #else
        nonASCIISWAR(block)
        #endif
    }

    /// The portable version of `nonASCII`.
    @inline(__always)
    static func nonASCIISWAR(_ block: UnsafePointer<UInt8>) -> UInt64 {
        var high: UInt64 = 0
        for k in 0..<8 { high |= compress(load(block + 8 &* k) & highBits) &<< UInt64(8 &* k) }
        return high
    }

    /// The portable version of `classify`: eight bytes per step.
    @inline(__always)
    static func classifySWAR(_ block: UnsafePointer<UInt8>) -> (letters: UInt64, high: UInt64) {
        var letters: UInt64 = 0
        var high: UInt64 = 0
        for k in 0..<8 {
            let word = load(block + 8 &* k)
            let highs = word & highBits
            high |= highs
            // Non-ASCII bytes zeroed first: their sums would carry into the next byte's.
            letters |= compress(asciiAlphanumeric(word & ~((highs &>> 7) &* 0xFF))) &<< UInt64(8 &* k)
        }
        return (letters, high)
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

    /// Not inlined, and on a copy of the sink: keeps the rare non-ASCII path from pinning the hot
    /// loop's sink in memory.
    @inline(never)
    private static func slowPath<Shape: ShingleShape>(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, token: TokenHashAccumulator, inToken: Bool,
        table: FoldTable, sink: inout HashingSink<Shape>
    ) -> Int {
        var token = token
        var inToken = inToken
        return TokenScanner.scanScalars(bytes, from: start, token: &token, inToken: &inToken, table: table,
                                        into: &sink, stopAtASCIIGap: true)
    }
}
