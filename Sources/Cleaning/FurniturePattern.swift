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
        /// The phrase is followed by at most `maxTail` words that close a line without sentence
        /// punctuation: the credit at the end of a photo caption ("… Credit: Getty Images",
        /// "… (AFP)"); a sentence that names the agency is prose.
        case tail
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
        /// "Comments", "12 Reacties": the heading of the reader comments. A section end, and
        /// the start of the comment thread once enough of the page's prose is above it.
        case commentsHeading
    }

    static let gap: UInt64 = 0
    static let maxGap = 3
    /// Words after a `tail` phrase: a credit names an agency or a photographer and an agency.
    static let maxTail = 6

    /// Whether the pattern matches the line's tokens starting at token `position`.
    func matches(_ line: UnsafeBufferPointer<UInt64>, at position: Int) -> Bool {
        tokens.withUnsafeBufferPointer { PatternPhrase.matches($0, anchor: anchor, line: line, at: position) }
    }
}

/// What matching needs of a pattern, in plain values: its phrase (a range of
/// `PatternSet.phraseTokens`), anchor and word limit. Matching from these copies nothing (a
/// `FurniturePattern` read out of an array for a call is copied, its arrays and strings
/// retained and released).
struct PatternPhrase: Sendable {
    var start: Int32
    var count: Int32
    var maxWords: Int
    var anchor: FurniturePattern.Anchor

    /// Whether `phrase` with `anchor` matches the line's tokens starting at token `position`.
    static func matches(
        _ phrase: UnsafeBufferPointer<UInt64>, anchor: FurniturePattern.Anchor, line: UnsafeBufferPointer<UInt64>, at position: Int
    ) -> Bool {
        switch anchor {
        case .start, .line:
            guard position == 0 else { return false }
        case .any, .end, .tail:
            break
        }
        return match(phrase, anchor, line, position, 0)
    }

    private static func match(
        _ phrase: UnsafeBufferPointer<UInt64>, _ anchor: FurniturePattern.Anchor, _ line: UnsafeBufferPointer<UInt64>, _ t: Int, _ k: Int
    ) -> Bool {
        if k == phrase.count {
            switch anchor {
            case .line, .end: return t == line.count
            case .tail: return line.count - t <= FurniturePattern.maxTail
            case .start, .any: return true
            }
        }
        let want = phrase[k]
        if want == FurniturePattern.gap {
            var skip = 0
            while skip <= FurniturePattern.maxGap, t + skip <= line.count {
                if match(phrase, anchor, line, t + skip, k + 1) { return true }
                skip += 1
            }
            return false
        }
        guard t < line.count, line[t] == want else { return false }
        return match(phrase, anchor, line, t + 1, k + 1)
    }
}
