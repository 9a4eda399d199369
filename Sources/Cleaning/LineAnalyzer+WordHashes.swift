/// Part of `LineAnalyzer` (LineAnalyzer.swift): the token hash of one word, straight from its bytes (ASCII, and Latin letters up to U+017F).
extension LineAnalyzer {
    /// The hash of the word `base[s..<e]` (1...63 bytes) with ASCII case folded, and the OR of
    /// its bytes: bit 7 set in some byte means non-ASCII (two-byte Latin letters, which
    /// `hashLatin` hashes instead), bit 6 in none means digits only. Letters and digits both
    /// have bit 5 set once lowercased, so one OR folds case. Words of up to 8 bytes (most) are
    /// one load and a shift, without a loop.
    @inline(__always)
    static func hashASCII(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> (UInt64, UInt64) {
        hashASCII(base + s, length: e &- s)
    }

    @inline(__always)
    static func hashASCII(_ word: UnsafePointer<UInt8>, length: Int) -> (UInt64, UInt64) {
        hashBytes(word, length: length, or: 0x2020_2020_2020_2020)
    }

    /// The hash of `length` (1...63) bytes at `word` already folded (`foldWindow`): as
    /// `hashASCII`, without the ASCII case fold (the bytes have it), and the OR of the bytes.
    @inline(__always)
    static func hashFolded(_ word: UnsafePointer<UInt8>, length: Int) -> (UInt64, UInt64) {
        hashBytes(word, length: length, or: 0)
    }

    /// `hashASCII` with the bits ORed into every byte (`or`: 0x20 lanes, or 0) as a parameter.
    /// The OR of the bytes is that of the hashed bytes, ORed bits and all, moved up as the last
    /// chunk is (`TokenHasher.lastChunk`): its tests look at bits 6 and 7, which the fold
    /// leaves alone, so the value hashed serves as it is (a word of up to eight bytes, most,
    /// then needs no second shift).
    @inline(__always)
    static func hashBytes(_ word: UnsafePointer<UInt8>, length: Int, or fold: UInt64) -> (UInt64, UInt64) {
        if length <= 8 {
            let chunk = TokenHasher.lastChunk(UnsafeRawPointer(word).loadUnaligned(as: UInt64.self) | fold, count: length)
            return (TokenHasher.finish(fnvOffset ^ chunk, length: length), chunk)
        }
        var state = fnvOffset
        var letters: UInt64 = 0
        var k = 0
        while length &- k > 8 {
            let chunk = UnsafeRawPointer(word + k).loadUnaligned(as: UInt64.self) | fold
            letters |= chunk
            state = TokenHasher.mix(state, chunk)
            k &+= 8
        }
        let last = TokenHasher.lastChunk(UnsafeRawPointer(word + k).loadUnaligned(as: UInt64.self) | fold, count: length &- k)
        letters |= last
        return (TokenHasher.finish(state ^ last, length: length), letters)
    }

    /// How many of the eight bytes of `w` (little-endian), from the first, are ASCII letters or
    /// digits: the per-byte `isASCIIWord` on 7-bit lanes (no carries between bytes).
    @inline(__always)
    static func asciiWordPrefix(_ w: UInt64) -> Int {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let seven = w & (0x7F &* ones)
        let lowered = seven | (0x20 &* ones)
        let letter = (lowered &+ (0x80 - 0x61) &* ones) & ~(lowered &+ (0x80 - 0x7B) &* ones)
        let digit = (seven &+ (0x80 - 0x30) &* ones) & ~(seven &+ (0x80 - 0x3A) &* ones)
        let word = (letter | digit) & ~w & (0x80 &* ones)
        return (~word & (0x80 &* ones)).trailingZeroBitCount &>> 3
    }

    /// The token hash of the word `base[s..<e]` of ASCII letters and digits and two-byte letters
    /// U+00C0-017F (leads C3-C5), folded as `fold(_:)` folds their scalars, so that it equals the
    /// per-scalar path's hash (the same bytes, hashed alike). Sixteen bytes at a time, with lane
    /// comparisons (SSE2), each byte's predecessor from a load one byte earlier: ASCII bytes
    /// gain bit 5; a byte after C3 gains 0x20 unless it is 9F (ß) (80-9E: À-Þ to à-þ; A0-BF
    /// have it already); a byte after C4 below B8, or after C5 from 8A to B7, gains bit 0. The
    /// bitmap admits no other lead into a word. nil when the word holds × or ÷ (C3 97, C3 B7):
    /// those separate words, the per-scalar rules split it.
    /// Out of line (the careful path's calls): SSE2 intrinsics on x86-64 (`hashLatinSSE2`).
    @inline(never)
    static func hashLatin(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> UInt64? {
        guard s > 0 else { return hashLatinSWAR(base, s, e) }
        #if arch(x86_64) && canImport(_Builtin_intrinsics.intel)
        return hashLatinSSE2(base, s, e)
        #else
        return hashLatinLanes(base, s, e)
        #endif
    }

    /// `hashLatin` inlined, for the window word loop (`latinWords`). The lane form: inlined
    /// there, the intrinsics form (fewer instructions itself) left the compiler short of
    /// registers for the loop, which then kept its output pointer on the stack.
    @inline(__always)
    static func hashLatinInline(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> UInt64? {
        guard s > 0 else { return hashLatinSWAR(base, s, e) }
        return hashLatinLanes(base, s, e)
    }

    /// `hashLatin` in Swift's SIMD types (any target; on x86-64 the tests' second opinion).
    /// Needs the byte before `s`.
    @inline(__always)
    static func hashLatinLanes(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> UInt64? {
        typealias Bytes = SIMD16<UInt8>
        let lane = Bytes(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
        var state = fnvOffset
        var k = s
        while true {
            let remaining = e &- k
            let inWord = lane .< Bytes(repeating: UInt8(truncatingIfNeeded: min(remaining, 16)))
            let x = UnsafeRawPointer(base + k).loadUnaligned(as: Bytes.self)
            // Each byte's predecessor, from one load a byte earlier (the byte before the word
            // is ASCII: a separator or the newline before the line).
            let before = UnsafeRawPointer(base + (k &- 1)).loadUnaligned(as: Bytes.self)
            let afterC3 = before .== Bytes(repeating: 0xC3)
            let timesOrDivide = afterC3 .& ((x .== Bytes(repeating: 0x97)) .| (x .== Bytes(repeating: 0xB7))) .& inWord
            let found = unsafeBitCast(Bytes(repeating: 0).replacing(with: 1, where: timesOrDivide), to: (UInt64, UInt64).self)
            if found.0 | found.1 != 0 { return nil }
            let odd = (x .< Bytes(repeating: 0xB8))
                .& ((before .== Bytes(repeating: 0xC4)) .| ((before .== Bytes(repeating: 0xC5)) .& (x .>= Bytes(repeating: 0x8A))))
            let plusSpace = (x .< Bytes(repeating: 0x80)) .| (afterC3 .& (x .!= Bytes(repeating: 0x9F)))
            var folded = x | Bytes(repeating: 0).replacing(with: 0x20, where: plusSpace) | Bytes(repeating: 0).replacing(with: 1, where: odd)
            folded.replace(with: 0, where: .!inWord)
            let halves = unsafeBitCast(folded, to: (UInt64, UInt64).self)
            if remaining <= 8 { return TokenHasher.finish(state ^ TokenHasher.lastChunk(halves.0, count: remaining), length: e &- s) }
            state = TokenHasher.mix(state, halves.0)
            if remaining <= 16 { return TokenHasher.finish(state ^ TokenHasher.lastChunk(halves.1, count: remaining &- 8), length: e &- s) }
            state = TokenHasher.mix(state, halves.1)
            k &+= 16
        }
    }

    /// `hashLatin` eight bytes at a time in a 64-bit word (7-bit lanes, no carries; the lead is
    /// told from its low bits): for a word at the very start of the buffer (no byte before it
    /// to load), and the reference the tests hold `hashLatin` to.
    static func hashLatinSWAR(_ base: UnsafePointer<UInt8>, _ s: Int, _ e: Int) -> UInt64? {
        let ones: UInt64 = 0x0101_0101_0101_0101
        let high = 0x80 &* ones
        let low7 = 0x7F &* ones
        var state = fnvOffset
        var previous: UInt64 = 0  // the byte before the chunk, in byte 0
        var k = s
        while true {
            let remaining = e &- k
            let keep = remaining >= 8 ? UInt64.max : UInt64.max &>> UInt64(truncatingIfNeeded: 64 &- 8 &* remaining)
            let x = UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) & keep
            let before = (x &<< 8) | previous
            let afterLead = before & (before &<< 1) & high  // the byte before is 11xxxxxx
            let leadBit2 = (before &<< 5) & high  // C4, C5 (C3 has it clear)
            let leadBit0 = (before &<< 7) & high  // C3, C5
            let afterC3 = afterLead & ~leadBit2
            let seven = x & low7
            // × and ÷: 97 or B7 after C3.
            let y = (x & (0xDF &* ones)) ^ (0x97 &* ones)
            let is97 = ~(((y & low7) &+ low7) | y) & high
            if afterC3 & is97 != 0 { return nil }
            let z = x ^ (0x9F &* ones)
            let is9F = ~(((z & low7) &+ low7) | z) & high
            let belowB8 = ~(seven &+ ((0x80 - 0x38) &* ones)) & high
            let from8A = (seven &+ ((0x80 - 0x0A) &* ones)) & high
            let odd = afterLead & leadBit2 & belowB8 & (~leadBit0 | from8A)
            let folded = ((x | ((~x & high) &>> 2)) & keep) | ((afterC3 & ~is9F) &>> 2) | (odd &>> 7)
            if remaining <= 8 { return TokenHasher.finish(state ^ TokenHasher.lastChunk(folded, count: remaining), length: e &- s) }
            state = TokenHasher.mix(state, folded)
            previous = x &>> 56
            k &+= 8
        }
    }

    /// Eight bytes from `k` as a little-endian word, zero past the buffer's end `n`.
    @inline(__always)
    static func load8(_ base: UnsafePointer<UInt8>, _ k: Int, _ n: Int) -> UInt64 {
        if k &+ 8 <= n { return UnsafeRawPointer(base + k).loadUnaligned(as: UInt64.self) }
        var x: UInt64 = 0
        var j = 0
        while k &+ j < n {
            x |= UInt64(base[k &+ j]) &<< UInt64(8 &* j)
            j &+= 1
        }
        return x
    }
}
