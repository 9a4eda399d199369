import Testing
@testable import Tagging

/// `IntMap.value(_:or:)` reads slots by byte offset and selects its answer by a mask: it must answer
/// what `get` answers, for present and absent keys, in a table with long probe runs.
@Suite struct IntMapValueTests {
    @Test func slotOffsetsMatchTheLayout() {
        #expect(MemoryLayout<IntMap.Slot>.offset(of: \IntMap.Slot.value) == IntMap.valueOffset)
        #expect(MemoryLayout<IntMap.Slot>.offset(of: \IntMap.Slot.used) == IntMap.usedOffset)
    }

    @Test func valueAgreesWithGet() {
        var map = IntMap(capacity: 8)
        // Consecutive and clustered keys (many collide in a table of 16 to 64 slots), negative values too.
        for k in 0..<40 { map.set(UInt64(k * 3), Int32(k) - 20) }
        map.set(0xFFFF_FFFF_0000, -1)
        for k in UInt64(0)..<200 {
            #expect(map.value(k, or: 77) == (map.get(k) ?? 77), "key \(k)")
        }
        #expect(map.value(0xFFFF_FFFF_0000, or: 5) == -1)
        #expect(map.value(0xFFFF_FFFF, or: 5) == 5)
    }

    @Test func emptyMapAnswersAbsent() {
        let map = IntMap()
        #expect(map.value(0, or: 9) == 9)
        #expect(map.value(123_456, or: -3) == -3)
    }

    /// The sparse features of an unknown word (id -1) are 0 without a branch on the id.
    @Test func unknownIdReadsNoFeatures() {
        var map = IntMap()
        map.set(7, 0x1234)
        #expect(LanguageLexicon.sparseFeatureOfAny(map, -1) == 0)
        #expect(LanguageLexicon.sparseFeatureOfAny(map, 7) == 0x1234)
        #expect(LanguageLexicon.sparseFeatureOfAny(map, 8) == LanguageLexicon.sparseFeature(map, 8))
    }
}
