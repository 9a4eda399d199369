import Testing

@testable import Cleaning

/// A line keeps the hashes of its first `sampleTokens` tokens; past them its words are counted
/// and mixed into its fingerprint without a hash each (LineAnalyzer+Sample.swift).
struct SampleTests {
    /// `text` (one line, or the line `start..<end` of it) analysed with the sample and without.
    static func both(_ text: String, start: Int = 0, end: Int? = nil) -> (sampled: LineShape, sampledTokens: [UInt64], full: LineShape, fullTokens: [UInt64]) {
        var copy = text
        return copy.withUTF8 { p in
            let stop = end ?? p.count
            let out = UnsafeMutablePointer<UInt64>.allocate(capacity: LineAnalyzer.maxTokens(bytes: p.count))
            defer { out.deallocate() }
            let bitmap = WordBitmap(p)
            let sampled = LineAnalyzer.analyze(p, words: bitmap.view, start: start, end: stop, tokens: out, firstToken: 0)
            let sampledTokens = Array(UnsafeBufferPointer(start: out, count: sampled.tokenEnd))
            let full = LineAnalyzer.analyze(p, words: bitmap.view, start: start, end: stop, tokens: out, firstToken: 0, sample: .max)
            return (sampled, sampledTokens, full, Array(UnsafeBufferPointer(start: out, count: full.tokenEnd)))
        }
    }

    /// Random prose lines from words of every kind the paths tell apart: ASCII, accents, × and ÷,
    /// apostrophes, list separators, dashes and quotes, Cyrillic, Han, long words.
    static func randomLines(count: Int, seed: UInt64) -> [String] {
        let words = ["the", "and", "of", "Straße", "über", "café", "été", "3×4", "a÷b", "don't", "l'homme", "’tis", "|", "•",
                     "—", "“quoted”", "«", "»", "/", ">", "Президент", "東京都", "2024", "12:30", "x" + String(repeating: "y", count: 70),
                     "naïve", "Łódź", "ąę", "word,", "end.", "(aside)", "Ö", "ß", "µ", "½", "co-op", "e-mail", "", "  "]
        var state = seed
        func next() -> Int {
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            return Int(truncatingIfNeeded: state >> 11)
        }
        return (0..<count).map { _ in
            let length = 20 + next() % 120
            // Mostly plain words, so that long plain stretches (counted windows) occur.
            return (0..<length).map { _ in next() % 3 == 0 ? words[next() % words.count] : ["word", "text", "line", "the", "été"][next() % 5] }
                .joined(separator: " ")
        }
    }

    @Test func longLineCountsEveryWordAndKeepsTheFirstTokens() {
        let line = (1...200).map { "word\($0)" }.joined(separator: " ") + "."
        let r = Self.both(line)
        #expect(r.full.words == 200)
        #expect(r.sampled.words == 200)
        #expect(r.sampled.tokenEnd - r.sampled.tokenStart == LineAnalyzer.sampleTokens)
        #expect(r.sampledTokens == Array(r.fullTokens.prefix(LineAnalyzer.sampleTokens)))
        #expect(r.sampled.endsSentence)
    }

    @Test func sampledEqualsFullButForTheTokensPastTheSample() {
        for (index, line) in Self.randomLines(count: 400, seed: 0x9E37_79B9_7F4A_7C15).enumerated() {
            // After a preceding line, so that windows start anywhere.
            let text = String(repeating: "p", count: index % 67) + "\n" + line + "\nnext line"
            let start = index % 67 + 1
            let r = Self.both(text, start: start, end: start + line.utf8.count)
            #expect(r.sampled.words == r.full.words, "\(line)")
            #expect(r.sampled.cjk == r.full.cjk)
            #expect(r.sampled.separators == r.full.separators)
            #expect(r.sampled.endsSentence == r.full.endsSentence)
            #expect(r.sampled.endsWithColon == r.full.endsWithColon)
            #expect(r.sampledTokens == Array(r.fullTokens.prefix(LineAnalyzer.sampleTokens)), "\(line)")
            if r.full.words <= LineAnalyzer.sampleTokens { #expect(r.sampled.fingerprint == r.full.fingerprint) }
        }
    }

    @Test func fingerprintIsTheLinesOwnWhereverItStands() {
        for (index, line) in Self.randomLines(count: 100, seed: 42).enumerated() {
            let alone = Self.both(line).sampled.fingerprint
            let prefix = String(repeating: "é ", count: index % 40) + "\n"
            let placed = Self.both(prefix + line + "\nand more words after it", start: prefix.utf8.count, end: prefix.utf8.count + line.utf8.count)
            #expect(placed.sampled.fingerprint == alone, "\(line)")
        }
    }

    @Test func fingerprintTellsApartLinesDifferingOnlyPastTheSample() {
        let head = (1...40).map { "story\($0)" }.joined(separator: " ")
        let base = head + " the minister said on Monday that the plan would be put to a vote in the spring, after the report."
        let fingerprint = Self.both(base).sampled.fingerprint
        var variants: [String] = []
        // One letter changed at every position past the sample (the same length, the same word count).
        let bytes = Array(base.utf8)
        let sampleEnd = head.utf8.count
        for k in sampleEnd..<bytes.count where bytes[k] >= 0x61 && bytes[k] <= 0x79 {
            var changed = bytes
            changed[k] += 1
            variants.append(String(decoding: changed, as: UTF8.self))
        }
        variants.append(head + " the minister said on Monday that the plan would be put to a vote in the spring, after the report!")
        variants.append(head + " the minister said on Friday that the plan would be put to a vote in the spring, after the report.")
        variants.append(head + " the plan would be put to a vote in the spring, the minister said on Monday, after the report.")
        variants.append(head + " the minister said on Monday that the plan would be put to a vote in the spring after the report.")
        #expect(variants.count > 60)
        var seen: Set<UInt64> = [fingerprint]
        for variant in variants {
            let r = Self.both(variant)
            #expect(r.sampled.tokenEnd < r.sampled.words)
            #expect(r.sampled.fingerprint != fingerprint, "\(variant)")
            seen.insert(r.sampled.fingerprint)
        }
        #expect(seen.count == variants.count + 1)
    }

    @Test func partialWindowMixEqualsAZeroPaddedWindow() {
        var bytes = [UInt8](repeating: 0, count: 192)
        for k in bytes.indices { bytes[k] = UInt8(truncatingIfNeeded: 0x41 &+ k &* 7) }
        bytes.withUnsafeBufferPointer { p in
            guard let base = p.baseAddress else { return }
            for valid in 1...64 {
                var padded = [UInt8](repeating: 0, count: 64)
                for k in 0..<valid { padded[k] = base[64 + k] }
                let expected = padded.withUnsafeBufferPointer { q in q.baseAddress.map { LineAnalyzer.mixWindow($0, bytes: 64, into: 7) } }
                #expect(LineAnalyzer.mixWindow(base + 64, bytes: valid, into: 7) == expected)
            }
        }
    }

    @Test func timesOrDivideFoundInTheLineOnly() {
        for at in 0..<64 {
            for second in [0x97, 0xB7, 0x96, 0xA9] as [UInt8] {
                var bytes = [UInt8](repeating: 0x61, count: 160)
                bytes[64 + at - 1] = 0xC3
                bytes[64 + at] = second
                bytes.withUnsafeBufferPointer { p in
                    guard let base = p.baseAddress else { return }
                    for valid in [at, at + 1, 64] where valid >= 1 {
                        let fast = LineAnalyzer.hasTimesOrDivide(base + 64, bytes: valid)
                        #expect(fast == LineAnalyzer.hasTimesOrDivideLanes(base + 64, bytes: valid))
                        #expect(fast == ((second == 0x97 || second == 0xB7) && at < valid))
                    }
                }
            }
        }
    }

    @Test func fusedEqualsReferenceOnLongMixedLines() throws {
        let patterns = try #require(FusedPassTests.patterns)
        let cleaner = Cleaner(patterns: patterns)
        let lines = Self.randomLines(count: 120, seed: 7)
        for chunk in stride(from: 0, to: lines.count, by: 6) {
            let text = lines[chunk..<min(chunk + 6, lines.count)].joined(separator: "\n")
            let fused = cleaner.analyze(text, language: nil, usePatterns: true)
            let reference = FusedPassTests.reference(text, patterns: patterns)
            #expect(FusedPassTests.summary(fused) == FusedPassTests.summary(reference))
            #expect(fused.lines.contains { $0.shape.tokenEnd - $0.shape.tokenStart < $0.shape.words })
        }
    }

    @Test func consentPhraseInTheSampleIsMatched() throws {
        let patterns = try #require(FusedPassTests.patterns)
        let cleaner = Cleaner(patterns: patterns)
        let notice = "We use cookies to improve your experience on our site and to show you personalised advertising, "
            + "to analyse traffic and to understand where our visitors come from; by continuing to browse you accept "
            + "our use of cookies and the processing of your data by us and our partners as set out in our cookie policy."
        let analysis = cleaner.analyze(notice, language: nil, usePatterns: true)
        let line = try #require(analysis.lines.first)
        #expect(line.shape.tokenEnd - line.shape.tokenStart < line.shape.words)
        #expect(analysis.pattern(of: line)?.category == "consent")
    }

    /// A sampled line's tokens stop before its end: a phrase that must end the line (or be
    /// all of it) is not matched where the sample happens to end, while one that may stand
    /// anywhere still is.
    @Test func lineEndPhrasesAreNotMatchedWhereTheSampleEnds() throws {
        let patterns = try PatternSet(
            patternFiles: ["en": "test\tend\t80\tthe end\ntest\tline\t80\tword1 * the end\nother\tany\t80\tthe end"],
            stoplists: [:])
        let cleaner = Cleaner(patterns: patterns)
        // "the end" as the last two tokens of the sample.
        let head = (1...(LineAnalyzer.sampleTokens - 2)).map { "word\($0)" }.joined(separator: " ") + " the end"
        let line = head + " " + (1...10).map { "more\($0)" }.joined(separator: " ")
        let analysis = cleaner.analyze(line, language: nil, usePatterns: true)
        let info = try #require(analysis.lines.first)
        #expect(info.shape.tokenEnd - info.shape.tokenStart == LineAnalyzer.sampleTokens)
        #expect(analysis.pattern(of: info)?.anchor == .any)
        // The same words as a line of their own: the end-anchored phrase matches.
        let whole = cleaner.analyze(head, language: nil, usePatterns: true)
        let first = try #require(whole.lines.first)
        #expect(whole.pattern(of: first)?.anchor == .end)
    }
}
