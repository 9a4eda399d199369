import Testing

@testable import Cleaning

/// `LineMemory` stops probing at the first empty slot; this checks it answers exactly as the
/// full eight-slot probe (the original rule) does, under heavy collisions, expiry and eviction.
@Suite struct LineMemoryTests {
    /// The original algorithm: always looks at all eight slots of the run.
    struct Reference {
        struct Slot {
            var key: UInt64 = 0
            var lastDocument: UInt32 = 0
            var count: UInt16 = 0
        }
        var slots = [Slot](repeating: Slot(), count: 1024)
        var document: UInt32 = 0
        let window: UInt32

        mutating func lookup(_ keys: inout [UInt64], record: Bool) {
            if record { document &+= 1 }
            let now = document
            for index in keys.indices {
                let key = keys[index]
                keys[index] = 0
                guard key != 0 else { continue }
                let home = Int(truncatingIfNeeded: key) & 1023
                var found = -1
                var victim = home
                var victimAge: UInt32 = 0
                for probe in 0..<8 {
                    let slot = (home + probe) & 1023
                    if slots[slot].key == key {
                        found = slot
                        break
                    }
                    let age = slots[slot].key == 0 ? UInt32.max : now &- slots[slot].lastDocument
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

    @Test func earlyStopAnswersLikeTheFullProbe() {
        var state: UInt64 = 17
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        let memory = LineMemory(capacity: 1024, window: 40)
        var reference = Reference(window: 40)
        for _ in 0..<3000 {
            // Few home slots and few distinct keys: long runs, evictions and repeats.
            var keys = (0..<(1 + Int(next(12)))).map { _ -> UInt64 in
                next(10) == 0 ? 0 : (next(48) << 10) | (next(6) * 3) | 1
            }
            let record = next(4) != 0
            var expected = keys
            reference.lookup(&expected, record: record)
            keys.withUnsafeMutableBufferPointer { memory.lookup($0, record: record) }
            #expect(keys == expected)
        }
    }
}
