/// The feature lookup table, built at load from the file's keys, offsets and postings.
///
/// Why this layout: with 1.8 M features a plain linear-probing table at ≤ 2/3 load needed 2^22
/// eight-byte slots (32 MB resident, over issue #9's RSS budget). Here the slots may be up to 0.9
/// full (2^21 slots, 16 MB) without long probe runs on misses, which are most lookups: entries are
/// placed in order of (home slot, remainder), each at its home or just after the previous entry
/// ("ordered" linear probing, Amble & Knuth 1974), so a lookup stops at the first entry that sorts
/// at or after its own key — a miss costs about as much as a hit (mean displacement 3 at 0.86
/// load). A key is identified by its home slot (the top bits of the mixed key) plus 25 further
/// bits of it, so the slot needs no more of the key.
///
/// Slot word: bits 63…32 hold `remainder − displacement · 2^25` as a signed 32-bit value, so that
/// at `j` slots from a key's home an entry sorts below the key exactly when
/// `j · 2^25 + that value < the key's remainder`: one add and compare per probed slot. Bits 31…7
/// postings start (or dense row), 6…0 postings count (`LanguageModel.denseMarker` for a dense
/// row). With count 1 (four features in five) bits 31…7 hold the posting itself: no postings
/// read for such a hit, and 2.7 MB fewer postings. Empty slots hold `empty`, which sorts above every key and matches none. The table has
/// `tail` extra slots after the 2^k homes, so a run never wraps and a scan ends on an empty slot.
enum SlotTable {
    static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let remainderBits: UInt64 = 25
    static let remainderMask: UInt64 = (1 << 25) - 1
    /// Bits 8…32 of the mixed key: below the home bits for any table of ≤ 2^31 slots.
    static let remainderShift: UInt64 = 8
    /// `63 · 2^25` still fits the signed 32-bit field.
    static let maxDisplacement = 63
    /// A run ends by `capacity + maxDisplacement`; the scorers also touch the slot 7 after a home.
    static let tail = maxDisplacement + 1 + 8
    static let empty: UInt64 = 0x7FFF_FFFF << 32
    /// Fill limit: 9 / 10 (1.81 M features fit 2^21 slots at 0.86).
    static let maxLoadNumerator = 9, maxLoadDenominator = 10

    @inline(__always)
    static func remainder(_ key: UInt64) -> UInt64 {
        ((key &* multiplier) >> remainderShift) & remainderMask
    }

    @inline(__always)
    static func home(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* multiplier) >> shift)
    }

    /// Slot word for `key` (0 when absent), scanning on from the already-loaded home slot value.
    @inline(__always)
    static func resolve(_ key: UInt64, home: Int, first: UInt64, table: UnsafeBufferPointer<UInt64>) -> UInt64 {
        resolve(mixed: key &* multiplier, home: home, first: first, table: table)
    }

    /// `resolve` for a key already multiplied by `multiplier` (a batch keeps its keys so).
    @inline(__always)
    static func resolve(mixed: UInt64, home: Int, first: UInt64, table: UnsafeBufferPointer<UInt64>) -> UInt64 {
        // A step along the run moves the target down by one displacement unit instead of moving
        // an offset up and adding it to each slot's field (two instructions fewer a probe, and a
        // missing word probes about four slots).
        var target = Int64(bitPattern: (mixed >> remainderShift) & remainderMask)
        var v = first
        var slot = home
        while Int64(bitPattern: v) >> 32 < target {
            target &-= 1 << remainderBits
            slot &+= 1
            v = table[slot]
        }
        return Int64(bitPattern: v) >> 32 == target ? v : 0
    }

    struct Built {
        var slots: [UInt64]
        var shift: UInt64
        /// Postings of the sparse features only, in table order (dense rows hold the others).
        var postings: [UInt16]
        var dense: [UInt8]
    }

    /// Builds the table at the smallest size within the fill limit; a size whose runs would need
    /// a displacement over `maxDisplacement` is doubled, up to `maxGrowth` times (nil beyond: the
    /// keys cluster as hashes of real features do not). Of two keys sharing home and remainder
    /// (expected in ≈ 2 % of 1.8 M-feature models) only the first is kept: the other's lookups
    /// find it, as any lookup may match a wrong key one time in tens of millions.
    /// `offsets` must be checked (ascending, in range).
    /// `offsets` and `postings` are emptied once read, to keep the load's peak memory down.
    static func build(keys: [UInt64], offsets: inout [UInt32], postings: inout [UInt16], denseRows: Bool) -> Built? {
        var capacity = 16
        while capacity * maxLoadNumerator < keys.count * maxLoadDenominator { capacity <<= 1 }
        let values = Values(offsets: offsets, postings: postings, denseRows: denseRows)
        offsets = []
        postings = []
        for _ in 0...maxGrowth {
            if let slots = place(keys: keys, values: values.slotValues, capacity: capacity) {
                return Built(slots: slots.slots, shift: slots.shift, postings: values.postings, dense: values.dense)
            }
            capacity <<= 1
        }
        return nil
    }

    /// For tests: one attempt at `capacity` slots.
    static func build(keys: [UInt64], offsets: [UInt32], postings: [UInt16], denseRows: Bool,
                      capacity: Int) -> Built? {
        let values = Values(offsets: offsets, postings: postings, denseRows: denseRows)
        return place(keys: keys, values: values.slotValues, capacity: capacity).map {
            Built(slots: $0.slots, shift: $0.shift, postings: values.postings, dense: values.dense)
        }
    }

    static let maxGrowth = 2

    /// Postings and dense rows in file order (sequential reads), with each feature's slot value
    /// (start << 7 | count), which the placement reads by feature index.
    struct Values {
        var slotValues: [UInt32]
        var postings: [UInt16]
        var dense: [UInt8]

        init(offsets: [UInt32], postings source: [UInt16], denseRows: Bool) {
            let n = offsets.count - 1
            var rows = 0, sparse = 0
            for i in 0..<n {
                let count = Int(offsets[i + 1] - offsets[i])
                if denseRows && count >= LanguageModel.denseMinimum { rows += 1 } else if count > 1 { sparse += count }
            }
            var values: [UInt32] = SlotTable.uninitialized(n)
            var postings: [UInt16] = SlotTable.uninitialized(sparse)
            var dense = [UInt8](repeating: 0, count: rows * LanguageModel.denseWidth)
            offsets.withUnsafeBufferPointer { offsets in
            source.withUnsafeBufferPointer { source in
            values.withUnsafeMutableBufferPointer { values in
            postings.withUnsafeMutableBufferPointer { postings in
            dense.withUnsafeMutableBufferPointer { dense in
                var row = 0, written = 0
                for i in 0..<n {
                    let from = Int(offsets[i]), to = Int(offsets[i + 1])
                    if denseRows && to - from >= LanguageModel.denseMinimum {
                        for p in source[from..<to] {
                            dense[row * LanguageModel.denseWidth + LanguageModel.densePosition(Int(p >> 8))] = UInt8(truncatingIfNeeded: p)
                        }
                        values[i] = UInt32(truncatingIfNeeded: row) << 7
                            | UInt32(truncatingIfNeeded: LanguageModel.denseMarker)
                        row += 1
                    } else if to - from == 1 {
                        values[i] = UInt32(source[from]) << 7 | 1
                    } else {
                        values[i] = UInt32(truncatingIfNeeded: written) << 7 | UInt32(truncatingIfNeeded: to - from)
                        for p in source[from..<to] {
                            postings[written] = p
                            written += 1
                        }
                    }
                }
            }
            }
            }
            }
            }
            slotValues = values
            self.postings = postings
            self.dense = dense
        }
    }

    /// An array of `count` unset elements, for arrays whose every element the build writes before
    /// reading it: zero-filling them first (memset, counted per byte by callgrind) was ~25 M of the
    /// load's instructions.
    static func uninitialized<T: FixedWidthInteger>(_ count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// The slot table at `capacity` slots, or nil if a run would need too long a displacement.
    static func place(keys: [UInt64], values: [UInt32], capacity: Int) -> (slots: [UInt64], shift: UInt64)? {
        let homeBits = capacity.trailingZeroBitCount
        let shift = UInt64(64 - homeBits)
        let n = keys.count
        // Sort by (home, remainder) without random access into multi-megabyte arrays: one scatter
        // into ranges of 1024 homes, then within each range (a few hundred entries, in cache) a
        // counting sort by home and an insertion sort of the few keys sharing a home. An entry is
        // `low id bits << indexBits | feature index`.
        let lowHomeBits = min(homeBits, 10)
        let lowIdBits = UInt64(lowHomeBits) + remainderBits
        let largestIndex = max(n - 1, 1)
        let indexBits = UInt64(largestIndex.bitWidth - largestIndex.leadingZeroBitCount)
        guard lowIdBits + indexBits <= 64 else { return nil }
        let ranges = 1 << (homeBits - lowHomeBits)
        var sorted: [UInt64] = uninitialized(n)
        var rangeStarts = [Int](repeating: 0, count: ranges + 1)
        var slots = [UInt64](repeating: empty, count: capacity + tail)
        // The buffers are copied into local lets (the closures' inout parameters were reloaded
        // through memory at each access), and every shift is a masking one: all amounts here are
        // below 64, and Swift's full `>>`/`<<` with a variable amount tested it and selected
        // (together ~40 of the ~170 instructions a key the placement took).
        let ok = keys.withUnsafeBufferPointer { keys in
        values.withUnsafeBufferPointer { values in
        sorted.withUnsafeMutableBufferPointer { sortedBuffer in
        rangeStarts.withUnsafeMutableBufferPointer { rangeStartsBuffer in
        slots.withUnsafeMutableBufferPointer { slotsBuffer in
            let sorted = sortedBuffer, rangeStarts = rangeStartsBuffer, slots = slotsBuffer
            let lowMask: UInt64 = (1 &<< lowIdBits) &- 1
            @inline(__always) func id(_ key: UInt64) -> UInt64 {
                let mixed = key &* multiplier
                return (mixed &>> shift) &<< remainderBits | (mixed &>> remainderShift) & remainderMask
            }
            for key in keys { rangeStarts[Int(truncatingIfNeeded: id(key) &>> lowIdBits) &+ 1] &+= 1 }
            var largest = 0
            for r in 0..<ranges {
                largest = max(largest, rangeStarts[r + 1])
                rangeStarts[r + 1] &+= rangeStarts[r]
            }
            for i in keys.indices {
                let k = id(keys[i])
                let r = Int(truncatingIfNeeded: k &>> lowIdBits)
                sorted[rangeStarts[r]] = (k & lowMask) &<< indexBits | UInt64(truncatingIfNeeded: i)
                rangeStarts[r] &+= 1
            }
            // `rangeStarts[r]` is now the end of range r.
            let homesPerRange = 1 << lowHomeBits
            let homeShift = indexBits + remainderBits
            let indexMask: UInt64 = (1 &<< indexBits) &- 1
            // 32-bit counts (a range holds far fewer than 2^32 entries): their reset before each
            // range is a memset counted per byte, 2048 ranges of 1025 counts.
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: max(1, largest)) { scratch in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: homesPerRange + 1) { counts in
                var begin = 0
                var next = 0
                var previous: UInt64 = .max
                for r in 0..<ranges {
                    let end = rangeStarts[r]
                    let length = end - begin
                    counts.initialize(repeating: 0)
                    for j in begin..<end { counts[Int(truncatingIfNeeded: sorted[j] &>> homeShift) &+ 1] &+= 1 }
                    for h in 0..<homesPerRange { counts[h + 1] &+= counts[h] }
                    for j in begin..<end {
                        let h = Int(truncatingIfNeeded: sorted[j] &>> homeShift)
                        scratch[Int(counts[h])] = sorted[j]
                        counts[h] &+= 1
                    }
                    if length > 1 {
                        for j in 1..<length {
                            let moving = scratch[j]
                            var k = j
                            while k > 0 && scratch[k - 1] > moving {
                                scratch[k] = scratch[k - 1]
                                k -= 1
                            }
                            scratch[k] = moving
                        }
                    }
                    for j in 0..<length {
                        let packed = scratch[j]
                        let k = UInt64(truncatingIfNeeded: r) &<< lowIdBits | packed &>> indexBits
                        if k == previous { continue }
                        previous = k
                        let h = Int(truncatingIfNeeded: k &>> remainderBits)
                        let position = max(h, next)
                        let displacement = position &- h
                        if displacement > maxDisplacement { return false }
                        // Fits: remainder < 2^25, displacement ≤ 63.
                        let field = Int32(truncatingIfNeeded: k & remainderMask)
                            &- Int32(truncatingIfNeeded: displacement) &<< 25
                        slots[position] = UInt64(UInt32(bitPattern: field)) &<< 32
                            | UInt64(values[Int(truncatingIfNeeded: packed & indexMask)])
                        next = position &+ 1
                    }
                    begin = end
                }
                return true
            }
            }
        }
        }
        }
        }
        }
        return ok ? (slots, shift) : nil
    }
}
