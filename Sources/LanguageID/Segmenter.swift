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
        segments(text, candidates: candidates, opening: nil)
    }

    /// `identify(text)` and `segments(text)` together. When the text's guess came from a decisive
    /// word pass that stopped within the first line, that line's own guess (a word pass from the
    /// same start with the same batches and stop test, `wordsSuffice` taking it as it is) reads
    /// the same words and decides the same, so the segmenter takes it instead of a second pass.
    public func identifyAndSegment(_ text: String, candidates: Set<String>? = nil)
        -> (guess: LanguageGuess, segments: [LanguageSegment]) {
        let (guess, end) = identifyNotingWordPass(text[...], candidates: candidates, wordsFirstAbove: Self.longTextBytes)
        return (guess, segments(text, candidates: candidates, opening: end.map { (guess, $0) }))
    }

    /// `opening`: a guess for the line starting at offset 0 and the offset up to which it read;
    /// it is that line's guess when it read nothing past the line's break.
    private func segments(_ text: String, candidates: Set<String>?, opening: (guess: LanguageGuess, end: Int)?) -> [LanguageSegment] {
        // Lines are found and word-scored on the UTF-8 bytes in place: splitting by Character
        // walks grapheme clusters and cost more than judging the lines, and a Substring per line
        // (index checks ~210 instructions, then its own UTF-8 access) cost more than the split.
        // Only lines judged in full get a Substring.
        if let found = text.utf8.withContiguousStorageIfAvailable({
            segments(text, bytes: $0, candidates: candidates, opening: opening)
        }) {
            return found
        }
        return Array(text.utf8).withUnsafeBufferPointer { segments(text, bytes: $0, candidates: candidates, opening: opening) }
    }

    private func segments(_ text: String, bytes: UnsafeBufferPointer<UInt8>, candidates: Set<String>?,
                          opening: (guess: LanguageGuess, end: Int)?) -> [LanguageSegment] {
        // One score buffer and one set of opened model tables serve every line's word pass.
        withScores { scores in
            WordScorer.withTables(model: model, scores: scores) { tables in
                segments(text, bytes: bytes, candidates: candidates, opening: opening, tables: tables)
            }
        }
    }

    private func segments(_ text: String, bytes: UnsafeBufferPointer<UInt8>, candidates: Set<String>?,
                          opening: (guess: LanguageGuess, end: Int)?, tables: WordScorer.Tables) -> [LanguageSegment] {
        var result: [LanguageSegment] = []
        // The running segment, appended once the next one starts (or at the end): most lines only
        // move its end, which in the array was a uniqueness check and a copy of the element.
        var current: LanguageSegment?
        var pendingStart: Int?
        // The model index of the running segment's language; -1 for a language decided by its
        // script alone, which the word pass never names.
        var lastIndex = -1
        var next = 0
        var finished = false
        while !finished {
            let start = next
            // A blank line is told by its first byte (half the lines; memchr costs ~50 a call).
            let end = start < bytes.count && bytes[start] == UInt8(ascii: "\n") ? start : Self.lineEnd(in: bytes, from: start)
            next = end + 1
            finished = end == bytes.count
            // Half the lines of a typical article are the empty ones between paragraphs: they join
            // the running span (or wait for the next) without a word pass or a guess, which would
            // only say "und" (both cost ~4 k instructions even on nothing).
            if start == end {
                if let last = current {
                    current?.utf8Range = last.utf8Range.lowerBound..<end
                } else {
                    pendingStart = pendingStart ?? start
                }
                continue
            }
            // Most lines are in the running segment's language, which the word pass's leader
            // shows without ranking every candidate (that ranking was a fifth of the stage).
            if let last = current, lastIndex >= 0,
               wordLeader(is: lastIndex, UnsafeBufferPointer(rebasing: bytes[start..<end]), candidates: candidates,
                          tables: tables) {
                current?.utf8Range = last.utf8Range.lowerBound..<end
                continue
            }
            // Line breaks are ASCII, so both offsets fall on scalar boundaries.
            let utf8 = text.utf8
            let lineStart = utf8.index(utf8.startIndex, offsetBy: start)
            let line = text[lineStart..<utf8.index(lineStart, offsetBy: end - start)]
            // The break itself may be read: a word ended by it ends there at the line's end too.
            var guess = if start == 0, let opening, opening.end <= end + 1 {
                opening.guess
            } else {
                identify(line, candidates: candidates, wordsFirstAbove: 0, wordsSuffice: true)
            }
            // A short line whose words point to the running segment's language joins it; the
            // n-gram pass alone found only false segments on such lines ("(Reporting by …;
            // Editing by …)" as Afrikaans in 3 % of the benchmark corpus). Others get the n-gram pass.
            let short = end - start <= Self.segmentWordsFirstBytes
            if short, guess.code != current?.code {
                guess = identify(line, candidates: candidates, wordsFirstAbove: Self.segmentWordsFirstBytes)
            }
            let unsure = guess.confidence < (short ? Self.segmentMinimumConfidence.shortLine : Self.segmentMinimumConfidence.longLine)
            if let last = current,
               guess.code == "und" || guess.code == last.code || unsure {
                current?.utf8Range = last.utf8Range.lowerBound..<end
                if guess.code == last.code {
                    current?.confidence = max(last.confidence, guess.confidence)
                }
                continue
            }
            if guess.code == "und" || unsure {
                pendingStart = pendingStart ?? start
                continue
            }
            if let last = current { result.append(last) }
            current = LanguageSegment(code: guess.code, confidence: guess.confidence,
                                      utf8Range: (pendingStart ?? start)..<end)
            lastIndex = modelIndex(of: guess.code)
            pendingStart = nil
        }
        if let last = current { result.append(last) }
        return result
    }

    /// The model index of `code`, -1 if the model has no such language. Codes are short ASCII,
    /// compared as packed integers (`languageKeys`): `firstIndex(of:)` over the languages cost
    /// ~800 instructions per segment in String comparisons.
    func modelIndex(of code: String) -> Int {
        guard let keys = languageKeys, let key = Self.packedKey(code) else {
            return model.languages.firstIndex(of: code) ?? -1
        }
        return keys.firstIndex(of: key) ?? -1
    }

    /// `code`'s UTF-8 bytes and length in one integer, nil unless it is ASCII of at most 7 bytes
    /// (ASCII strings are equal exactly when their bytes are).
    static func packedKey(_ code: String) -> UInt64? {
        var key: UInt64 = 0
        var length: UInt64 = 0
        for byte in code.utf8 {
            guard byte < 0x80, length < 7 else { return nil }
            key |= UInt64(byte) << (length &* 8)
            length &+= 1
        }
        return key | length << 56
    }

    /// Whether `language` (a model index) is the one whose words score highest in `text` (whole
    /// words only, among the candidates of its dominant script), and some word is known.
    /// `tables`: from `WordScorer.withTables`, kept across the lines (their scores are zeroed here).
    func wordLeader(is language: Int, _ text: UnsafeBufferPointer<UInt8>, candidates: Set<String>?,
                    tables: WordScorer.Tables) -> Bool {
        let scores = tables.scores
        scores.update(repeating: 0)
        // The stop test asks first whether this language is the one ahead by the margin: it
        // is on most lines, and then it leads its pool too (no maximum to find).
        let (tally, decisive, expectedLeads) = WordScorer.score(
            bytes: text, tables: tables, chars: chars, scoredScripts: scoredScripts,
            decisiveMargin: Self.segmentJoinMargin, expected: candidates == nil ? language : -1)
        guard tally.hits > 0, tally.letters >= Self.minimumLetters else { return false }
        let script = dominantScript(tally)
        guard let candidates else {
            if expectedLeads {
                return languageScripts[language] == script && scores[language] > 0
                    || leads(language, scores, in: script)
            }
            // A decisive pass has one highest score: when it is this language's (of the
            // script), it leads its pool too, shown by a plain maximum (~160 instructions
            // against ~290 for the pool test, which remains for the other cases).
            if decisive, languageScripts[language] == script, scores[language] > 0,
               scores[language] == FeatureScorer.highest(scores) {
                return true
            }
            return leads(language, scores, in: script)
        }
        let best = leader(scores, in: script, among: candidates)
        return best == language && scores[best] > 0
    }

    /// Whether `leader(scores, in: script)` is `language` with a positive score: no language of
    /// the script scores higher, and none before it as high (the leader is the first of the
    /// highest). Two loops over all scores with the script's mask, which the compiler turns into
    /// vector code; the scan of the script's pool was ~340 instructions a line.
    func leads(_ language: Int, _ scores: UnsafeMutableBufferPointer<Int32>, in script: Script) -> Bool {
        guard languageScripts[language] == script else { return false }
        let own = scores[language]
        guard own > 0 else { return false }
        let count = scores.count
        return scriptPoolMasks.withUnsafeBytes { masks in
            guard let base = UnsafeRawPointer(scores.baseAddress), let start = masks.baseAddress, count & 15 == 0,
                  masks.count >= (Int(script.rawValue) &+ 1) &* count &* 4 else {
                let best = leader(scores, in: script)
                return best == language
            }
            let mask = start + Int(script.rawValue) &* count &* 4
            // Languages before this one must score lower, the others no higher: a lane is beaten
            // when its score is above `own - 1` before the language and above `own` from it on
            // (`before` is -1 or 0 per lane).
            let level = SIMD16<Int32>(repeating: own)
            let index = SIMD16<Int32>(repeating: Int32(truncatingIfNeeded: language))
            var lane = SIMD16<Int32>(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15)
            var beaten = SIMD16<Int32>()
            for b in 0..<count / 16 {
                let offset = b &* 64
                let s = base.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int32>.self)
                let before = unsafeBitCast(lane .< index, to: SIMD16<Int32>.self)
                let above = unsafeBitCast(s .> level &+ before, to: SIMD16<Int32>.self)
                beaten |= above & mask.loadUnaligned(fromByteOffset: offset, as: SIMD16<Int32>.self)
                lane &+= 16
            }
            return beaten == SIMD16<Int32>()
        }
    }

    /// The first of the script's languages with the highest score, or -1 when it has none. The
    /// loop without candidates reads the pool's indices in place: with the optional candidates
    /// test and the array accesses it cost ~20 instructions a language, per line.
    func leader(_ scores: UnsafeMutableBufferPointer<Int32>, in script: Script) -> Int {
        scriptPools[Int(script.rawValue)].withUnsafeBufferPointer { pool in
            guard let first = pool.first else { return -1 }
            var best = first
            var top = scores[first]
            for i in pool.dropFirst() where scores[i] > top {
                best = i
                top = scores[i]
            }
            return best
        }
    }

    /// `leader(_:in:)` among `candidates` only.
    func leader(_ scores: UnsafeMutableBufferPointer<Int32>, in script: Script, among candidates: Set<String>) -> Int {
        var best = -1
        for i in scriptPools[Int(script.rawValue)] where candidates.contains(model.languages[i]) {
            if best < 0 || scores[i] > scores[best] { best = i }
        }
        return best
    }

    /// The offset of the next line break at or after `start`, or the end (memchr: the byte loop
    /// `firstIndex(of:)` compiles to was ~5 instructions a byte, 19 k per 4 KB article).
    static func lineEnd(in bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        guard let base = bytes.baseAddress, start < bytes.count,
              let found = memchr(base + start, Int32(UInt8(ascii: "\n")), bytes.count - start) else { return bytes.count }
        return UnsafeRawPointer(base).distance(to: UnsafeRawPointer(found))
    }
}
