extension LanguageIdentifier {
    /// Stack room for the per-language scores of one call. `withUnsafeTemporaryAllocation` with a
    /// capacity known only at run time went to the heap (an allocation and a free, ~380
    /// instructions, per line of the segmenter's word pass); a constant capacity stays on the
    /// stack. Scorers see exactly `scoreCount` entries, as before (`leaderMargin` reads them all).
    static let scoreCapacity = 128

    /// Entries a score buffer holds: one per language, and at least a dense row's width.
    var scoreCount: Int { max(model.languages.count, LanguageModel.denseWidth) }

    /// Runs `body` on `scoreCount` zeroed scores.
    @inline(__always)
    func withScores<Result>(_ body: (UnsafeMutableBufferPointer<Int32>) -> Result) -> Result {
        let count = scoreCount
        guard count <= Self.scoreCapacity else {
            return withUnsafeTemporaryAllocation(of: Int32.self, capacity: count) { scores in
                scores.initialize(repeating: 0)
                return body(scores)
            }
        }
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: Self.scoreCapacity) { room in
            let scores = UnsafeMutableBufferPointer(rebasing: room[..<count])
            scores.initialize(repeating: 0)
            return body(scores)
        }
    }
}
