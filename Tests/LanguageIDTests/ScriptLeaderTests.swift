import Testing
@testable import LanguageID

/// The pairwise leader scan picks what a one-by-one scan picks: the first of the script's
/// languages with the highest score, ties included, for pools of odd and even size.
@Suite struct ScriptLeaderTests {
    @Test func matchesOneByOneScan() throws {
        let identifier = try #require(sharedIdentifier)
        var mix = SlotTableTests.Mix(state: 11)
        var scores = [Int32](repeating: 0, count: identifier.scoreCount)
        for script in Script.all {
            let pool = identifier.scriptPools[Int(script.rawValue)]
            for round in 0..<300 {
                // Narrow ranges make ties common.
                let range = UInt64([2, 5, 1000][round % 3])
                for i in scores.indices { scores[i] = Int32(truncatingIfNeeded: mix.next() % range) }
                var expected = -1
                for i in pool where expected < 0 || scores[i] > scores[expected] { expected = i }
                let found = scores.withUnsafeMutableBufferPointer { identifier.leader($0, in: script) }
                #expect(found == expected, "\(script) \(pool.count)")
            }
        }
    }
}
