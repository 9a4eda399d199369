/// Open-addressing map from token hash to what the data knows about the token: which
/// stoplists hold it and which patterns start with it. One probe sequence per token is the whole
/// per-word cost of the stopword and pattern signals, so this avoids `Dictionary`'s overhead.
///
/// Each slot is one `UInt64`: 30 bits of the key's upper half as a tag, 32 bits of payload
/// (stoplist bits, and a flag for "patterns start here"). Eight bytes a slot keep the ~30 k
/// stopwords of all languages, a quarter full, at 1 MB, inside a core's L2 cache; the slot
/// index uses the key's low bits, so slot and tag together compare 46+ bits of the hash.
/// Pattern ranges, needed for few tokens, sit in a second small table with full keys.
///
/// A lookup is one load: the key's home slot either holds it or, mostly, settles that it is
/// absent. Bit 1 of each slot's tag (`displacedBit`) records whether a key whose home this slot
/// is was placed further on; only then does a miss walk the probe sequence. Hit or miss at home
/// is combined without a branch: whether a word of prose is in some list is close to a coin
/// toss. (This replaced a 32 KB Bloom filter read beside the slot: a third fewer instructions
/// per token, for some more mispredicted walks — callgrind's branch model counts 0.2 more a
/// token — which timed no slower: 14.56 against 14.83 µs, five alternating runs.)
struct TokenTable: Sendable {
    struct Entry: Sendable {
        var stopwordMask: UInt32 = 0
        var patternStart: Int32 = 0
        var patternCount: Int32 = 0
    }

    /// Payload bit marking a token that starts at least one pattern.
    static let patternFlag: UInt32 = 1 << 31
    /// Stoplist bits available in the payload.
    static let maxStoplists = 31

    private var slots: [UInt64]
    /// In a slot's tag: some key with this home slot lies further on its probe sequence.
    private static let displacedBit: UInt64 = 1 << 33
    private let mask: Int
    private var patternKeys: [UInt64]
    private var patternRanges: [(start: Int32, count: Int32)]
    private let patternMask: Int

    /// `priority`: lower first (keys without one last). Keys are placed in that order, so the
    /// early ones get their home slot and are found by the first load, without the walk (a
    /// branch the predictor loses). The stoplists give short words first: the frequent ones.
    /// The order also makes the layout the same in every process (`Dictionary` order is not).
    init(_ source: [UInt64: Entry], priority: [UInt64: Int] = [:]) {
        var size = 16
        // At most a quarter full: fewer homes hold a displaced key, so fewer lookups walk (at
        // half full, callgrind's branch model counted 11 % more mispredicts; timed 2 % slower).
        while size < source.count * 4 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        let withPatterns = source.filter { $0.value.patternCount > 0 }
        var patternSize = 16
        while patternSize < withPatterns.count * 2 { patternSize <<= 1 }
        patternKeys = Array(repeating: 0, count: patternSize)
        patternRanges = Array(repeating: (0, 0), count: patternSize)
        patternMask = patternSize - 1
        let ordered = source.sorted { a, b in
            let pa = priority[a.key] ?? Int.max
            let pb = priority[b.key] ?? Int.max
            return pa != pb ? pa < pb : a.key < b.key
        }
        for (key, entry) in ordered {
            var payload = entry.stopwordMask & ~Self.patternFlag
            if entry.patternCount > 0 { payload |= Self.patternFlag }
            let home = Int(truncatingIfNeeded: key) & mask
            var slot = home
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (UInt64(Self.tag(key)) << 32) | UInt64(payload)
            if slot != home { slots[home] |= Self.displacedBit }
        }
        for (key, entry) in withPatterns {
            var slot = Int(truncatingIfNeeded: key) & patternMask
            while patternKeys[slot] != 0 { slot = (slot + 1) & patternMask }
            patternKeys[slot] = key
            patternRanges[slot] = (entry.patternStart, entry.patternCount)
        }
    }

    /// Never 0, so 0 marks an empty slot; bit 1 is left for `displacedBit` (the tag compares
    /// 30 bits of the key's upper half, the slot index its low bits).
    @inline(__always)
    private static func tag(_ key: UInt64) -> UInt32 { (UInt32(truncatingIfNeeded: key >> 32) & ~2) | 1 }

    /// The key's payload (stoplist bits, pattern flag), 0 when the key is absent.
    @inline(__always)
    func payload(_ key: UInt64) -> UInt32 {
        let want = Self.tag(key)
        let home = Int(truncatingIfNeeded: key) & mask
        let first = slots.withUnsafeBufferPointer { $0[home] }
        // All-ones mask from arithmetic (the compiler turned `?:` into a jump).
        let tagDifference = UInt64((UInt32(truncatingIfNeeded: first >> 32) & ~2) ^ want)
        let hitMask = 0 &- ((tagDifference &- 1) &>> 63)  // ~0 when the tags match
        if first & Self.displacedBit & ~hitMask != 0 { return probe(from: (home + 1) & mask, want: want) }
        return UInt32(truncatingIfNeeded: first & hitMask)
    }

    /// The rest of the probe sequence, for a key not in its home slot.
    @inline(never)
    private func probe(from start: Int, want: UInt32) -> UInt32 {
        slots.withUnsafeBufferPointer { s in
            var slot = start
            while true {
                let v = s[slot]
                if (UInt32(truncatingIfNeeded: v >> 32) & ~2) == want { return UInt32(truncatingIfNeeded: v) }
                if v == 0 { return 0 }
                slot = (slot + 1) & mask
            }
        }
    }

    /// Pattern ids range (in `PatternSet.patternOrder`) for a token whose payload has `patternFlag`.
    func patternRange(_ key: UInt64) -> Range<Int> {
        var slot = Int(truncatingIfNeeded: key) & patternMask
        while true {
            let k = patternKeys[slot]
            if k == key {
                let range = patternRanges[slot]
                return Int(range.start)..<Int(range.start + range.count)
            }
            if k == 0 { return 0..<0 }
            slot = (slot + 1) & patternMask
        }
    }
}
