import Synchronization

/// How many earlier documents contained a line, per source and across sources, in bounded memory.
///
/// A fixed table of `capacity` slots (16 bytes each) keyed by a hash of (source, line
/// fingerprint). Each slot counts the documents that held the line and remembers the last one;
/// a count whose last sighting is older than `window` documents starts again. When a line's
/// probe run is full, the least recently seen slot in it gives way, so memory never grows and
/// the table approximates an LRU over line hashes. Hash collisions can only merge counts of
/// unrelated lines; with 64-bit keys that is negligible.
///
/// Warm-up: a fresh instance knows nothing, so a source's furniture is only recognised by this
/// signal from its `threshold + 1`-th document on; patterns and structure work from the first.
final class LineMemory: Sendable {
    private struct Slot {
        var key: UInt64 = 0
        var lastDocument: UInt32 = 0
        var count: UInt16 = 0
    }

    private struct State: ~Copyable {
        var slots: [Slot]
        var document: UInt32 = 0
        /// The OR of the home slots' keys read ahead of a lookup (`touchHomes`): kept so that
        /// those reads are not optimised away.
        var touched: UInt64 = 0
    }

    private let state: Mutex<State>
    private let mask: Int
    private let window: UInt32
    private static let probes = 8

    init(capacity: Int, window: Int) {
        var size = 1024
        while size < capacity { size <<= 1 }
        mask = size - 1
        self.window = UInt32(clamping: max(1, window))
        state = Mutex(State(slots: Array(repeating: Slot(), count: size)))
    }

    /// Reads every key's home slot before the probe loop, in a loop of independent loads whose
    /// cache misses overlap (the table, 4 MB at the default capacity, is mostly out of the
    /// core's caches). In the probe loop each miss sat behind the branches on the slot before
    /// it (found? empty?), which mispredict: one miss after another, some 90 % of the loop's
    /// time in the sampling profile.
    @inline(__always)
    private static func touchHomes(_ keys: UnsafeMutableBufferPointer<UInt64>, slots: UnsafeBufferPointer<Slot>, mask: Int) -> UInt64 {
        var touched: UInt64 = 0
        for key in keys { touched |= slots[Int(truncatingIfNeeded: key) & mask].key }
        return touched
    }

    /// Replaces each key by how many earlier documents (within the window) held it, and then,
    /// when `record` is set, counts this document. Key 0 is skipped (count 0). A key repeated
    /// within one call is counted once: a slot already stamped with this document reports the
    /// count from before it.
    func lookup(_ keys: UnsafeMutableBufferPointer<UInt64>, record: Bool) {
        let mask = self.mask
        let window = self.window
        state.withLock { state in
            if record { state.document &+= 1 }
            let now = state.document
            state.touched = state.slots.withUnsafeBufferPointer { slots in Self.touchHomes(keys, slots: slots, mask: mask) }
            state.slots.withUnsafeMutableBufferPointer { slots in
                for index in keys.indices {
                    let key = keys[index]
                    keys[index] = 0
                    guard key != 0 else { continue }
                    let home = Int(truncatingIfNeeded: key) & mask
                    var found = -1
                    var victim = home
                    var victimAge: UInt32 = 0
                    for probe in 0..<Self.probes {
                        let slot = (home + probe) & mask
                        let current = slots[slot]
                        if current.key == key {
                            found = slot
                            break
                        }
                        if current.key == 0 {
                            // Keys go to the first empty slot of their run and slots never empty
                            // again, so the key is not further on: stop here.
                            if victimAge < UInt32.max { victim = slot }
                            break
                        }
                        let age = now &- current.lastDocument
                        if age > victimAge {
                            victimAge = age
                            victim = slot
                        }
                    }
                    if found >= 0 {
                        let slot = slots[found]
                        if record, slot.lastDocument == now {
                            keys[index] = UInt64(slot.count) &- 1
                            continue
                        }
                        let fresh = now &- slot.lastDocument <= window
                        keys[index] = fresh ? UInt64(slot.count) : 0
                        if record {
                            slots[found].count = fresh ? slot.count &+ (slot.count < UInt16.max ? 1 : 0) : 1
                            slots[found].lastDocument = now
                        }
                    } else if record {
                        slots[victim] = Slot(key: key, lastDocument: now, count: 1)
                    }
                }
            }
        }
    }
}
