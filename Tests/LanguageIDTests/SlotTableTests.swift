import Testing
@testable import LanguageID

/// The ordered slot table must find exactly the model's features, however full the table is and
/// however its runs are shaped; keys are crafted through the inverse of the mixing multiplier so
/// homes and remainders can be chosen.
@Suite struct SlotTableTests {
    /// Inverse of the (odd) multiplier modulo 2^64, by Newton's iteration.
    static let inverse: UInt64 = {
        var x = SlotTable.multiplier
        for _ in 0..<6 { x = x &* (2 &- SlotTable.multiplier &* x) }
        return x
    }()

    /// The key whose mixed value is `mixed`.
    static func key(mixed: UInt64) -> UInt64 { mixed &* inverse }

    /// A pseudo-random sequence (SplitMix64), so the tests are reproducible.
    struct Mix {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// Feature `i` gets `i % 20 + 1` postings (some dense rows), language `(i + j) % 64`, score
    /// `(i + j) % 250 + 1`.
    static func model(keys: [UInt64]) -> (offsets: [UInt32], postings: [UInt16]) {
        var offsets: [UInt32] = [0], postings: [UInt16] = []
        for i in keys.indices {
            for j in 0..<(i % 20 + 1) { postings.append(UInt16((i + j) % 64) << 8 | UInt16((i + j) % 250 + 1)) }
            offsets.append(UInt32(postings.count))
        }
        return (offsets, postings)
    }

    static func build(keys: [UInt64], offsets: [UInt32], postings: [UInt16], denseRows: Bool) -> SlotTable.Built? {
        var offsets = offsets, postings = postings
        return SlotTable.build(keys: keys, offsets: &offsets, postings: &postings, denseRows: denseRows)
    }

    static func lookup(_ key: UInt64, in built: SlotTable.Built) -> UInt64 {
        built.slots.withUnsafeBufferPointer { table in
            let home = SlotTable.home(key, shift: built.shift)
            return SlotTable.resolve(key, home: home, first: table[home], table: table)
        }
    }

    /// The (language, score) pairs a slot word stands for.
    static func entries(_ v: UInt64, in built: SlotTable.Built) -> [Int] {
        let start = Int((v >> 7) & 0x1FF_FFFF), count = Int(v & 0x7F)
        if count == 1 { return [start] }  // the posting itself
        if UInt64(count) == LanguageModel.denseMarker {
            let row = (0..<LanguageModel.denseWidth).map {
                built.dense[start * LanguageModel.denseWidth + LanguageModel.densePosition($0)]
            }
            return row.enumerated().filter { $0.element != 0 }.map { $0.offset << 8 | Int($0.element) }
        }
        return built.postings[start..<start + count].map { Int($0) }.sorted()
    }

    @Test func findsEveryFeatureAndNoOtherAtNinetyPercentLoad() throws {
        var mix = Mix(state: 7)
        let keys = (0..<3686).map { _ in mix.next() }  // 0.9 × 4096
        let (offsets, postings) = Self.model(keys: keys)
        let built = try #require(Self.build(keys: keys, offsets: offsets, postings: postings, denseRows: true))
        #expect(built.slots.count == 4096 + SlotTable.tail)
        for (i, key) in keys.enumerated() {
            let v = Self.lookup(key, in: built)
            let expected = postings[Int(offsets[i])..<Int(offsets[i + 1])].map { Int($0) }.sorted()
            #expect(v != 0 && Self.entries(v, in: built) == expected)
        }
        let known = Set(keys)
        var misses = 0
        for _ in 0..<20_000 {
            let other = mix.next()
            if known.contains(other) { continue }
            if Self.lookup(other, in: built) != 0 { misses += 1 }
        }
        #expect(misses == 0)
    }

    @Test func anEmptyModelFindsNothing() throws {
        let built = try #require(Self.build(keys: [], offsets: [0], postings: [], denseRows: true))
        #expect(Self.lookup(12345, in: built) == 0)
        #expect(Self.lookup(0, in: built) == 0)
    }

    @Test func keysSharingAHomeAreOrderedByRemainder() throws {
        // Nine keys with one home (remainders in descending order) and one with the next home.
        let home: UInt64 = 5 << 60  // 16-slot table: home bits are the top 4
        var keys = (0..<9).map { Self.key(mixed: home | UInt64(9 - $0) << SlotTable.remainderShift) }
        keys.append(Self.key(mixed: 6 << 60))
        let (offsets, postings) = Self.model(keys: keys)
        let built = try #require(Self.build(keys: keys, offsets: offsets, postings: postings, denseRows: true))
        for key in keys { #expect(Self.lookup(key, in: built) != 0) }
        // Same home with a remainder above and below the stored ones, and the next home with
        // another remainder: all absent.
        #expect(Self.lookup(Self.key(mixed: home | 10 << SlotTable.remainderShift), in: built) == 0)
        #expect(Self.lookup(Self.key(mixed: home), in: built) == 0)
        #expect(Self.lookup(Self.key(mixed: 6 << 60 | 1 << SlotTable.remainderShift), in: built) == 0)
    }

    @Test func aRunTooLongForTheDisplacementFieldDoublesTheTable() throws {
        // 65 keys on one home of a 128-slot table: the last would sit 64 slots from it. At 256
        // slots bit 56 splits them over homes 6 and 7 (33 and 32 keys), and the last fits.
        let keys = (0..<65).map {
            Self.key(mixed: 3 << 57 | UInt64($0 % 2) << 56 | UInt64($0 + 1) << SlotTable.remainderShift)
        }
        let (offsets, postings) = Self.model(keys: keys)
        #expect(SlotTable.build(keys: keys, offsets: offsets, postings: postings, denseRows: true,
                                capacity: 128) == nil)
        let built = try #require(Self.build(keys: keys, offsets: offsets, postings: postings, denseRows: true))
        #expect(built.slots.count == 256 + SlotTable.tail)
        for key in keys { #expect(Self.lookup(key, in: built) != 0) }
        // Keys that share all but their lowest bits cluster at any size: refused, not grown on.
        let clustered = (0..<80).map { Self.key(mixed: 3 << 57 | UInt64($0 + 1) << SlotTable.remainderShift) }
        let (o, p) = Self.model(keys: clustered)
        #expect(Self.build(keys: clustered, offsets: o, postings: p, denseRows: true) == nil)
    }

    @Test func sparsePostingsAreCompactedAndDenseRowsFilled() throws {
        var mix = Mix(state: 11)
        let keys = (0..<40).map { _ in mix.next() }
        let (offsets, postings) = Self.model(keys: keys)
        let built = try #require(Self.build(keys: keys, offsets: offsets, postings: postings, denseRows: true))
        let counts = keys.indices.map { Int(offsets[$0 + 1] - offsets[$0]) }
        let sparse = counts.filter { $0 < LanguageModel.denseMinimum }
        // Single postings live in their slots; dense rows keep none.
        #expect(built.postings.count == sparse.filter { $0 > 1 }.reduce(0, +))
        #expect(built.dense.count == (keys.count - sparse.count) * LanguageModel.denseWidth)
        // Without dense rows (more than 64 languages) every feature of 2+ postings keeps them.
        let plain = try #require(Self.build(keys: keys, offsets: offsets, postings: postings, denseRows: false))
        #expect(plain.postings.count == counts.filter { $0 > 1 }.reduce(0, +) && plain.dense.isEmpty)
        for (i, key) in keys.enumerated() {
            let expected = postings[Int(offsets[i])..<Int(offsets[i + 1])].map { Int($0) }.sorted()
            #expect(Self.entries(Self.lookup(key, in: plain), in: plain) == expected)
        }
    }
}
