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
}
