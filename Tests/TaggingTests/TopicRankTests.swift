import Testing
@testable import Tagging

/// `TopicClassifier.best` must choose what filtering, a stable sort by score and a prefix choose.
@Suite struct TopicRankTests {
    @Test(arguments: [0, 1, 4, 5, 17, 40])
    func bestEqualsStableSortPrefix(count: Int) {
        var x: UInt64 = 0x5DEECE66D &+ UInt64(count)
        for round in 0..<200 {
            // Few distinct values: many equal scores, some under the minimum.
            var raw = (0..<count).map { _ -> Double in
                x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return Double((x >> 33) % 8) / 2
            }
            let k = round % 6 + 1
            let want = raw.enumerated().filter { $0.element >= 3.0 }.sorted { $0.element > $1.element }.prefix(k).map(\.offset)
            let got = raw.withUnsafeMutableBufferPointer { r in
                withUnsafeTemporaryAllocation(of: Int.self, capacity: k) { best in
                    Array(best.prefix(TopicClassifier.best(r, minimum: 3.0, into: best)))
                }
            }
            #expect(got == want, "\(raw) k \(k)")
        }
    }
}
