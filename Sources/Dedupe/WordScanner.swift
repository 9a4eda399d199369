/// The fingerprint tokenizer's fast path: finds and hashes ASCII tokens eight bytes at a time.
///
/// A byte-at-a-time loop costs a mispredicted branch at almost every token end (token lengths are
/// random). Here one 64-bit load and a few SWAR operations give the token's extent (count trailing
/// zeros of the "not a letter or digit" mask), its packed bytes for `FingerprintHash.token` (the
/// loaded word itself, lower-cased by one OR and masked to the token), and usually the separator
/// run after it. The result is identical to `TokenScanner.scan`; a non-ASCII byte hands over to
/// `TokenScanner.scanScalars`, mid-token if need be.
enum WordScanner {
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    private static let low7Bits: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
    private static let caseBits: UInt64 = 0x2020_2020_2020_2020

    static func scan<Window: ShingleWindow>(
        _ bytes: UnsafeBufferPointer<UInt8>, table: FoldTable, into target: inout HashingSink<Window>
    ) {
        guard let base = bytes.baseAddress else { return }
        // A local copy the optimiser can keep in registers; the scalar path gets its own copy.
        var sink = target
        defer { target = sink }
        let count = bytes.count
        var i = 0
        while i < count {
            var word = load(base, count, at: i)
            var letters = alphanumericMask(word)
            if letters & 0x80 == 0 {
                // Not at a token start: skip ASCII separators, or let the scalar path take a
                // non-ASCII stretch.
                let high = word & highBits
                if high & 0x80 != 0 {
                    var spill = sink
                    i = slowPath(bytes, from: i, token: TokenHashAccumulator(), inToken: false, table: table, sink: &spill)
                    sink = spill
                    continue
                }
                let next = letters | high
                i &+= next == 0 ? 8 : next.trailingZeroBitCount &>> 3
                continue
            }
            var state: UInt64 = 0
            var length = 0
            var stops = ~letters & highBits
            while stops == 0 {
                // Eight token bytes: one full group.
                state = FingerprintHash.fold(state, word | caseBits)
                length &+= 8
                i &+= 8
                word = load(base, count, at: i)
                letters = alphanumericMask(word)
                stops = ~letters & highBits
            }
            // `stops` has bit 8k + 7 set for the first byte k that ends the token.
            let endBit = UInt64(truncatingIfNeeded: stops.trailingZeroBitCount) &- 7
            let used = Int(truncatingIfNeeded: endBit &>> 3)
            let tail = (word | caseBits) & ((1 &<< endBit) &- 1)
            length &+= used
            i &+= used
            let rest = word &>> endBit
            if rest & 0x80 != 0 {
                // A non-ASCII byte: it may continue the token (a letter) or end it.
                let token = TokenHashAccumulator(state: state, pending: tail, pendingBytes: used, tokenBytes: length)
                var spill = sink
                i = slowPath(bytes, from: i, token: token, inToken: true, table: table, sink: &spill)
                sink = spill
                continue
            }
            sink.endToken(hash: FingerprintHash.token(state: state, tail: tail, length: UInt64(truncatingIfNeeded: length)))
            // The separator run after the token, from the same word when it ends there.
            let next = (letters | (word & highBits)) &>> endBit
            i &+= next == 0 ? 8 &- used : next.trailingZeroBitCount &>> 3
        }
    }

    /// Not inlined, and on a copy of the sink (`spill`): keeps the rare non-ASCII path from
    /// pinning the hot loop's sink in memory.
    @inline(never)
    private static func slowPath<Window: ShingleWindow>(
        _ bytes: UnsafeBufferPointer<UInt8>, from start: Int, token: TokenHashAccumulator, inToken: Bool,
        table: FoldTable, sink: inout HashingSink<Window>
    ) -> Int {
        var token = token
        var inToken = inToken
        return TokenScanner.scanScalars(bytes, from: start, token: &token, inToken: &inToken, table: table,
                                        into: &sink, stopAtASCIIGap: true)
    }

    /// Eight bytes from `index`, first byte lowest; past the end reads as zero bytes (separators).
    @inline(__always)
    private static func load(_ base: UnsafePointer<UInt8>, _ count: Int, at index: Int) -> UInt64 {
        if index &+ 8 <= count {
            return UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
        }
        return loadTail(base, count, at: index)
    }

    @inline(never)
    private static func loadTail(_ base: UnsafePointer<UInt8>, _ count: Int, at index: Int) -> UInt64 {
        var word: UInt64 = 0
        var offset = 0
        while index &+ offset < count, offset < 8 {
            word |= UInt64(base[index &+ offset]) &<< UInt64(8 &* offset)
            offset &+= 1
        }
        return word
    }

    /// 0x80 in every byte that is an ASCII letter or digit. Per-byte exact: each byte's sums stay
    /// below 0x100, so no carry crosses into the next byte.
    @inline(__always)
    static func alphanumericMask(_ word: UInt64) -> UInt64 {
        let low = word & low7Bits
        let lower = low | caseBits
        let letter = (lower &+ 0x1F1F_1F1F_1F1F_1F1F) & ~(lower &+ 0x0505_0505_0505_0505)
        let digit = (low &+ 0x5050_5050_5050_5050) & ~(low &+ 0x4646_4646_4646_4646)
        return (letter | digit) & ~word & highBits
    }
}
