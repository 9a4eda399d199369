/// Open-addressing map from token hash to what the data knows about the token: which
/// stoplists hold it and which patterns start with it. One probe sequence per token is the whole
/// per-word cost of the stopword and pattern signals, so this avoids `Dictionary`'s overhead.
///
/// Each slot is one `UInt64`: the key's bits 34-63 as a tag in the same bit positions (one XOR
/// and a shift compare them), bit 33 `displacedBit`, bit 32 set in every used slot, and 32 bits
/// of payload: the index of the token's stoplist set among the distinct sets (a "class"; the
/// tables give each class its stoplist bits and its per-byte counter words) and a flag for
/// "patterns start here". Eight bytes a slot keep the ~30 k stopwords of all languages, a
/// quarter full, at 1 MB, inside a core's L2 cache; the slot index uses the key's low bits, so
/// slot and tag together compare 47+ bits of the hash. Pattern ranges, needed for few tokens,
/// sit in a second small table with full keys.
///
/// A lookup is one load: the key's home slot either holds it or, mostly, settles that it is
/// absent. Bit 33 of each slot records whether a key whose home this slot is was placed further
/// on; only then does a miss walk the probe sequence. Hit or miss at home is combined without a
/// branch: whether a word of prose is in some list is close to a coin toss. (This replaced a
/// 32 KB Bloom filter read beside the slot: a third fewer instructions per token, for some more
/// mispredicted walks — callgrind's branch model counts 0.2 more a token — which timed no
/// slower: 14.56 against 14.83 µs, five alternating runs.)
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
    /// Payload bits holding the class, as the index of its first counter word in
    /// `classLanes` (four a class: the class times four): the lookup loops add it to the
    /// table's address as it is, with no shift a token.
    static let classMask: UInt32 = 0x7FFF_FFFF

    private var slots: [UInt64]
    /// In a slot: some key with this home slot lies further on its probe sequence.
    private static let displacedBit: UInt64 = 1 << 33
    /// In every used slot (a key whose bits 34-63 are zero still leaves its slot nonzero).
    private static let usedBit: UInt64 = 1 << 32
    private let mask: Int
    /// Per class (class 0: no stoplist): its stoplist bits, and those bits spread one per byte
    /// as `LanguageHits` counts them, four words a class (bits 0-7, 8-15, 16-23, 24-30).
    private var classMasks: [UInt32]
    private var classLanes: [UInt64]
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
        // Classes in increasing mask order (deterministic), class 0 the empty set.
        let masks = Set(source.values.map { $0.stopwordMask & ~Self.patternFlag }).union([0]).sorted()
        var classOf: [UInt32: UInt32] = [:]
        for (index, m) in masks.enumerated() { classOf[m] = UInt32(index) }
        classMasks = masks
        classLanes = masks.flatMap { m in
            (0..<4).map { group in LanguageHits.spread(UInt32(truncatingIfNeeded: (m >> UInt32(8 * group)) & 0xFF)) }
        }
        // Priorities looked up once per key, not twice per comparison (~0.18 G instructions a start).
        let ordered = source.map { (priority: priority[$0.key] ?? Int.max, key: $0.key, entry: $0.value) }
            .sorted { a, b in a.priority != b.priority ? a.priority < b.priority : a.key < b.key }
        for (_, key, entry) in ordered {
            var payload = (classOf[entry.stopwordMask & ~Self.patternFlag] ?? 0) &* 4
            if entry.patternCount > 0 { payload |= Self.patternFlag }
            let home = Int(truncatingIfNeeded: key) & mask
            var slot = home
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = (key & ~(Self.usedBit | Self.displacedBit | 0xFFFF_FFFF)) | Self.usedBit | UInt64(payload)
            if slot != home { slots[home] |= Self.displacedBit }
        }
        for (key, entry) in withPatterns {
            var slot = Int(truncatingIfNeeded: key) & patternMask
            while patternKeys[slot] != 0 { slot = (slot + 1) & patternMask }
            patternKeys[slot] = key
            patternRanges[slot] = (entry.patternStart, entry.patternCount)
        }
    }

    /// The key's stoplist bits and pattern flag, 0 when the key is absent.
    func payload(_ key: UInt64) -> UInt32 {
        withProbe { probe in
            let raw = probe.payload(key)
            return probe.stoplists(raw) | (raw & Self.patternFlag)
        }
    }

    /// A view for the hot loops, valid inside the closure: the slots, the class tables.
    func withProbe<R>(_ body: (Probe) -> R) -> R {
        slots.withUnsafeBufferPointer { s in
            classLanes.withUnsafeBufferPointer { lanes in
                classMasks.withUnsafeBufferPointer { masks in
                    // The arrays are never empty (16 slots, class 0).
                    guard let s = s.baseAddress, let lanes = lanes.baseAddress, let masks = masks.baseAddress else {
                        let zeros = UnsafeMutablePointer<UInt64>.allocate(capacity: 4)
                        zeros.initialize(repeating: 0, count: 4)
                        let noMasks = UnsafeMutablePointer<UInt32>.allocate(capacity: 1)
                        noMasks.initialize(to: 0)
                        defer {
                            zeros.deallocate()
                            noMasks.deallocate()
                        }
                        return body(Probe(slots: zeros, mask: 0, lanes: zeros, masks: noMasks))
                    }
                    return body(Probe(slots: s, mask: mask, lanes: lanes, masks: masks))
                }
            }
        }
    }

    /// The table's arrays as pointers, for loops over many tokens.
    struct Probe {
        let slots: UnsafePointer<UInt64>
        let mask: Int
        /// Four counter words per class (see `classLanes`).
        let lanes: UnsafePointer<UInt64>
        let masks: UnsafePointer<UInt32>

        /// The raw payload (class | pattern flag), 0 when the key is absent.
        @inline(__always)
        func payload(_ key: UInt64) -> UInt32 {
            let home = Int(truncatingIfNeeded: key) & mask
            let first = slots[home]
            // All-ones when bits 34-63 agree, from arithmetic (the compiler turned `?:` into a jump).
            let hitMask = 0 &- ((((first ^ key) &>> 34) &- 1) &>> 63)
            if first & TokenTable.displacedBit & ~hitMask != 0 { return walk(from: (home + 1) & mask, key: key) }
            return UInt32(truncatingIfNeeded: first & hitMask)
        }

        /// The rest of the probe sequence, for a key not in its home slot.
        @inline(never)
        func walk(from start: Int, key: UInt64) -> UInt32 {
            var slot = start
            while true {
                let v = slots[slot]
                if v == 0 { return 0 }
                if (v ^ key) &>> 34 == 0 { return UInt32(truncatingIfNeeded: v) }
                slot = (slot + 1) & mask
            }
        }

        /// A raw payload's stoplist bits.
        @inline(__always)
        func stoplists(_ payload: UInt32) -> UInt32 { masks[Int(payload & TokenTable.classMask) &>> 2] }
    }

    /// Pattern ids range (in `PatternSet.patternOrder`) for a token whose payload has `patternFlag`.
    @inline(__always)
    func patternRange(_ key: UInt64) -> Range<Int> {
        patternKeys.withUnsafeBufferPointer { keys in
            patternRanges.withUnsafeBufferPointer { ranges in
                var slot = Int(truncatingIfNeeded: key) & patternMask
                while true {
                    let k = keys[slot]
                    if k == key {
                        let range = ranges[slot]
                        return Int(range.start)..<Int(range.start &+ range.count)
                    }
                    if k == 0 { return 0..<0 }
                    slot = (slot &+ 1) & patternMask
                }
            }
        }
    }
}
