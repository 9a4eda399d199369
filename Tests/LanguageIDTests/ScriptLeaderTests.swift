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

/// The vector tests the segmenter's word pass uses answer what the scans they replace answer.
@Suite struct LeaderTestsMatchScans {
    /// `leads(language, scores, in: script)` is `leader(scores, in: script) == language` with a
    /// positive score, for every language and script, ties and non-positive scores common.
    @Test func leadsMatchesLeader() throws {
        let identifier = try #require(sharedIdentifier)
        var mix = SlotTableTests.Mix(state: 23)
        var scores = [Int32](repeating: 0, count: identifier.scoreCount)
        for round in 0..<200 {
            let range = UInt64([2, 4, 1000][round % 3])
            for i in scores.indices { scores[i] = Int32(truncatingIfNeeded: mix.next() % range) - (round % 2 == 0 ? 0 : 1) }
            scores.withUnsafeMutableBufferPointer { buffer in
                for script in Script.all {
                    let best = identifier.leader(buffer, in: script)
                    for language in identifier.model.languages.indices {
                        let expected = best == language && buffer[language] > 0
                        #expect(identifier.leads(language, buffer, in: script) == expected, "\(script) \(language)")
                    }
                }
            }
        }
    }

    /// `leaderLeads(scores, by: margin)` is `leaderMargin(scores) >= margin`, for buffer sizes
    /// with and without a tail past the vector blocks.
    @Test func leaderLeadsMatchesMargin() {
        var mix = SlotTableTests.Mix(state: 5)
        for count in [0, 1, 3, 4, 7, 64, 75] {
            var scores = [Int32](repeating: 0, count: count)
            for round in 0..<400 {
                let range = UInt64([3, 300, 5000][round % 3])
                for i in scores.indices { scores[i] = Int32(truncatingIfNeeded: mix.next() % range) - 100 }
                if count > 1, round % 5 == 0 { scores[Int(mix.next() % UInt64(count))] += 400 }
                scores.withUnsafeMutableBufferPointer { buffer in
                    for margin: Int32 in [-1, 0, 1, 2, 200, 400] {
                        #expect(FeatureScorer.leaderLeads(buffer, by: margin) == (FeatureScorer.leaderMargin(buffer) >= margin),
                                "\(count) \(margin)")
                    }
                }
            }
        }
    }
}
