import Testing

@testable import Cleaning

/// The result text is gathered a run of lines at a time (`NormalizedText.joined`): the
/// normaliser writes between consecutive lines exactly the separators the join puts there, so
/// a run is one stretch of bytes. Held to a line-by-line join, for texts from the normaliser,
/// for texts laid out otherwise (built by hand), with and without a lent buffer.
struct JoinedTextTests {
    /// The lines at `indices`, one newline apart, a blank line where a paragraph break lay
    /// between two of them (at the later one or at a line left out between them).
    static func lineByLine(_ text: NormalizedText, _ indices: [Int]) -> String {
        var out = ""
        var previous = -1
        for index in indices {
            if previous >= 0 {
                out += "\n"
                if ((previous + 1)...index).contains(where: { text.lines[$0].paragraphBreakBefore }) { out += "\n" }
            }
            out += text.string(text.lines[index])
            previous = index
        }
        return out
    }

    static let alphabet = ["word", "Wörter", " ", "  ", "\n", "\n", "\n\n", "\n \n\n", "\r\n\r\n", "<p>", "</p>", "<br>",
                           "<div>", "&amp;", "\u{00A0}", "中文", "’", ".", "\t"]

    @Test func consecutiveLinesAreSeparatedAsTheJoinSeparatesThem() {
        var g = FastPathTests.Generator(state: 11)
        for _ in 0..<500 {
            let text = TextNormalizer.normalize(g.string(from: Self.alphabet, length: g.next(60)))
            for index in text.lines.indices.dropFirst() {
                let gap = text.lines[index - 1].end
                let separator = Array(text.bytes[gap..<text.lines[index].start])
                #expect(separator == (text.lines[index].paragraphBreakBefore ? [0x0A, 0x0A] : [0x0A]))
            }
        }
    }

    @Test func runsJoinLikeLines() {
        var g = FastPathTests.Generator(state: 29)
        for round in 0..<800 {
            let text = TextNormalizer.normalize(g.string(from: Self.alphabet, length: g.next(80)))
            // Every line, none, and random subsets (runs broken anywhere).
            var kept = text.lines.indices.filter { _ in g.next(4) != 0 }
            if round % 10 == 0 { kept = Array(text.lines.indices) }
            if round % 10 == 1 { kept = [] }
            let want = Self.lineByLine(text, kept)
            #expect(text.joined(kept) == want)
            // A lent buffer with room, and one too small (then the join allocates its own).
            let room = text.bytes.count + 2 * text.lines.count + 1
            let lent = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: room)
            defer { lent.deallocate() }
            #expect(text.joined(kept, scratch: lent) == want)
            #expect(text.joined(kept, scratch: UnsafeMutableBufferPointer(rebasing: lent[0..<(room / 3)])) == want)
        }
    }

    /// Lines laid out otherwise than the normaliser lays them out (no second newline before a
    /// paragraph, wider gaps, lines out of order in the bytes) are joined line by line.
    @Test func otherLayoutsJoinLineByLine() {
        let bytes = Array("alpha\nbeta\ngamma\n\n\ndelta\nepsilon\n".utf8)
        let lines: [NormalizedText.Line] = [
            .init(start: 0, end: 5, paragraphBreakBefore: false),  // alpha
            .init(start: 6, end: 10, paragraphBreakBefore: true),  // beta: a break with one newline before it
            .init(start: 11, end: 16, paragraphBreakBefore: false),  // gamma
            .init(start: 19, end: 24, paragraphBreakBefore: false),  // delta: three newlines before it, no break
            .init(start: 25, end: 32, paragraphBreakBefore: true),  // epsilon
            .init(start: 0, end: 5, paragraphBreakBefore: false),  // alpha again, earlier in the bytes
        ]
        bytes.withUnsafeBufferPointer { p in
        lines.withUnsafeBufferPointer { lines in
            let text = NormalizedText(borrowing: p, lines: lines)
            for kept in [[0, 1, 2, 3, 4, 5], [0, 2, 3], [1, 2], [3, 4, 5], [5], [2, 3, 4]] {
                #expect(text.joined(kept) == Self.lineByLine(text, kept), "\(kept)")
            }
            #expect(text.joined([0, 1, 2]) == "alpha\n\nbeta\ngamma")
            let owned = NormalizedText(copying: p, lines: lines)
            #expect(owned.joined(Array(lines.indices)) == text.joined(Array(lines.indices)))
        }
        }
    }

    /// One cleaner, its scratch reused by every call (the analysis borrows the scratch's bytes
    /// until the result is built), gives each text the result a fresh cleaner gives it.
    @Test func reusedScratchGivesFreshResults() throws {
        let patterns = try PatternSet.loadDefault()
        var configuration = CleaningConfiguration()
        configuration.learningMode = .off
        let shared = Cleaner(configuration: configuration, patterns: patterns)
        var g = FastPathTests.Generator(state: 5)
        let words = ["The", "council", "said", "on", "Monday", "that", "it", "would", "Read more", "Share", "|", "."]
        for _ in 0..<60 {
            var text = ""
            for _ in 0..<(1 + g.next(8)) {
                text += (0..<(1 + g.next(30))).map { _ in words[g.next(words.count)] }.joined(separator: " ")
                text += g.next(2) == 0 ? "\n\n" : "\n"
            }
            let fresh = Cleaner(configuration: configuration, patterns: patterns).clean(text)
            let reused = shared.clean(text)
            #expect(reused.text == fresh.text)
            #expect(reused.removed == fresh.removed)
        }
    }
}
