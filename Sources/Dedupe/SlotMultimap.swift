/// 64-bit key → entry slot, an open-addressing multimap (linear probing, backward-shift
/// deletion) used for the LSH buckets of all bands and for the exact keys (id, URL, text hash).
/// A cell is 8 bytes: the top 38 bits of the key (so almost every probe is rejected without
/// touching the stored entries) and the entry slot + 1 (0 marks an empty cell). The home position
/// is the top bits of the key, which the cell keeps, so cells can be moved on deletion and growth
/// without storing the key. Keys must be well mixed (they are hashes). The cells live in
/// `TableStorage` (huge pages when large), shared between copies until one of them writes.
struct SlotMultimap {
    static let slotBits: UInt64 = 26
    static let maxSlot = (1 << 26) - 2
    private static let tagBits = 64 - 26

    private var storage: TableStorage
    private(set) var count = 0
    private var log2Capacity: Int

    init(log2Capacity: Int = 10) {
        self.log2Capacity = log2Capacity
        storage = TableStorage(zeroedCount: 1 << log2Capacity)
    }

    /// A table that holds `expectedCount` keys without growing (growth rehashes every cell
    /// while the index lock is held: tens of milliseconds for the LSH table of 100 000 entries).
    init(expectedCount: Int) {
        var log2 = 10
        while (1 << log2) * 3 < max(expectedCount, 1) * 4 + 4 { log2 += 1 }
        self.init(log2Capacity: log2)
    }

    var memoryBytes: Int { storage.count * MemoryLayout<UInt64>.stride }

    private var cells: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: storage.words, count: storage.count) }

    /// The cells, for writing: copied first when another `SlotMultimap` shares them.
    private mutating func mutableCells() -> UnsafeMutableBufferPointer<UInt64> {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return UnsafeMutableBufferPointer(start: storage.words, count: storage.count)
    }

    @inline(__always)
    private func home(ofTag tag: UInt64) -> Int {
        Int(tag >> UInt64(Self.tagBits - log2Capacity))
    }

    /// Stores `slot` under `key` unless `maxPerKey` slots already share its tag (then returns
    /// false). Same-key cells sit in one run, so a key shared by thousands of entries would make
    /// every insert and look-up under it, and under its neighbours, walk thousands of cells.
    @discardableResult
    mutating func insert(key: UInt64, slot: Int, maxPerKey: Int = .max) -> Bool {
        if (count + 1) * 4 > cells.count * 3 { grow() }
        let tag = key >> Self.slotBits
        let mask = cells.count - 1
        let cell = tag << Self.slotBits | UInt64(slot + 1)
        let start = home(ofTag: tag)
        let buffer = mutableCells()
        var index = start
        var sameKey = 0
        while buffer[index] != 0 {
            if buffer[index] >> Self.slotBits == tag {
                sameKey += 1
                if sameKey >= maxPerKey { return false }
            }
            index = (index + 1) & mask
        }
        buffer[index] = cell
        count += 1
        return true
    }

    /// Calls `body` with the slots stored under a key whose tag equals `key`'s until it returns false.
    @inline(__always)
    func forEachSlotWhile(key: UInt64, _ body: (Int) -> Bool) {
        let tag = key >> Self.slotBits
        let mask = cells.count - 1
        let slotMask: UInt64 = (1 << Self.slotBits) - 1
        let buffer = cells
        var index = home(ofTag: tag)
        while true {
            let cell = buffer[index]
            if cell == 0 { return }
            if cell >> Self.slotBits == tag, !body(Int(cell & slotMask) - 1) { return }
            index = (index + 1) & mask
        }
    }

    /// Calls `body` with every slot stored under a key whose tag equals `key`'s.
    @inline(__always)
    func forEachSlot(key: UInt64, _ body: (Int) -> Void) {
        forEachSlotWhile(key: key) { slot in
            body(slot)
            return true
        }
    }

    /// Reads `key`'s home cell and the cells 4 and 12 further on, which puts the home's line and
    /// enough following lines in flight that the next 12 cells are being loaded: near the growth
    /// threshold (75 % load) an unsuccessful search reads about eight cells, so runs often spill
    /// into the next line. Reading these for many keys first, in a loop without branches on memory,
    /// lets their cache misses overlap; then `forEachSlot` finds the runs in cache (measured at a
    /// million entries: check 1.31 → 1.03 µs; home cell only: 1.31, plus +4: 1.06). Zero means the
    /// home cell is empty, so no match (a nonzero result only says "walk the run").
    @inline(__always)
    func touch(key: UInt64) -> UInt64 {
        let buffer = cells
        let home = home(ofTag: key >> Self.slotBits)
        return buffer[home] | buffer[(home &+ 4) & (buffer.count &- 1)] | buffer[(home &+ 12) & (buffer.count &- 1)]
    }

    mutating func remove(key: UInt64, slot: Int) {
        let target = (key >> Self.slotBits) << Self.slotBits | UInt64(slot + 1)
        let mask = cells.count - 1
        let log2 = log2Capacity
        let buffer = mutableCells()
        let removed: Bool = {
            var index = Int((key >> Self.slotBits) >> UInt64(Self.tagBits - log2))
            while buffer[index] != target {
                if buffer[index] == 0 { return false }
                index = (index + 1) & mask
            }
            // Backward shift: pull later cells of the run into the hole when their home allows.
            var hole = index
            var next = (hole + 1) & mask
            while buffer[next] != 0 {
                let home = Int((buffer[next] >> Self.slotBits) >> UInt64(Self.tagBits - log2))
                let distanceToHole = (hole - home) & mask
                let distanceToNext = (next - home) & mask
                if distanceToHole < distanceToNext {
                    buffer[hole] = buffer[next]
                    hole = next
                }
                next = (next + 1) & mask
            }
            buffer[hole] = 0
            return true
        }()
        if removed { count -= 1 }
    }

    private mutating func grow() {
        let old = storage
        log2Capacity += 1
        storage = TableStorage(zeroedCount: 1 << log2Capacity)
        let buffer = UnsafeMutableBufferPointer(start: storage.words, count: storage.count)
        let mask = buffer.count - 1
        let log2 = log2Capacity
        for cell in UnsafeBufferPointer(start: old.words, count: old.count) where cell != 0 {
            var index = Int((cell >> Self.slotBits) >> UInt64(Self.tagBits - log2))
            while buffer[index] != 0 { index = (index + 1) & mask }
            buffer[index] = cell
        }
        withExtendedLifetime(old) {}
    }
}
