/// 64-bit key → entry slot, an open-addressing multimap (linear probing, backward-shift
/// deletion) used for the LSH buckets of all bands and for the exact keys (id, URL, text hash).
/// A cell is 8 bytes: the top 38 bits of the key (so almost every probe is rejected without
/// touching the stored entries) and the entry slot + 1 (0 marks an empty cell). The home position
/// is the top bits of the key, which the cell keeps, so cells can be moved on deletion and growth
/// without storing the key. Keys must be well mixed (they are hashes).
struct SlotMultimap {
    static let slotBits: UInt64 = 26
    static let maxSlot = (1 << 26) - 2
    private static let tagBits = 64 - 26

    private(set) var cells: [UInt64]
    private(set) var count = 0
    private var log2Capacity: Int

    init(log2Capacity: Int = 10) {
        self.log2Capacity = log2Capacity
        cells = [UInt64](repeating: 0, count: 1 << log2Capacity)
    }

    var memoryBytes: Int { cells.capacity * MemoryLayout<UInt64>.stride }

    @inline(__always)
    private func home(ofTag tag: UInt64) -> Int {
        Int(tag >> UInt64(Self.tagBits - log2Capacity))
    }

    mutating func insert(key: UInt64, slot: Int) {
        if (count + 1) * 4 > cells.count * 3 { grow() }
        let tag = key >> Self.slotBits
        let mask = cells.count - 1
        let cell = tag << Self.slotBits | UInt64(slot + 1)
        let start = home(ofTag: tag)
        cells.withUnsafeMutableBufferPointer { buffer in
            var index = start
            while buffer[index] != 0 { index = (index + 1) & mask }
            buffer[index] = cell
        }
        count += 1
    }

    /// Calls `body` with every slot stored under a key whose tag equals `key`'s.
    @inline(__always)
    func forEachSlot(key: UInt64, _ body: (Int) -> Void) {
        let tag = key >> Self.slotBits
        let mask = cells.count - 1
        let slotMask: UInt64 = (1 << Self.slotBits) - 1
        let start = home(ofTag: tag)
        cells.withUnsafeBufferPointer { buffer in
            var index = start
            while true {
                let cell = buffer[index]
                if cell == 0 { return }
                if cell >> Self.slotBits == tag { body(Int(cell & slotMask) - 1) }
                index = (index + 1) & mask
            }
        }
    }

    /// The cell at `key`'s home position. Reading the home cells of many keys first, in a loop
    /// without branches on memory, lets their cache misses overlap; then `forEachSlot` finds the
    /// runs in cache, and an empty home cell (0) means no match at all.
    @inline(__always)
    func homeCell(key: UInt64) -> UInt64 {
        cells.withUnsafeBufferPointer { $0[home(ofTag: key >> Self.slotBits)] }
    }

    mutating func remove(key: UInt64, slot: Int) {
        let target = (key >> Self.slotBits) << Self.slotBits | UInt64(slot + 1)
        let mask = cells.count - 1
        let log2 = log2Capacity
        let removed: Bool = cells.withUnsafeMutableBufferPointer { buffer in
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
        }
        if removed { count -= 1 }
    }

    private mutating func grow() {
        let old = cells
        log2Capacity += 1
        cells = [UInt64](repeating: 0, count: 1 << log2Capacity)
        let mask = cells.count - 1
        let log2 = log2Capacity
        cells.withUnsafeMutableBufferPointer { buffer in
            for cell in old where cell != 0 {
                var index = Int((cell >> Self.slotBits) >> UInt64(Self.tagBits - log2))
                while buffer[index] != 0 { index = (index + 1) & mask }
                buffer[index] = cell
            }
        }
    }
}
