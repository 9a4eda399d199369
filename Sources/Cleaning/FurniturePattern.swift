/// One furniture phrase from `Data/Cleaning/patterns/<lang>.tsv`.
struct FurniturePattern: Sendable {
    enum Anchor: String, Sendable {
        /// The phrase opens the line ("Lees ook …", "Read more: …").
        case start
        /// The phrase is the whole line ("Advertisement", "Share").
        case line
        /// Anywhere in the line ("… accept the cookies …").
        case any
        /// The phrase closes the line ("… says:", the attribution of a reader comment).
        case end
    }

    /// Literal token hashes; `gap` stands for up to `maxGap` arbitrary tokens.
    var tokens: [UInt64]
    var anchor: Anchor
    /// Longer lines are prose that merely mentions the phrase.
    var maxWords: Int
    var category: String
    var language: String
    /// What the category means to the judge, decided once at load instead of per line.
    var role: Role = .furniture

    enum Role: Sendable {
        case furniture
        /// "Related articles": may end the article text.
        case sectionEnd
        /// "Anna says:": the attribution of a reader comment.
        case commentThread
    }

    static let gap: UInt64 = 0
    static let maxGap = 3

    /// Whether the pattern matches the line's tokens starting at token `position`.
    func matches(_ line: UnsafeBufferPointer<UInt64>, at position: Int) -> Bool {
        switch anchor {
        case .start, .line:
            guard position == 0 else { return false }
        case .any, .end:
            break
        }
        return match(line, position, 0)
    }

    private func match(_ line: UnsafeBufferPointer<UInt64>, _ t: Int, _ k: Int) -> Bool {
        if k == tokens.count {
            return (anchor != .line && anchor != .end) || t == line.count
        }
        let want = tokens[k]
        if want == Self.gap {
            var skip = 0
            while skip <= Self.maxGap, t + skip <= line.count {
                if match(line, t + skip, k + 1) { return true }
                skip += 1
            }
            return false
        }
        guard t < line.count, line[t] == want else { return false }
        return match(line, t + 1, k + 1)
    }
}
