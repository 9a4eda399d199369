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
