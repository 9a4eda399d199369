#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension LanguageIdentifier {
    /// Lines longer than this (about 20 words) are judged by whole words alone: enough words to
    /// tell a paragraph's language, at a fraction of the n-gram pass's cost.
    static let segmentWordsFirstBytes = 120
    /// Below these a line's guess does not start a segment of its own. Short lines are judged by
    /// the n-gram pass, which gives a credit line such as "(Reporting by …; Editing by …)" 0.61
    /// Afrikaans; long lines by the word pass, whose confidences run lower (0.6 on clear prose).
    static let segmentMinimumConfidence = (shortLine: 0.75, longLine: 0.5)
    /// How far (quantised units, as `WordScorer`'s `decisiveMargin`) the word pass's leader must be
    /// ahead for `wordLeader` to stop reading a line. It only decides whether a line joins the
    /// running segment; a line that does not is judged in full by `identify`.
    static let segmentJoinMargin: Int32 = 200

    /// Paragraph-level language spans. Paragraphs are separated by line breaks; paragraphs too
    /// short or too uncertain to judge (`segmentMinimumConfidence`) join the preceding span (or the
    /// following one at the start), and neighbours in the same language merge. One language → one
    /// segment; no letters → none. A segment's confidence is the highest among the lines that were
    /// judged in full (lines whose words already point to its language are not).
    public func segments(_ text: String, candidates: Set<String>? = nil) -> [LanguageSegment] {
        var result: [LanguageSegment] = []
        var pendingStart: Int?
        // Lines are found on the UTF-8 bytes: splitting by Character walks grapheme clusters and
        // cost more than judging the lines.
        let bytes = text.utf8
        var lineStart = bytes.startIndex
        var nextStart = 0
        var finished = false
        while !finished {
            let lineEnd = Self.lineEnd(in: text, from: lineStart)
            let start = nextStart
            let end = start + bytes.distance(from: lineStart, to: lineEnd)
            let line = text[lineStart..<lineEnd]
            nextStart = end + 1
            if lineEnd == bytes.endIndex { finished = true } else { lineStart = bytes.index(after: lineEnd) }
            // Half the lines of a typical article are the empty ones between paragraphs: they join
            // the running span (or wait for the next) without a word pass or a guess, which would
            // only say "und" (both cost ~4 k instructions even on nothing).
            if start == end {
                if let last = result.last {
                    result[result.count - 1].utf8Range = last.utf8Range.lowerBound..<end
                } else {
                    pendingStart = pendingStart ?? start
                }
                continue
            }
            // Most lines are in the running segment's language, which the word pass's leader
            // shows without ranking every candidate (that ranking was a fifth of the stage).
            if let last = result.last, wordLeader(line, candidates: candidates) == last.code {
                result[result.count - 1].utf8Range = last.utf8Range.lowerBound..<end
                continue
            }
            var guess = identify(line, candidates: candidates, wordsFirstAbove: 0, wordsSuffice: true)
            // A short line whose words point to the running segment's language joins it; the
            // n-gram pass alone found only false segments on such lines ("(Reporting by …;
            // Editing by …)" as Afrikaans in 3 % of the benchmark corpus). Others get the n-gram pass.
            let short = line.utf8.count <= Self.segmentWordsFirstBytes
            if short, guess.code != result.last?.code {
                guess = identify(line, candidates: candidates, wordsFirstAbove: Self.segmentWordsFirstBytes)
            }
            let unsure = guess.confidence < (short ? Self.segmentMinimumConfidence.shortLine : Self.segmentMinimumConfidence.longLine)
            if let last = result.last,
               guess.code == "und" || guess.code == last.code || unsure {
                result[result.count - 1].utf8Range = last.utf8Range.lowerBound..<end
                if guess.code == last.code {
                    result[result.count - 1].confidence = max(last.confidence, guess.confidence)
                }
                continue
            }
            if guess.code == "und" || unsure {
                pendingStart = pendingStart ?? start
                continue
            }
            result.append(LanguageSegment(code: guess.code, confidence: guess.confidence,
                                          utf8Range: (pendingStart ?? start)..<end))
            pendingStart = nil
        }
        return result
    }

    /// The language whose words score highest in `text` (whole words only, among the candidates
    /// of its dominant script), or nil when no word is known or the script has no scored languages.
    func wordLeader(_ text: Substring, candidates: Set<String>?) -> String? {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: max(model.languages.count, LanguageModel.denseWidth)) { scores in
            scores.initialize(repeating: 0)
            let (tally, _) = WordScorer.score(text, model: model, chars: chars, into: scores, scoredScripts: scoredScripts,
                                              decisiveMargin: Self.segmentJoinMargin)
            guard tally.hits > 0, tally.letters >= Self.minimumLetters else { return nil }
            var best = -1
            for i in scriptPools[Int(dominantScript(tally).rawValue)] where candidates?.contains(model.languages[i]) ?? true {
                if best < 0 || scores[i] > scores[best] { best = i }
            }
            return best >= 0 && scores[best] > 0 ? model.languages[best] : nil
        }
    }

    /// The next line break at or after `start`, or the end. Scanned on the contiguous UTF-8:
    /// `Substring.UTF8View.firstIndex(of:)` walks String indices at ~30 instructions a byte,
    /// more than a fifth of the language stage in the chain.
    static func lineEnd(in text: String, from start: String.Index) -> String.Index {
        let utf8 = text.utf8
        let startOffset = utf8.distance(from: utf8.startIndex, to: start)
        // memchr: the byte loop `firstIndex(of:)` compiles to was ~5 instructions a byte, 19 k per
        // 4 KB article (14 % of the stage).
        let scanned: Int?? = utf8.withContiguousStorageIfAvailable { buffer in
            guard let base = buffer.baseAddress, startOffset < buffer.count,
                  let found = memchr(base + startOffset, Int32(UInt8(ascii: "\n")), buffer.count - startOffset) else { return nil }
            return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
        }
        guard let scanned else { return utf8[start...].firstIndex(of: UInt8(ascii: "\n")) ?? utf8.endIndex }
        guard let offset = scanned else { return utf8.endIndex }
        return utf8.index(utf8.startIndex, offsetBy: offset)
    }
}
