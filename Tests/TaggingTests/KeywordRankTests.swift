import Testing
@testable import Tagging

/// `ranked` must select exactly what sorting every candidate and keeping the first `k` selects.
@Suite struct KeywordRankTests {
    /// Deterministic stats with many equal scores (ties broken by first occurrence, then length),
    /// non-candidates (phrases seen once) mixed in.
    static func stats(_ n: Int, seed: UInt64) -> [KeywordExtractor.Stat] {
        var x = seed
        func next() -> UInt64 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return x >> 33
        }
        return (0..<n).map { i in
            let length = Int(next() % 3) + 1
            _ = next()
            return KeywordExtractor.Stat(length: length, count: Int(next() % 3) + 1,
                                         score: Double(next() % 12) / 4, first: i / 3 + Int(next() % 2))
        }
    }

    @Test(arguments: [0, 1, 5, 39, 40, 41, 400, 1000])
    func rankedEqualsSortedPrefix(n: Int) {
        // Distinct phrases never share first and length: keep one stat per (first, length).
        var seen = Set<Int>()
        let all = Self.stats(n, seed: UInt64(n) &+ 17).filter { seen.insert($0.first * 4 + $0.length).inserted }
        for k in [1, 3, 10, 40] {
            let got = all.withUnsafeBufferPointer { KeywordExtractor().ranked($0, k).best }
            let want = Array(all.filter(KeywordExtractor.isCandidate).sorted(by: KeywordExtractor.ranksBefore).prefix(k))
            #expect(got.map(\.first) == want.map(\.first))
            #expect(got.map(\.length) == want.map(\.length))
            #expect(got.map(\.score) == want.map(\.score))
            let counted = all.withUnsafeBufferPointer { KeywordExtractor().ranked($0, k).candidates }
            #expect(counted == all.filter(KeywordExtractor.isCandidate).count)
        }
    }

    /// Scores across and past the histogram's range (tiny, huge, equal within a bucket): the
    /// prefilter must keep every stat of the best `k`.
    @Test func rankedWithScoresOutsideTheBuckets() {
        let scores: [Double] = [0, 1e-9, 0.1, 0.124, 0.125, 0.126, 0.2, 0.2000001, 1, 1.0001, 1.03, 7.9, 8, 8192, 9000, 1e12]
        var all: [KeywordExtractor.Stat] = []
        for i in 0..<300 {
            all.append(KeywordExtractor.Stat(length: 1, count: 1,
                                             score: scores[(i * 7) % scores.count], first: i))
        }
        for k in [1, 2, 5, 16, 17, 40, 299, 300, 301] {
            let got = all.withUnsafeBufferPointer { KeywordExtractor().ranked($0, k).best }
            let want = Array(all.sorted(by: KeywordExtractor.ranksBefore).prefix(k))
            #expect(got.map(\.first) == want.map(\.first))
        }
        for (a, b) in zip(scores, scores.dropFirst()) {
            #expect(KeywordExtractor.scoreBucket(a) <= KeywordExtractor.scoreBucket(b))
        }
    }

    /// The bucket from the top 16 bits shifted with the sign equals the earlier form (sign and
    /// exponent masked apart) on every kind of Double: negative, signed zeros, tiny, huge, infinite, NaN.
    @Test func scoreBucketEqualsTheMaskedForm() {
        func masked(_ score: Double) -> Int {
            let bits = score.bitPattern
            let magnitude = Int(truncatingIfNeeded: (bits >> 48) & 0x7FFF)
            let negative = Int(truncatingIfNeeded: Int64(bitPattern: bits) >> 63)
            return min(max(magnitude - 0x3FC0, 0), KeywordExtractor.scoreBuckets - 1) & ~negative
        }
        var values: [Double] = [0, -0.0, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
                                .infinity, -.infinity, .nan, -.nan, 0.124, 0.125, 0.2, 1, 8191.9, 8192, 8193, 1e300]
        var x: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<10_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            values.append(Double(bitPattern: x))
            values.append(Double(x >> 40) / 1024)
        }
        for v in values + values.map({ -$0 }) {
            #expect(KeywordExtractor.scoreBucket(v) == masked(v), "\(v)")
        }
    }

    @Test func ranksBeforeIsTheThreeKeyOrder() {
        typealias S = KeywordExtractor.Stat
        func stat(_ score: Double, _ first: Int, _ length: Int) -> S { S(length: length, count: 2, score: score, first: first) }
        #expect(KeywordExtractor.ranksBefore(stat(2, 9, 3), stat(1, 0, 1)))
        #expect(!KeywordExtractor.ranksBefore(stat(1, 0, 1), stat(2, 9, 3)))
        #expect(KeywordExtractor.ranksBefore(stat(1, 3, 3), stat(1, 4, 1)))
        #expect(KeywordExtractor.ranksBefore(stat(1, 3, 1), stat(1, 3, 2)))
        #expect(!KeywordExtractor.ranksBefore(stat(1, 3, 2), stat(1, 3, 2)))
    }

    /// Stats are 24 bytes (one is written per phrase occurrence); `choose` reads a phrase's words
    /// back from its first occurrence instead of storing their hashes.
    @Test func statIsCompact() {
        #expect(MemoryLayout<KeywordExtractor.Stat>.stride <= 24)
    }
}
