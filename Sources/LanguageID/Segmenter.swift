extension LanguageIdentifier {
    /// Lines longer than this (about 20 words) are judged by whole words first, falling back to
    /// n-grams when the words do not settle it.
    static let segmentWordsFirstBytes = 120

    /// Paragraph-level language spans. Paragraphs are separated by line breaks; paragraphs too short
    /// or too uncertain to judge join the preceding span (or the following one at the start), and
    /// neighbours in the same language merge. One language → one segment; no letters → none.
    public func segments(_ text: String, candidates: Set<String>? = nil) -> [LanguageSegment] {
        var result: [LanguageSegment] = []
        var offset = 0
        var pendingStart: Int?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let start = offset
            let end = start + line.utf8.count
            offset = end + 1
            let guess = identify(line, candidates: candidates, wordsFirstAbove: Self.segmentWordsFirstBytes)
            if let last = result.last,
               guess.code == "und" || guess.code == last.code || guess.confidence < 0.5 {
                result[result.count - 1].utf8Range = last.utf8Range.lowerBound..<end
                if guess.code == last.code {
                    result[result.count - 1].confidence = max(last.confidence, guess.confidence)
                }
                continue
            }
            if guess.code == "und" {
                pendingStart = pendingStart ?? start
                continue
            }
            result.append(LanguageSegment(code: guess.code, confidence: guess.confidence,
                                          utf8Range: (pendingStart ?? start)..<end))
            pendingStart = nil
        }
        return result
    }
}
