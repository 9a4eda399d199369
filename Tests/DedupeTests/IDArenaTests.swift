import Testing
@testable import Dedupe

@Suite struct IDArenaTests {
    /// Random stores and clears with slot reuse, enough to compact many times: every live slot
    /// keeps its id (empty, short, long, non-ASCII) and its key hash.
    @Test func keepsEveryLiveIDThroughCompactions() {
        var arena = IDArena()
        var reference: [Int: String] = [:]
        var free: [Int] = []
        var generator = SplitMix(seed: 8)
        let stems = ["", "a", "wire-2026-11-26-story-", "nieuws-één-", String(repeating: "x", count: 300)]
        for step in 0..<20_000 {
            if reference.count > 200 || (generator.next() % 3 == 0 && !reference.isEmpty) {
                let slot = reference.keys.sorted()[Int(generator.next() % UInt64(reference.count))]
                arena.clear(slot)
                reference[slot] = nil
                free.append(slot)
            } else {
                let id = stems[Int(generator.next() % UInt64(stems.count))] + "\(step)"
                let slot = free.popLast() ?? arena.slotCount
                arena.set(id, at: slot)
                reference[slot] = id
            }
            if step % 97 == 0 {
                for (slot, id) in reference {
                    #expect(arena.string(slot) == id)
                    #expect(arena.matches(slot, id) && !arena.matches(slot, id + "!"))
                    #expect(arena.withBytes(slot) { KeyHash.id(utf8: $0) } == KeyHash.id(id))
                }
            }
        }
        // Dead space is reclaimed: the bytes stay within a small multiple of the live ids.
        let live = reference.values.reduce(0) { $0 + $1.utf8.count }
        #expect(arena.memoryBytes - arena.slotCount * 12 < live * 2 + 8192)
    }
}
