/// Open-addressing map from token hash to what the data knows about the token: which
/// stoplists hold it and which patterns start with it. One probe sequence per token is the whole
/// per-word cost of the stopword and pattern signals, so this avoids `Dictionary`'s overhead.
///
/// Each slot is one `UInt64`: 32 bits of the key's upper half as a tag, 32 bits of payload
/// (stoplist bits, and a flag for "patterns start here"). Eight bytes a slot keep the ~30 k
/// stopwords of all languages at 512 KB, inside a core's L2 cache; the slot index uses the
/// key's low bits, so slot and tag together compare 48+ bits of the hash. Pattern ranges, needed
/// for few tokens, sit in a second small table with full keys.
///
/// A 32 KB blocked Bloom filter (two bits in one 64-bit word) screens the keys. It is read
/// together with the key's first slot and the two are combined without a branch: whether a word
/// of prose is in some list is close to a coin toss, and a mispredicted branch per word cost
/// more than the (independent, overlapping) slot load it used to save.
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
    private var filter: [UInt64]
    private static let filterWords = 4096
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
        while size < source.count * 2 { size <<= 1 }
        slots = Array(repeating: 0, count: size)
        mask = size - 1
        let withPatterns = source.filter { $0.value.patternCount > 0 }
        var patternSize = 16
        while patternSize < withPatterns.count * 2 { patternSize <<= 1 }
        patternKeys = Array(repeating: 0, count: patternSize)
        patternRanges = Array(repeating: (0, 0), count: patternSize)
        patternMask = patternSize - 1
        filter = Array(repeating: 0, count: Self.filterWords)
        let ordered = source.sorted { a, b in
            let pa = priority[a.key] ?? Int.max
            let pb = priority[b.key] ?? Int.max
            return pa != pb ? pa < pb : a.key < b.key
        }
        for (key, entry) in ordered {
            let (word, bits) = Self.filterBits(key)
            filter[word] |= bits
            var payload = entry.stopwordMask & ~Self.patternFlag
            if entry.patternCount > 0 { payload |= Self.patternFlag }
            var slot = Int(truncatingIfNeeded: key) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (UInt64(Self.tag(key)) << 32) | UInt64(payload)
        }
        for (key, entry) in withPatterns {
            var slot = Int(truncatingIfNeeded: key) & patternMask
            while patternKeys[slot] != 0 { slot = (slot + 1) & patternMask }
            patternKeys[slot] = key
            patternRanges[slot] = (entry.patternStart, entry.patternCount)
        }
    }

    /// Never 0, so 0 marks an empty slot.
    @inline(__always)
    private static func tag(_ key: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: key >> 32) | 1 }

    /// Filter word and bits of a key, from hash bits the slot index does not use.
    @inline(__always)
    private static func filterBits(_ key: UInt64) -> (Int, UInt64) {
        let word = Int(truncatingIfNeeded: key >> 40) & (filterWords - 1)
        let bits = (UInt64(1) << ((key >> 52) & 63)) | (UInt64(1) << (key >> 58))
        return (word, bits)
    }

    /// The payload (stoplist bits | `patternFlag`), 0 for an unknown token.
    ///
    /// Whether a word is in a list is a coin toss on prose, so the common cases take no branch:
    /// the filter word and the first slot are both read, and selects combine them. Only a
    /// filter-passing key whose first slot holds another key walks on (rare: half-empty table).
    @inline(__always)
    func payload(_ key: UInt64) -> UInt32 {
        let (word, bits) = Self.filterBits(key)
        let want = Self.tag(key)
        let start = Int(truncatingIfNeeded: key) & mask
        let (present, first) = filter.withUnsafeBufferPointer { f in
            slots.withUnsafeBufferPointer { s in (f[word] & bits, s[start]) }
        }
        // All-ones masks from arithmetic (the compiler turned `?:` and `&&` into jumps).
        let tagDifference = UInt64(UInt32(truncatingIfNeeded: first >> 32) ^ want)
        let hitMask = 0 &- ((tagDifference &- 1) &>> 63)  // ~0 when the tags match
        let missing = present ^ bits  // 0 when every filter bit is set
        let presentMask = ((missing | (0 &- missing)) &>> 63) &- 1  // ~0 when present
        // One test: filter false positives on an empty slot are common, a collision in the
        // first slot (occupied by another key) is not.
        if presentMask & ~hitMask & first != 0 { return probe(from: (start + 1) & mask, want: want) }
        return UInt32(truncatingIfNeeded: first & hitMask & presentMask)
    }

    /// The rest of the probe sequence, after an occupied first slot of another key.
    @inline(never)
    private func probe(from start: Int, want: UInt32) -> UInt32 {
        slots.withUnsafeBufferPointer { s in
            var slot = start
            while true {
                let v = s[slot]
                let t = UInt32(truncatingIfNeeded: v >> 32)
                if t == want { return UInt32(truncatingIfNeeded: v) }
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
