/// The page title's second appearance: where the article begins on a whole web page.
///
/// A page's text opens with its `<title>` ("Headline | Section | Site"), and the headline comes
/// back as its own line just above the story, after the menus and teasers. A later line whose
/// words are a run of at least half of the first line's (three words or more) is that headline.
/// Only the first such line counts: the same headline recurs after the story in "most read"
/// lists. Text that does not open with a title (an article body as feeds deliver it) rarely has
/// its first line come back whole, and then nothing is found.
extension DocumentAnalysis {
    /// Lines of up to this many tokens may be a page title.
    static let maxTitleTokens = 40

    static func titleRepeat(shapes: UnsafeBufferPointer<LineShape>, tokens: UnsafePointer<UInt64>) -> Int? {
        guard let first = shapes.firstIndex(where: { $0.tokenEnd > $0.tokenStart }) else { return nil }
        let title = shapes[first]
        let titleCount = title.tokenEnd - title.tokenStart
        // Both lines whole: a line longer than its sample of tokens (`LineAnalyzer.sampleTokens`)
        // has only its first tokens here, and its word count says so.
        guard titleCount >= 3, titleCount <= maxTitleTokens, titleCount == title.words else { return nil }
        let titleTokens = UnsafeBufferPointer(start: tokens + title.tokenStart, count: titleCount)
        for index in (first + 1)..<shapes.count {
            let shape = shapes[index]
            let count = shape.tokenEnd - shape.tokenStart
            guard count >= 3, count <= titleCount, 2 * count >= titleCount, count == shape.words else { continue }
            let line = UnsafeBufferPointer(start: tokens + shape.tokenStart, count: count)
            if occurs(line, in: titleTokens) { return index }
        }
        return nil
    }

    /// Whether `run` occurs as a contiguous run of `sequence`.
    private static func occurs(_ run: UnsafeBufferPointer<UInt64>, in sequence: UnsafeBufferPointer<UInt64>) -> Bool {
        guard run.count <= sequence.count else { return false }
        for start in 0...(sequence.count - run.count) where sequence[start] == run[0] {
            var k = 1
            while k < run.count, sequence[start + k] == run[k] { k += 1 }
            if k == run.count { return true }
        }
        return false
    }
}
