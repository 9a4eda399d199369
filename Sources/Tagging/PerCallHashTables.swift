import Foundation

/// The storage both per-call tables (`HashSlots`, `HashKeys`) share: a power-of-two number of
/// slots, at least twice the most keys the caller can insert (they never grow), all-zero bytes
/// meaning empty, in a `Scratch` block when one is given.
enum OpenAddressing {
    static func emptySlots<Slot>(_ type: Slot.Type, maxKeys: Int, scratch: Scratch?, block: Scratch.Block)
        -> (base: UnsafeMutablePointer<Slot>, owned: Bool, shift: UInt64, mask: Int) {
        var bits: UInt64 = 4
        while (1 << bits) < maxKeys * 2 { bits += 1 }
        let size = 1 << Int(bits)
        let base = scratch.map { $0.buffer(block, Slot.self, count: size) } ?? UnsafeMutablePointer<Slot>.allocate(capacity: size)
        // One memset: `initialize(repeating:)` compiled to a 16-byte store loop, ~8k instructions
        // per corpus article over the five per-article tables.
        memset(base, 0, size * MemoryLayout<Slot>.stride)
        return (base, scratch == nil, 64 - bits, size - 1)
    }

    /// Key 0 marks an empty slot: a real key 0 (a 2^-64 event for hash-based keys) is stored as this.
    static let zeroKey: UInt64 = 0x9E37_79B9_7F4A_7C15

    /// The slot holding `key`, or the empty slot where it goes (linear probing from its home slot,
    /// picked by Fibonacci hashing: the top bits after one multiply), and the key as stored.
    /// `keyAt` reads a slot's key. Every look-up and insert of both tables is this walk.
    @inline(__always)
    static func probe(_ key: UInt64, shift: UInt64, mask: Int, keyAt: (Int) -> UInt64) -> (slot: Int, key: UInt64) {
        let k = key == 0 ? zeroKey : key
        var i = Int(truncatingIfNeeded: (k &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while true {
            let stored = keyAt(i)
            if stored == k || stored == 0 { return (i, k) }
            i = (i + 1) & mask
        }
    }
}

/// Per-call open-addressing table from 64-bit hashes to Int32 values, sized once for the most keys
/// the caller can insert (it never grows) and freed when it goes out of scope. One 16-byte slot holds
/// key and value, so a probe is one cache line; key 0 marks an empty slot (`OpenAddressing.zeroKey`).
struct HashSlots: ~Copyable {
    struct Slot {
        var key: UInt64
        var value: Int32
    }

    private let base: UnsafeMutablePointer<Slot>
    private let shift: UInt64
    private let mask: Int
    /// Whether `base` is this table's own allocation (else it is a `Scratch` block).
    private let owned: Bool

    /// - Parameter scratch: when given, the slots live in its `block` (reused across articles)
    ///   instead of an allocation of their own.
    init(maxKeys: Int, scratch: Scratch? = nil, block: Scratch.Block = .documentWords) {
        (base, owned, shift, mask) = OpenAddressing.emptySlots(Slot.self, maxKeys: maxKeys, scratch: scratch, block: block)
    }

    deinit { if owned { base.deallocate() } }

    @inline(__always)
    private func probe(_ key: UInt64) -> (slot: Int, key: UInt64) {
        OpenAddressing.probe(key, shift: shift, mask: mask) { base[$0].key }
    }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        let (i, k) = probe(key)
        return base[i].key == k ? base[i].value : nil
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { get(key) != nil }

    /// The value stored for `key`, or stores `value` and returns nil. The caller keeps the number of
    /// distinct keys within `maxKeys`.
    @inline(__always)
    func getOrInsert(_ key: UInt64, _ value: Int32) -> Int32? {
        let (i, k) = probe(key)
        if base[i].key == k { return base[i].value }
        base[i] = Slot(key: k, value: value)
        return nil
    }

    @inline(__always)
    func insert(_ key: UInt64) { _ = getOrInsert(key, 0) }

    /// The value stored for `key` (isNew false), or stores `value` and returns it (isNew true), with
    /// no branch on which: the probe stops at the key or at an empty slot, and the slot is written
    /// either way.
    @inline(__always)
    func upsert(_ key: UInt64, _ value: Int32) -> (value: Int32, isNew: Bool) {
        let (i, k) = probe(key)
        let isNew = base[i].key == 0
        let m = UInt32(truncatingIfNeeded: Candidates.mask(isNew))
        let v = Int32(bitPattern: (UInt32(bitPattern: value) & m) | (UInt32(bitPattern: base[i].value) & ~m))
        base[i] = Slot(key: k, value: v)
        return (v, isNew)
    }

    /// Inserts `key` (value 0) with no branch on whether it was present: the probe stops at the key
    /// or at an empty slot, and the key is stored there either way.
    @inline(__always)
    func insertBranchless(_ key: UInt64) {
        let (i, k) = probe(key)
        base[i].key = k
    }
}

/// Per-call open-addressing set of 64-bit keys: `HashSlots` without values, so a slot is 8 bytes
/// and the table half the size (the per-document word set is written once per token and cleared
/// per article; its 16-byte slots spent half the memory and the clearing on unused values). Key 0
/// marks an empty slot; a real key 0 is stored as `OpenAddressing.zeroKey`. Sized once for `maxKeys`.
struct HashKeys: ~Copyable {
    private let base: UnsafeMutablePointer<UInt64>
    private let shift: UInt64
    private let mask: Int
    /// Whether `base` is this set's own allocation (else it is a `Scratch` block).
    private let owned: Bool

    init(maxKeys: Int, scratch: Scratch? = nil, block: Scratch.Block = .documentWords) {
        (base, owned, shift, mask) = OpenAddressing.emptySlots(UInt64.self, maxKeys: maxKeys, scratch: scratch, block: block)
    }

    deinit { if owned { base.deallocate() } }

    @inline(__always)
    private func probe(_ key: UInt64) -> (slot: Int, key: UInt64) {
        OpenAddressing.probe(key, shift: shift, mask: mask) { base[$0] }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool {
        let (i, k) = probe(key)
        return base[i] == k
    }

    /// Inserts `key` with no branch on whether it was present: the probe stops at the key or at an
    /// empty slot, and the key is stored there either way.
    @inline(__always)
    func insertBranchless(_ key: UInt64) {
        let (i, k) = probe(key)
        base[i] = k
    }
}
