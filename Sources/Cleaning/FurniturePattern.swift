/// One furniture phrase from `Data/Cleaning/patterns/<lang>.tsv`.
struct FurniturePattern: Sendable {
    enum Anchor: String, Sendable {
        /// The phrase opens the line ("Lees ook …", "Read more: …").
        case start
        /// The phrase is the whole line ("Advertisement", "Share").
        case line
        /// Anywhere in the line ("… accept the cookies …").
        case any
    }

    /// Literal token hashes; `gap` stands for up to `maxGap` arbitrary tokens.
    var tokens: [UInt64]
    var anchor: Anchor
    /// Longer lines are prose that merely mentions the phrase.
    var maxWords: Int
    var category: String
    var language: String

    static let gap: UInt64 = 0
    static let maxGap = 3

    /// Whether the pattern matches `line` starting at token `position`.
    func matches(_ line: ArraySlice<UInt64>, at position: Int) -> Bool {
        switch anchor {
        case .start, .line:
            guard position == line.startIndex else { return false }
        case .any:
            break
        }
        return match(line, position, 0)
    }

    private func match(_ line: ArraySlice<UInt64>, _ t: Int, _ k: Int) -> Bool {
        if k == tokens.count {
            return anchor != .line || t == line.endIndex
        }
        let want = tokens[k]
        if want == Self.gap {
            var skip = 0
            while skip <= Self.maxGap, t + skip <= line.endIndex {
                if match(line, t + skip, k + 1) { return true }
                skip += 1
            }
            return false
        }
        guard t < line.endIndex, line[t] == want else { return false }
        return match(line, t + 1, k + 1)
    }
}
