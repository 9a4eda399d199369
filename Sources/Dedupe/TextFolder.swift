#if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
import _Builtin_intrinsics.intel
#endif

/// The first pass of the fingerprint tokenizer's fast path: rewrites UTF-8 text as folded text, in
/// which every token is a run of nonzero bytes, exactly the bytes `TokenHashAccumulator` hashes
/// (an ASCII letter lower-cased, a digit as is, a non-ASCII letter as its folded scalar's bytes,
/// `FoldEntry.foldedBytes`), and a separator is a zero. `BlockScanner` then finds and hashes the
/// tokens with whole-word loads and no case or script test at all.
///
/// ASCII goes 16 bytes per step (classify, fold and store, then look for a non-ASCII byte); a
/// non-ASCII scalar is decoded, looked up and written with one 8-byte store. Before, the block
/// scanner met non-ASCII bytes itself and handed each stretch around them to the scalar-at-a-time
/// tokenizer: in the chain's mixed-language corpus (93 non-ASCII scalars per 4 KB article) almost
/// every 64-byte block took that general path.
enum TextFolder {
    /// Folded text is at most this many times as long as the UTF-8 text: a non-ASCII scalar takes
    /// at least two bytes and writes at most six (two scalars of three bytes, or a standalone one
    /// between zeros); an ASCII or invalid byte writes at most one.
    static let expansion = 3
    /// Bytes a fold may write past its result's end (the last 16-byte store, an 8-byte one).
    static let overrun = 16

    /// Writes the folded text of `text` from `out` on and returns its length. `out` must have room
    /// for `expansion × text.count + overrun` bytes.
    static func fold(_ text: UnsafeBufferPointer<UInt8>, table: FoldTable, into out: UnsafeMutablePointer<UInt8>) -> Int {
        table.latinBytes.withUnsafeBufferPointer { latin in fold(text, table: table, latin: latin, into: out) }
    }

    /// `fold` with `table.latinBytes` open: a Latin scalar's entry is one load (through the class
    /// and the array, with its bounds test, it was five more instructions per scalar).
    private static func fold(
        _ text: UnsafeBufferPointer<UInt8>, table: FoldTable, latin: UnsafeBufferPointer<UInt64>, into out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        guard let base = text.baseAddress else { return 0 }
        let count = text.count
        let lastChunk = count &- 16
        var i = 0
        var o = 0
        while true {
            // Sixteen bytes folded and stored at a time; of a chunk with a non-ASCII byte, the
            // bytes before it are kept, and that byte is decoded next without testing again for
            // the end of the text or for ASCII (~4 instructions per non-ASCII scalar).
            var high: UInt32 = 0
            while i <= lastChunk {
                high = foldChunk(base + i, into: out + o)
                if high != 0 { break }
                i &+= 16
                o &+= 16
            }
            if high != 0 {
                let ascii = high.trailingZeroBitCount
                i &+= ascii
                o &+= ascii
            } else {
                guard i < count else { return o }
                let byte = base[i]
                if byte < 0x80 {
                    // The last bytes, under sixteen.
                    out[o] = TokenScanner.foldASCII(byte)
                    i &+= 1
                    o &+= 1
                    continue
                }
            }
            let byte = base[i]
            let value: UInt32
            if byte &- 0xC2 < 0x1E, i &+ 1 < count, base[i &+ 1] & 0xC0 == 0x80 {
                // Two bytes (Latin letters with diacritics: most non-ASCII of European news), as
                // `TokenScanner.decode` reads them, in half its instructions.
                value = UInt32(byte & 0x1F) &<< 6 | UInt32(base[i &+ 1] & 0x3F)
                i &+= 2
            } else {
                let length: Int
                (value, length) = TokenScanner.decode(text, at: i)
                i &+= length
            }
            let bytes = value < FoldTable.latinLimit ? latin[Int(truncatingIfNeeded: value)] : table.foldedBytes(value)
            // Stored with its top byte (the count, at most 6): byte 7 is at or past the new end,
            // so a later store or the zeros after the folded text overwrite it.
            UnsafeMutableRawPointer(out + o).storeBytes(of: UInt64(littleEndian: bytes), as: UInt64.self)
            o &+= Int(truncatingIfNeeded: bytes &>> 56)
        }
    }

    /// Folds the 16 bytes at `chunk` into `out` (separators and non-ASCII bytes as zero) and
    /// returns a mask with bit k set when byte k is not ASCII.
    @inline(__always)
    static func foldChunk(_ chunk: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> UInt32 {
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        foldChunkSSE2(chunk, into: out)
        #else
        foldChunkSWAR(chunk, into: out)
        #endif
    }

    #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
    /// SSE2: a byte is in [lo, lo + n) when `byte - lo - 128` is, as a signed byte, below `n - 128`.
    @inline(__always)
    static func foldChunkSSE2(_ chunk: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> UInt32 {
        let v = _mm_loadu_si128(UnsafeRawPointer(chunk).assumingMemoryBound(to: __m128i.self))
        let lower = _mm_or_si128(v, _mm_set1_epi8(0x20))
        let letter = _mm_cmplt_epi8(_mm_add_epi8(lower, _mm_set1_epi8(Int8(bitPattern: 0x80 &- 0x61))), _mm_set1_epi8(-128 + 26))
        let digit = _mm_cmplt_epi8(_mm_add_epi8(v, _mm_set1_epi8(Int8(bitPattern: 0x80 &- 0x30))), _mm_set1_epi8(-128 + 10))
        // A digit has the case bit already: `lower` is the folded byte of both.
        let folded = _mm_and_si128(lower, _mm_or_si128(letter, digit))
        _mm_storeu_si128(UnsafeMutableRawPointer(out).assumingMemoryBound(to: __m128i.self), folded)
        return UInt32(bitPattern: _mm_movemask_epi8(v))
    }
    #endif

    /// The portable version of `foldChunk`: eight bytes per step.
    @inline(__always)
    static func foldChunkSWAR(_ chunk: UnsafePointer<UInt8>, into out: UnsafeMutablePointer<UInt8>) -> UInt32 {
        var high: UInt32 = 0
        for k in 0..<2 {
            let word = BlockScanner.load(chunk + 8 &* k)
            let highs = word & 0x8080_8080_8080_8080
            // Non-ASCII bytes zeroed first: their sums would carry into the next byte's.
            let alphanumeric = BlockScanner.asciiAlphanumeric(word & ~((highs &>> 7) &* 0xFF))
            let folded = (word | 0x2020_2020_2020_2020) & ((alphanumeric &>> 7) &* 0xFF)
            UnsafeMutableRawPointer(out + 8 &* k).storeBytes(of: UInt64(littleEndian: folded), as: UInt64.self)
            high |= UInt32(truncatingIfNeeded: BlockScanner.compress(highs)) &<< UInt32(8 &* k)
        }
        return high
    }
}
