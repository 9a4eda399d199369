import Testing
@testable import Dedupe

@Suite struct SlotMultimapTests {
    @Test func removalKeepsEveryOtherKeyReachable() {
        var table = SlotMultimap(log2Capacity: 4)
        var generator = SplitMix(seed: 3)
        // Few distinct keys so runs collide and deletions must shift cells back.
        let keys = (0..<40).map { _ in generator.next() | 1 }
        var stored: [(UInt64, Int)] = []
        for slot in 0..<600 {
            let key = keys[slot % keys.count]
            table.insert(key: key, slot: slot)
            stored.append((key, slot))
        }
        for (key, slot) in stored where slot % 3 == 0 { table.remove(key: key, slot: slot) }
        for (key, slot) in stored {
            var found = false
            table.forEachSlot(key: key) { if $0 == slot { found = true } }
            #expect(found == (slot % 3 != 0))
        }
        #expect(table.count == 400)
    }

    /// A hot key stops taking slots at its limit (its run stays short), other keys are unaffected,
    /// removing a slot that was never stored is harmless, and a walk can stop early.
    @Test func aKeyHoldsAtMostItsLimitAndWalksCanStopEarly() {
        var table = SlotMultimap(log2Capacity: 4)
        let hot: UInt64 = 0xDEAD_BEEF_0000_0001, cold: UInt64 = 0x1234_5678_9ABC_DEF1
        let stored = (0..<500).filter { table.insert(key: hot, slot: $0, maxPerKey: 64) }
        #expect(stored == Array(0..<64))
        let coldStored = table.insert(key: cold, slot: 999, maxPerKey: 64)
        #expect(coldStored)
        table.remove(key: hot, slot: 300)
        #expect(table.count == 65)
        var visited = 0
        table.forEachSlotWhile(key: hot) { _ in
            visited += 1
            return visited < 10
        }
        #expect(visited == 10)
        var coldSlots: [Int] = []
        table.forEachSlot(key: cold) { coldSlots.append($0) }
        #expect(coldSlots == [999])
    }

    /// Random inserts and removals (present and absent) against a Dictionary, starting from an odd
    /// capacity so the table grows twice, with half the keys' homes in the last cells so runs wrap
    /// past the end and backward shifts cross it. After every operation every key yields exactly
    /// the slots the reference holds.
    @Test func matchesAReferenceUnderRandomOperationsWithWrapAroundAndGrowth() {
        var table = SlotMultimap(capacity: 37)
        var reference: [UInt64: Set<Int>] = [:]
        var generator = SplitMix(seed: 11)
        let keys: [UInt64] = (0..<24).map { n in
            // Top tag bits all ones: homes in the last cells of any capacity.
            let high: UInt64 = n % 2 == 0 ? 0xFFFF_F000_0000_0000 : 0
            return high | generator.next() >> (n % 2 == 0 ? 20 : 0)
        }
        var nextSlot = 0
        for step in 0..<3000 {
            let key = keys[Int(generator.next() % UInt64(keys.count))]
            if generator.next() % 3 == 0, let slots = reference[key]?.sorted(), !slots.isEmpty {
                let slot = slots[Int(generator.next() % UInt64(slots.count))]
                table.remove(key: key, slot: slot)
                reference[key]?.remove(slot)
            } else if generator.next() % 10 == 0 {
                table.remove(key: key, slot: 999_999) // never stored: a no-op
            } else if reference.values.reduce(0, { $0 + $1.count }) < 100 {
                table.insert(key: key, slot: nextSlot)
                reference[key, default: []].insert(nextSlot)
                nextSlot += 1
            }
            #expect(table.count == reference.values.reduce(0) { $0 + $1.count })
            for probe in keys {
                var found: [Int] = []
                table.forEachSlot(key: probe) { found.append($0) }
                #expect(found.count == Set(found).count && Set(found) == reference[probe, default: []], "step \(step)")
                #expect((table.touch(key: probe) != 0) || found.isEmpty)
            }
        }
        #expect(table.capacity == 37 * 4)
    }

    /// A key's slots come back in the order they were stored, also when its run wraps past the
    /// table's end and after removals (the block shift and the cell-by-cell one); `remove` says
    /// whether there was a cell.
    @Test func aRunKeepsInsertionOrderAcrossWrapAndRemovals() {
        var table = SlotMultimap(capacity: 200)
        // Tag bits all ones: the home is the last cell, so the run wraps at once.
        let wrapping: UInt64 = 0xFFFF_FFFF_FFFF_FFFF
        let middle: UInt64 = 0x8000_0000_0000_0001
        for slot in 0..<40 {
            table.insert(key: wrapping, slot: slot)
            table.insert(key: middle, slot: 100 + slot)
        }
        let removed = [
            table.remove(key: wrapping, slot: 0), table.remove(key: wrapping, slot: 17), table.remove(key: wrapping, slot: 17),
            table.remove(key: middle, slot: 100), table.remove(key: middle, slot: 125), table.remove(key: middle, slot: 7),
        ]
        #expect(removed == [true, true, false, true, true, false])
        var wrapped: [Int] = [], inside: [Int] = []
        table.forEachSlot(key: wrapping) { wrapped.append($0) }
        table.forEachSlot(key: middle) { inside.append($0) }
        #expect(wrapped == Array(1..<40).filter { $0 != 17 })
        #expect(inside == Array(101..<140).filter { $0 != 125 })
        #expect(table.count == 76)
    }

    /// `touchLongRun` reads on only where the key's own cells reach 12 past its home.
    @Test func onlyALongRunIsReadAhead() {
        var table = SlotMultimap(capacity: 4096)
        let long: UInt64 = 0x4000_0000_0000_0001, short: UInt64 = 0xA000_0000_0000_0001
        for slot in 0..<30 { table.insert(key: long, slot: slot) }
        for slot in 0..<3 { table.insert(key: short, slot: 100 + slot) }
        #expect(table.touchLongRun(key: long) != 0)
        #expect(table.touchLongRun(key: short) == 0)
    }

    /// Presized for its expected count, a table reaches load 0.7 without growing.
    @Test func presizedTableHoldsItsExpectedCountWithoutGrowing() {
        var table = SlotMultimap(expectedCount: 1000)
        let capacity = table.capacity
        #expect(capacity <= 1000 * 10 / 7 + 2)
        var generator = SplitMix(seed: 5)
        for slot in 0..<1000 { table.insert(key: generator.next(), slot: slot) }
        #expect(table.capacity == capacity)
        #expect(table.count == 1000)
    }

    @Test func copiesDoNotShareWrites() {
        var table = SlotMultimap(log2Capacity: 4)
        table.insert(key: 0xABCD_EF01_2345_6789, slot: 1)
        var copy = table
        copy.insert(key: 0xABCD_EF01_2345_6789, slot: 2)
        copy.remove(key: 0xABCD_EF01_2345_6789, slot: 1)
        var original: [Int] = [], copied: [Int] = []
        table.forEachSlot(key: 0xABCD_EF01_2345_6789) { original.append($0) }
        copy.forEachSlot(key: 0xABCD_EF01_2345_6789) { copied.append($0) }
        #expect(original == [1])
        #expect(copied == [2])
    }

    @Test func largeStorageIsZeroedAndWritable() {
        // 4 MiB: the mapped (huge page) path.
        let storage = TableStorage(zeroedCount: 1 << 19)
        var nonzero = 0
        for index in stride(from: 0, to: storage.count, by: 4099) where storage.words[index] != 0 { nonzero += 1 }
        #expect(nonzero == 0)
        storage.words[storage.count - 1] = 7
        let copy = storage.copy()
        withExtendedLifetime(copy) { #expect(copy.words[copy.count - 1] == 7) }
    }
}
