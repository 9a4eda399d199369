/// 64-bit key → entry slot, an open-addressing multimap (linear probing with runs kept in home
/// order, as Robin Hood hashing does; backward-shift deletion) used for the LSH buckets of all
/// bands and for the exact keys (id, URL, text hash). A cell is 8 bytes: the top 38 bits of the
/// key (so almost every probe is rejected without touching the stored entries) and the entry
/// slot + 1 (0 marks an empty cell). The home position is the key's top bits scaled to the
/// capacity (multiply-shift), which the cell keeps, so cells can be moved on deletion and growth
/// without storing the key. Keys must be well mixed (they are hashes). The capacity is any size,
/// not a power of two: a presized table reaches load 0.7 at its expected count instead of landing
/// anywhere between 3/8 and 3/4 (the LSH table of 100 000 entries took 4 M cells at load 0.48,
/// 335 bytes per entry; now 2.86 M, 229 bytes). Home-ordered runs keep misses short at that load:
/// a walk stops at the first cell whose home lies past the key's. The cells live in
/// `TableStorage` (huge pages when large), shared between copies until one of them writes.
struct SlotMultimap {
    static let slotBits: UInt64 = 26
    static let maxSlot = (1 << 26) - 2
    private static let slotMask: UInt64 = (1 << slotBits) - 1
    /// Grows beyond this load (numerator / denominator).
    private static let maxLoad = (numerator: 3, denominator: 4)
    /// Load of a presized table at its expected count, a little below `maxLoad`: the runs an
    /// insert moves up lengthen steeply towards it (about 1/2(1 - load)² cells).
    static let presizedLoad = (numerator: 7, denominator: 10)

    private var storage: TableStorage
    private(set) var count = 0

    init(capacity: Int) {
        storage = TableStorage(zeroedCount: max(capacity, 16))
    }

    init(log2Capacity: Int = 10) {
        self.init(capacity: 1 << log2Capacity)
    }

    /// A table that holds `expectedCount` keys without growing (growth rehashes every cell
    /// while the index lock is held: tens of milliseconds for the LSH table of 100 000 entries).
    init(expectedCount: Int) {
        let expected = max(expectedCount, 1)
        let load = Self.presizedLoad
        self.init(capacity: (expected * load.denominator + load.numerator - 1) / load.numerator + 1)
    }

    var capacity: Int { storage.count }

    var memoryBytes: Int { storage.count * MemoryLayout<UInt64>.stride }

    private var cells: UnsafeBufferPointer<UInt64> { UnsafeBufferPointer(start: storage.words, count: storage.count) }

    /// The cells, for writing: copied first when another `SlotMultimap` shares them.
    private mutating func mutableCells() -> UnsafeMutableBufferPointer<UInt64> {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return UnsafeMutableBufferPointer(start: storage.words, count: storage.count)
    }

    /// The home index of a key or cell: its tag bits (slot bits cleared) times the capacity, high
    /// word. Monotone in the tag and uniform over any capacity.
    @inline(__always)
    private static func home(of keyOrCell: UInt64, capacity: Int) -> Int {
        Int(truncatingIfNeeded: (keyOrCell & ~slotMask).multipliedFullWidth(by: UInt64(capacity)).high)
    }

    @inline(__always)
    private static func next(_ index: Int, capacity: Int) -> Int {
        index &+ 1 == capacity ? 0 : index &+ 1
    }

    /// Steps from `from` forward to `to`, wrapping at the capacity.
    @inline(__always)
    private static func distance(from: Int, to: Int, capacity: Int) -> Int {
        to >= from ? to &- from : to &- from &+ capacity
    }

    /// Stores `slot` under `key` unless `maxPerKey` slots already share its tag (then returns
    /// false). Same-key cells sit in one run, so a key shared by thousands of entries would make
    /// every insert and look-up under it, and under its neighbours, walk thousands of cells.
    /// The cell goes after every cell whose home is at or before its own, and the rest of the run
    /// moves up one cell.
    @discardableResult
    mutating func insert(key: UInt64, slot: Int, maxPerKey: Int = .max) -> Bool {
        if (count + 1) * Self.maxLoad.denominator > cells.count * Self.maxLoad.numerator { grow() }
        let tag = key >> Self.slotBits
        let buffer = mutableCells()
        let capacity = buffer.count
        var sameKey = 0
        let walked = Self.walk(UnsafeBufferPointer(buffer), home: Self.home(of: key, capacity: capacity), tag: tag) { _ in
            sameKey += 1
            return sameKey < maxPerKey
        }
        guard let index = walked else { return false }
        Self.place(tag << Self.slotBits | UInt64(slot + 1), at: index, in: buffer)
        count += 1
        return true
    }

    /// Puts `cell` at `index`, moving the run from there up one cell: one block move unless the
    /// run wraps past the end.
    @inline(__always)
    private static func place(_ cell: UInt64, at index: Int, in buffer: UnsafeMutableBufferPointer<UInt64>) {
        var end = index
        while end < buffer.count, buffer[end] != 0 { end += 1 }
        if end < buffer.count, let base = buffer.baseAddress {
            if end > index { (base + index + 1).update(from: base + index, count: end - index) }
            base[index] = cell
            return
        }
        var carried = cell
        var position = index
        while carried != 0 {
            swap(&carried, &buffer[position])
            position = next(position, capacity: buffer.count)
        }
    }

    /// Whether two keys share a run (their tags are equal).
    @inline(__always)
    static func sameTag(_ a: UInt64, _ b: UInt64) -> Bool { a >> slotBits == b >> slotBits }

    /// Whether the next `insert` would grow the table first.
    var growsOnNextInsert: Bool { (count + 1) * Self.maxLoad.denominator > capacity * Self.maxLoad.numerator }

    /// How far `cell`, stored at `index`, sits past its home.
    @inline(__always)
    private static func displacement(of cell: UInt64, at index: Int, capacity: Int) -> Int {
        distance(from: home(of: cell, capacity: capacity), to: index, capacity: capacity)
    }

    /// Walks the run of the key with `tag` and `home`, calling `visit` with the index of every
    /// cell of that tag until it returns false (then the result is nil). Returns where the key's
    /// cells end: the first empty cell, or the first whose home lies past the key's (a new cell of
    /// the key goes there). A cell whose tag is at most the key's has its home at or before the
    /// key's (homes grow with tags), so until the walk wraps past the table's end it cannot end
    /// the walk: the runs of the sample mix are mostly cells of one tag, and this test spares them
    /// the home's multiplication and the wrap-aware distance (and the loop its wrap test).
    @inline(__always)
    private static func walk(_ buffer: UnsafeBufferPointer<UInt64>, home: Int, tag: UInt64, _ visit: (Int) -> Bool) -> Int? {
        let capacity = buffer.count
        var index = home
        while index < capacity {
            let cell = buffer[index]
            if cell == 0 { return index }
            let cellTag = cell >> slotBits
            if cellTag == tag {
                if !visit(index) { return nil }
            } else if cellTag > tag, displacement(of: cell, at: index, capacity: capacity) < index &- home {
                return index
            }
            index &+= 1
        }
        // Wrapped: the general test. A run never fills the table (load ≤ `maxLoad`).
        index = 0
        var displacement = capacity &- home
        while index < home {
            let cell = buffer[index]
            if cell == 0 || Self.displacement(of: cell, at: index, capacity: capacity) < displacement { return index }
            if cell >> slotBits == tag, !visit(index) { return nil }
            index &+= 1
            displacement &+= 1
        }
        return index
    }

    /// Calls `body` with the slots stored under a key whose tag equals `key`'s until it returns false.
    /// Runs are ordered by home, so the walk ends at the first cell whose home lies past the key's
    /// (it sits closer to its home than the key's cells would): an unsuccessful search reads about
    /// as many cells as a successful one, 2.2 at load 0.7 rather than linear probing's 6.
    @inline(__always)
    func forEachSlotWhile(key: UInt64, _ body: (Int) -> Bool) {
        let buffer = cells
        _ = Self.walk(buffer, home: Self.home(of: key, capacity: buffer.count), tag: key >> Self.slotBits) { index in
            body(Int(buffer[index] & Self.slotMask) - 1)
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
    /// enough following lines in flight that the next 12 cells are being loaded: runs often
    /// spill into the next line. Reading these for many keys first, in a loop without branches on memory,
    /// lets their cache misses overlap; then `forEachSlot` finds the runs in cache (measured at a
    /// million entries: check 1.31 → 1.03 µs; home cell only: 1.31, plus +4: 1.06). Zero means the
    /// home cell is empty, so no match (a nonzero result only says "walk the run").
    @inline(__always)
    func touch(key: UInt64) -> UInt64 {
        let buffer = cells
        let capacity = buffer.count
        let home = Self.home(of: key, capacity: capacity)
        let plus4 = home &+ 4 < capacity ? home &+ 4 : home &+ 4 &- capacity
        let plus12 = home &+ 12 < capacity ? home &+ 12 : home &+ 12 &- capacity
        return buffer[home] | buffer[plus4] | buffer[plus12]
    }

    /// After `touch`: when the cell 12 past `key`'s home holds the key's tag, its run is long (a
    /// band value many articles share) and the next 64 cells are read too, so their lines load
    /// together rather than one after another as the walk reaches them. Zero when not long.
    @inline(__always)
    func touchLongRun(key: UInt64) -> UInt64 {
        let buffer = cells
        let capacity = buffer.count
        let home = Self.home(of: key, capacity: capacity)
        guard home &+ 84 < capacity, buffer[home &+ 12] >> Self.slotBits == key >> Self.slotBits else { return 0 }
        var loaded: UInt64 = 0
        var offset = 20
        while offset <= 84 {
            loaded |= buffer[home &+ offset]
            offset &+= 8
        }
        return loaded | 1
    }

    /// Removes `slot`'s cell under `key`; false when there is none.
    @discardableResult
    mutating func remove(key: UInt64, slot: Int) -> Bool {
        let tag = key >> Self.slotBits
        let target = tag << Self.slotBits | UInt64(slot + 1)
        let buffer = mutableCells()
        let capacity = buffer.count
        let home = Self.home(of: key, capacity: capacity)
        var found = -1
        _ = Self.walk(UnsafeBufferPointer(buffer), home: home, tag: tag) { index in
            guard buffer[index] == target else { return true }
            found = index
            return false
        }
        guard found >= 0, let base = buffer.baseAddress else { return false }
        // Backward shift: the run's later cells move down one until one already at its home. When
        // the cells to move do not wrap, they are found as the walk finds the run (a tag at most
        // the key's is past its home) and moved as one block.
        if found >= home {
            var end = found &+ 1
            while end < capacity {
                let cell = buffer[end]
                if cell == 0 || (cell >> Self.slotBits > tag && Self.home(of: cell, capacity: capacity) == end) { break }
                end &+= 1
            }
            if end < capacity {
                if end > found &+ 1 { (base + found).update(from: base + found + 1, count: end &- found &- 1) }
                buffer[end &- 1] = 0
                count -= 1
                return true
            }
        }
        var hole = found
        var next = Self.next(hole, capacity: capacity)
        while buffer[next] != 0, Self.displacement(of: buffer[next], at: next, capacity: capacity) > 0 {
            buffer[hole] = buffer[next]
            hole = next
            next = Self.next(next, capacity: capacity)
        }
        buffer[hole] = 0
        count -= 1
        return true
    }

    private mutating func grow() {
        let old = storage
        storage = TableStorage(zeroedCount: old.count * 2)
        let buffer = UnsafeMutableBufferPointer(start: storage.words, count: storage.count)
        let capacity = buffer.count
        for cell in UnsafeBufferPointer(start: old.words, count: old.count) where cell != 0 {
            var index = Self.home(of: cell, capacity: capacity)
            var displacement = 0
            while buffer[index] != 0, Self.displacement(of: buffer[index], at: index, capacity: capacity) >= displacement {
                index = Self.next(index, capacity: capacity)
                displacement += 1
            }
            Self.place(cell, at: index, in: buffer)
        }
        withExtendedLifetime(old) {}
    }
}
