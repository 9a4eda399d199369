import Foundation

/// The storage of `HashSlots`: a power-of-two number of slots, at least twice the most keys the
/// caller can insert (it never grows). A slot is empty unless it carries the table's stamp, so a
/// table in a `Scratch` block starts empty without clearing.
///
/// Why stamps: the keyword index and the grouping tables were cleared whole for every article
/// (~20 KB of memset per corpus article, most of it the keyword index), while an article touches a
/// few hundred of their slots. The block is zeroed once when it is allocated (stamp 0 is never
/// current), and `Scratch.stamped` hands each use a stamp no slot holds yet. (The memsets were
/// ~1 instruction per byte under valgrind, rep stosb, but cheap in CPU time: this saves counted
/// instructions more than microseconds.)
enum OpenAddressing {
    struct Slot {
        var key: UInt64
        var value: Int32
        /// The use of the block that wrote this slot (`Scratch.stamped`); any other stamp is empty.
        var stamp: UInt32
    }

    static func emptySlots(maxKeys: Int, scratch: Scratch?, block: Scratch.Block)
        -> (base: UnsafeMutablePointer<Slot>, owned: Bool, stamp: UInt32, shift: UInt64, mask: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < maxKeys * 2 { bits += 1 }
        let size = 1 << Int(bits)
        if let scratch {
            let (base, stamp) = scratch.stamped(block, Slot.self, count: size)
            return (base, false, stamp, 64 - bits, size - 1)
        }
        let base = UnsafeMutablePointer<Slot>.allocate(capacity: size)
        memset(base, 0, size * MemoryLayout<Slot>.stride)
        return (base, true, 1, 64 - bits, size - 1)
    }

    /// The slot holding `key` (found) or the empty slot where it goes: linear probing from its home
    /// slot, picked by Fibonacci hashing (the top bits after one multiply). Every look-up and insert
    /// of the table is this walk. (Wrapping shift and step: `shift` is at most 60 and `i` below the
    /// table size, so the checked forms only added a compare and branch to every probe.)
    @inline(__always)
    static func probe(_ base: UnsafeMutablePointer<Slot>, _ key: UInt64, stamp: UInt32, shift: UInt64, mask: Int) -> (slot: Int, found: Bool) {
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        while true {
            let s = base[i]
            if s.stamp != stamp { return (i, false) }
            if s.key == key { return (i, true) }
            i = (i &+ 1) & mask
        }
    }
}

/// Per-call open-addressing table from 64-bit hashes to Int32 values, sized once for the most keys
/// the caller can insert (it never grows) and freed when it goes out of scope. One 16-byte slot holds
/// key, value and stamp, so a probe is one cache line; every key (0 too) is a valid key.
struct HashSlots: ~Copyable {
    private let base: UnsafeMutablePointer<OpenAddressing.Slot>
    private let stamp: UInt32
    private let shift: UInt64
    private let mask: Int
    /// Whether `base` is this table's own allocation (else it is a `Scratch` block).
    private let owned: Bool

    /// - Parameter scratch: when given, the slots live in its `block` (reused across articles)
    ///   instead of an allocation of their own.
    init(maxKeys: Int, scratch: Scratch? = nil, block: Scratch.Block = .documentWords) {
        (base, owned, stamp, shift, mask) = OpenAddressing.emptySlots(maxKeys: maxKeys, scratch: scratch, block: block)
    }

    deinit { if owned { base.deallocate() } }

    @inline(__always)
    private func probe(_ key: UInt64) -> (slot: Int, found: Bool) {
        OpenAddressing.probe(base, key, stamp: stamp, shift: shift, mask: mask)
    }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        let (i, found) = probe(key)
        return found ? base[i].value : nil
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { probe(key).found }

    /// The value stored for `key`, or stores `value` and returns nil. The caller keeps the number of
    /// distinct keys within `maxKeys`.
    @inline(__always)
    func getOrInsert(_ key: UInt64, _ value: Int32) -> Int32? {
        let (i, found) = probe(key)
        if found { return base[i].value }
        base[i] = OpenAddressing.Slot(key: key, value: value, stamp: stamp)
        return nil
    }

    @inline(__always)
    func insert(_ key: UInt64) { _ = getOrInsert(key, 0) }

    /// The value stored for `key` (isNew false), or stores `value` and returns it (isNew true), with
    /// no branch on which: the probe stops at the key or at an empty slot, and the slot is written
    /// either way.
    @inline(__always)
    func upsert(_ key: UInt64, _ value: Int32) -> (value: Int32, isNew: Bool) {
        let (i, found) = probe(key)
        let m = UInt32(truncatingIfNeeded: Candidates.mask(!found))
        let v = Int32(bitPattern: (UInt32(bitPattern: value) & m) | (UInt32(bitPattern: base[i].value) & ~m))
        base[i] = OpenAddressing.Slot(key: key, value: v, stamp: stamp)
        return (v, !found)
    }

    /// Inserts `key` (value 0 when new) with no branch on whether it was present: the probe stops at
    /// the key or at an empty slot, and key and stamp are stored there either way.
    @inline(__always)
    func insertBranchless(_ key: UInt64) {
        let (i, _) = probe(key)
        base[i].key = key
        base[i].stamp = stamp
    }
}

/// Per-call open-addressing set of 64-bit keys: 8-byte slots, key 0 marking an empty slot (a real
/// key 0 is stored as `zeroKey`). Sized once for `maxKeys` insertions.
///
/// In a `Scratch` block the slots are all zero when the set is made, and the set clears the slots it
/// wrote when it goes (their indices listed as they are written): the document-word set takes one
/// key per token and was cleared whole per article before (a memset of ~16 KB per corpus article).
/// Not stamped like `HashSlots`: stamped 16-byte slots made it twice the memory, and tagging
/// measured slower (cache misses on the cold table) although it ran fewer instructions.
struct HashKeys: ~Copyable {
    private let base: UnsafeMutablePointer<UInt64>
    private let shift: UInt64
    private let mask: Int
    /// Slot index of every insertion, for clearing (a `Scratch` block; nil for an own allocation).
    private let touched: UnsafeMutablePointer<Int32>?
    private let touchedCapacity: Int
    private var touchedCount = 0
    private let size: Int

    /// Key 0 marks an empty slot: a real key 0 (a 2^-64 event for hash-based keys) is stored as this.
    static let zeroKey: UInt64 = 0x9E37_79B9_7F4A_7C15

    init(maxKeys: Int, scratch: Scratch? = nil, block: Scratch.Block = .documentWords,
         touchedBlock: Scratch.Block = .documentWordsTouched) {
        var bits: UInt64 = 4
        while (1 << bits) < maxKeys * 2 { bits += 1 }
        size = 1 << Int(bits)
        shift = 64 - bits
        mask = size - 1
        touchedCapacity = maxKeys
        if let scratch {
            base = scratch.zeroed(block, UInt64.self, count: size)
            // One spare entry: insertions past `maxKeys` are written there (then the set clears whole).
            touched = scratch.buffer(touchedBlock, Int32.self, count: maxKeys + 1)
        } else {
            base = UnsafeMutablePointer<UInt64>.allocate(capacity: size)
            memset(base, 0, size * MemoryLayout<UInt64>.stride)
            touched = nil
        }
    }

    deinit {
        guard let touched else {
            base.deallocate()
            return
        }
        if touchedCount > touchedCapacity {
            memset(base, 0, size * MemoryLayout<UInt64>.stride)
        } else {
            for j in 0..<touchedCount { base[Int(touched[j])] = 0 }
        }
    }

    @inline(__always)
    private func probe(_ key: UInt64) -> (slot: Int, key: UInt64) { Self.probe(base, key, shift: shift, mask: mask) }

    @inline(__always)
    private static func probe(_ base: UnsafeMutablePointer<UInt64>, _ key: UInt64, shift: UInt64, mask: Int) -> (slot: Int, key: UInt64) {
        let k = key == 0 ? zeroKey : key
        var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) &>> shift)
        while true {
            let stored = base[i]
            if stored == k || stored == 0 { return (i, k) }
            i = (i &+ 1) & mask
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        let (i, k) = probe(key)
        return base[i] == k
    }

    /// Inserts `key` with no branch on whether it was present: the probe stops at the key or at an
    /// empty slot, and the key is stored there either way (and its slot listed for clearing).
    @inline(__always)
    mutating func insertBranchless(_ key: UInt64) {
        insertAll(count: 1) { _ in key }
    }

    /// `insertBranchless(key(j))` for every j in 0..<count, with the table's fields and the count of
    /// touched slots in locals: through `self`, the loop reloaded them after every store to the
    /// slots (which might alias them), ~10 of the ~40 instructions per key of the document-word set.
    @inline(__always)
    mutating func insertAll(count: Int, _ key: (Int) -> UInt64) {
        let base = self.base, shift = self.shift, mask = self.mask
        guard let touched else {
            for j in 0..<count {
                let (i, k) = Self.probe(base, key(j), shift: shift, mask: mask)
                base[i] = k
            }
            return
        }
        let capacity = touchedCapacity
        var written = touchedCount
        for j in 0..<count {
            let (i, k) = Self.probe(base, key(j), shift: shift, mask: mask)
            base[i] = k
            touched[min(written, capacity)] = Int32(truncatingIfNeeded: i)
            written &+= 1
        }
        touchedCount = written
    }
}
