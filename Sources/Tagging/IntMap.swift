import Foundation

/// Open-addressing map from 64-bit keys to 32-bit values. Keys are mixed before probing, so callers
/// may pass byte hashes or packed integer pairs alike. Key, value and occupancy share one 16-byte slot:
/// the tries walked per token (gazetteer, topic stems, cue suffixes) are larger than the caches, and a
/// probe that touches one cache line instead of three is what a cold lookup costs.
struct IntMap: Sendable {
    struct Slot: Sendable {
        var key: UInt64
        var value: Int32
        var used: Bool
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 16) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Slot](repeating: Slot(key: 0, value: 0, used: false), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func mix(_ k: UInt64) -> Int {
        var x = k ^ (k >> 31)
        x = x &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: x ^ (x >> 29))
    }

    @inline(__always)
    func get(_ key: UInt64) -> Int32? {
        slots.withUnsafeBufferPointer { sl in
            var i = Self.mix(key) & mask
            while sl[i].used {
                if sl[i].key == key { return sl[i].value }
                i = (i &+ 1) & mask
            }
            return nil
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { get(key) != nil }

    /// The value for `key`, or `absent`, with one branch per probe ("stop here": the key or an empty
    /// slot) and the answer selected by a mask. Why: whether a token's word is in a table is as
    /// unpredictable as the text; `get` branches on occupancy, then on the key, then the caller on the
    /// optional, and each followed the text. Here only a probe past another key's slot (a collision,
    /// the table at most half full) takes the loop again. The occupancy byte is read as a plain byte:
    /// read as a Bool, the compiler knows it is 0 or 1 and turns the product back into two branches.
    @inline(__always)
    func value(_ key: UInt64, or absent: Int32) -> Int32 {
        slots.withUnsafeBufferPointer { sl in
            guard let base = sl.baseAddress else { return absent }
            var i = Self.mix(key) & mask
            while true {
                let slot = UnsafeRawPointer(base + i)
                let used = slot.load(fromByteOffset: Self.usedOffset, as: UInt8.self)
                // Zero when the key is here or the slot is empty (`used` is 0 or 1, checked on loading).
                if (slot.load(as: UInt64.self) ^ key) &* UInt64(used) == 0 {
                    let keep = Int32(truncatingIfNeeded: 0 &- Int(used))
                    return slot.load(fromByteOffset: Self.valueOffset, as: Int32.self) & keep | absent & ~keep
                }
                i = (i &+ 1) & mask
            }
        }
    }

    /// Where `Slot` keeps its value and occupancy (declaration order: key, value, used), for `value(_:or:)`;
    /// `IntMapTests` checks them against `MemoryLayout`.
    static let valueOffset = 8
    static let usedOffset = 12

    /// Sets the value; returns the previous one.
    @discardableResult
    mutating func set(_ key: UInt64, _ value: Int32) -> Int32? {
        if (count + 1) * 2 > slots.count { grow() }
        var i = Self.mix(key) & mask
        while slots[i].used {
            if slots[i].key == key {
                let old = slots[i].value
                slots[i].value = value
                return old
            }
            i = (i &+ 1) & mask
        }
        slots[i] = Slot(key: key, value: value, used: true)
        count += 1
        return nil
    }

    /// Inserts the key if absent; returns true when it was new.
    @discardableResult
    mutating func insert(_ key: UInt64) -> Bool {
        if get(key) != nil { return false }
        set(key, 0)
        return true
    }

    /// A table holding the entries whose key passes `keep`, sized for them.
    func filtered(_ keep: (UInt64) -> Bool) -> IntMap {
        var out = IntMap(capacity: slots.reduce(0) { $0 + ($1.used && keep($1.key) ? 1 : 0) })
        for s in slots where s.used && keep(s.key) { out.set(s.key, s.value) }
        return out
    }

    var allocatedBytes: Int { slots.allocatedBytes }

    /// The slots as they are: read back, the map answers every lookup as before (`TaggerDataCache`).
    func archive(into w: inout ArchiveWriter) {
        w.array(slots)
        w.int(count)
    }

    /// Checks what a lookup relies on: a power-of-two table, `used` bytes 0 or 1, and an empty slot
    /// (a miss stops there).
    init(from r: inout ArchiveReader) throws(DataArchiveError) {
        let usedAt = MemoryLayout<Slot>.offset(of: \Slot.used) ?? -1
        let stride = MemoryLayout<Slot>.stride
        slots = try r.array(Slot.self) { raw in
            guard usedAt >= 0 else { return false }
            return Swift.stride(from: usedAt, to: raw.count, by: stride).allSatisfy { raw[$0] <= 1 }
        }
        count = try r.count()
        let used = slots.reduce(0) { $0 + ($1.used ? 1 : 0) }
        guard slots.count >= 16, slots.count & (slots.count - 1) == 0, used == count, count < slots.count else {
            throw DataArchiveError(.corrupt, "map of \(slots.count) slots, \(used) used, count \(count)")
        }
        mask = slots.count - 1
    }

    private mutating func grow() {
        let old = slots
        let size = slots.count * 2
        slots = [Slot](repeating: Slot(key: 0, value: 0, used: false), count: size)
        mask = size - 1
        count = 0
        for s in old where s.used { set(s.key, s.value) }
    }
}
