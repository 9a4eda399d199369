import Foundation
import Testing

@testable import Cleaning

/// The fused pass (`Cleaner.analyze`: normalise and tokenise each line as it is written,
/// per-line lookups, pooled scratch) against the reference path (normalise the whole text,
/// then `DocumentAnalysis` over it).
struct FusedPassTests {
    static let patterns: PatternSet? = try? PatternSet.loadDefault()

    /// Every field the decision reads, as one comparable description per line.
    static func summary(_ a: DocumentAnalysis) -> [String] {
        var rows = ["language \(a.language ?? "-") bytes \(Array(a.text.bytes)) lines \(a.text.lines.count)"]
        for (line, info) in zip(a.text.lines, a.lines) {
            let s = info.shape
            rows.append(
                "\(line.start)-\(line.end) \(line.paragraphBreakBefore) w\(s.words) c\(s.cjk) t\(s.tokenStart)-\(s.tokenEnd) "
                    + "e\(s.endsSentence) :\(s.endsWithColon) |\(s.separators) f\(s.fingerprint) "
                    + "d\(info.stopwordDensity.map { String($0) } ?? "-") p\(info.pattern)")
        }
        return rows
    }

    static func reference(_ text: String, patterns: PatternSet, language: String? = nil) -> DocumentAnalysis {
        DocumentAnalysis(
            text: TextNormalizer.normalize(UnicodeNFC.normalize(text)), patterns: patterns, language: language,
            usePatterns: true)
    }

    static let samples: [String] = [
        "",
        "\n\n  \n",
        "One line only.",
        "The cat sat on the mat, and the dog was in the garden.\n\nShare this article | Facebook | Twitter\nRead more: the news",
        "Le président a déclaré qu'il n'était pas là. « Très bien », dit-elle.\nÉCOLE über straße ĄŻ ść 3×4 ÷\n",
        "Die Straße ist gesperrt, sagte der Sprecher am Montag.\r\nIl governo è caduto ieri sera.\r\n",
        "東京都は月曜日に発表した。\nПрезидент заявил, что это не так.\nΗ κυβέρνηση ανακοίνωσε νέα μέτρα.",
        "<p>Hello &amp; welcome to <b>the</b> site</p><div>Next block&nbsp;here</div><br>a < b and c > d",
        "Cafe\u{301} and cre\u{300}me bru\u{302}le\u{301}e, the non-NFC way.\nAnother\u{200B}zero\u{00AD}width line\u{2028}split",
        "don't won’t l'homme rock 'n' roll ''quoted'' ’tis",
        "word " + String(repeating: "and the of ", count: 120) + "end.",
        String(repeating: "A line that repeats itself in the document for sure.\n", count: 40),
        String(repeating: "x", count: 200) + " " + String(repeating: "é", count: 70) + "\n" + String(repeating: "ab ", count: 30),
        "Anna says:\nGreat article!\nBob says:\nI disagree with the author.",
        "Related articles\nTeaser one\nTeaser two",
    ]

    @Test func fusedEqualsReference() throws {
        let patterns = try #require(Self.patterns)
        let cleaner = Cleaner(patterns: patterns)
        for text in Self.samples {
            let fused = cleaner.analyze(text, language: nil, usePatterns: true)
            #expect(Self.summary(fused) == Self.summary(Self.reference(text, patterns: patterns)), "\(text.prefix(60))")
        }
    }

    /// NFC is checked by the fused pass itself (`Writer.mayNeedComposition`), not by a scan
    /// ahead of it: texts where NFC changes something only at a scalar the pass sees late (or
    /// in a skipped tag), and texts where it changes nothing though the pass meets such scalars.
    @Test func fusedNFCCheckEqualsReference() throws {
        let patterns = try #require(Self.patterns)
        let cleaner = Cleaner(patterns: patterns)
        let texts = [
            "Plain words first, then a decomposed cafe\u{301} at the end of a long line that has many words in it",
            "<p>A <bloc\u{212A}quote>kelvin</blockquote> tag name</p>",  // NFC makes the tag name "blockquote"
            "<b title=\"x\">\u{338}not greater</b> and a < b",  // '>' + U+0338 composes to U+226F
            "A \u{2000}quad space, an \u{2001}em quad and a\u{200B}\u{301} mark after an invisible.",
            "Entities &#x301; and &#769; decode to marks; &amp\u{37E} is an ampersand in NFC.",
            "Hindi \u{915}\u{94D}\u{937} needs no composition, \u{212B}ngstr\u{F6}m does.",
            "Kelvin \u{212A} and ohm \u{2126} in a line.\nSecond line ok.",
            "<!-- a comment with \u{301} -->Text after the comment.",
            "<script>var s = \"\u{0301}\";</script>Visible text here.",
            "Ελληνικά \u{374} και ;\u{37E}",
        ]
        for text in texts {
            let fused = cleaner.analyze(text, language: nil, usePatterns: true)
            #expect(Self.summary(fused) == Self.summary(Self.reference(text, patterns: patterns)), "\(text.debugDescription)")
        }
    }

    @Test func fusedEqualsReferenceWithLanguage() throws {
        let patterns = try #require(Self.patterns)
        let cleaner = Cleaner(patterns: patterns)
        for text in Self.samples {
            for language in ["en", "fr", "de-DE", "xx"] {
                let fused = cleaner.analyze(text, language: language, usePatterns: true)
                #expect(Self.summary(fused) == Self.summary(Self.reference(text, patterns: patterns, language: language)))
            }
        }
    }

    /// Scratch is reused between calls: a short text after a long one must not see the long
    /// one's bytes, bitmap or tokens.
    @Test func reusedScratchLeavesNoTrace() throws {
        let patterns = try #require(Self.patterns)
        let cleaner = Cleaner(patterns: patterns)
        let long = (0..<400).map { "Paragraph \($0) of the long story, with the usual words in it." }.joined(separator: "\n")
        for text in Self.samples {
            _ = cleaner.analyze(long, language: nil, usePatterns: true)
            let fused = cleaner.analyze(text, language: nil, usePatterns: true)
            #expect(Self.summary(fused) == Self.summary(Self.reference(text, patterns: patterns)))
        }
    }

    /// Mixed random inputs: ASCII, accents, other scripts, markup, entities, odd spacing.
    @Test func fusedEqualsReferenceOnRandomMixes() throws {
        let patterns = try #require(Self.patterns)
        let cleaner = Cleaner(patterns: patterns)
        let pieces = ["the", "and", "de", "la", "über", "ÉTÉ", "señor", "東京", "мир", " ", "  ", "\n", "\n\n", ", ",
                      "<p>", "</div>", "&amp;", "&#8217;", "'", "’", " | ", " » ", "...", "!", "e\u{301}", "\u{00A0}",
                      "\t", "2024", "x×y", "—", "«", "»", ":", "\r\n"]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33)
        }
        for _ in 0..<300 {
            let text = (0..<(next() % 400)).map { _ in pieces[next() % pieces.count] }.joined()
            let fused = cleaner.analyze(text, language: nil, usePatterns: true)
            #expect(Self.summary(fused) == Self.summary(Self.reference(text, patterns: patterns)))
        }
    }

    /// Batches tokenise only the lines whose newline lies in a whole block (each block built
    /// once): newlines at every offset around block and batch boundaries, lines longer than a
    /// batch, and stale bitmap words from a longer text before (the blocks after a batch's
    /// lines are not built yet when it is tokenised).
    @Test func batchesCutAtWholeBlocks() throws {
        let patterns = try #require(Self.patterns)
        let cleaner = Cleaner(patterns: patterns)
        let long = (0..<300).map { "Zeile \($0): straße «über» the words’ end | x" }.joined(separator: "\n")
        let filler = "the cat über l'été — news, and more words here"
        for first in 0..<140 {
            let head = String(String(repeating: "ab é ", count: 40).prefix(first))
            let text = [head, filler, String(repeating: "word ", count: first * 3), filler, head, filler].joined(separator: "\n")
            _ = cleaner.analyze(long, language: nil, usePatterns: true)
            let fused = cleaner.analyze(text, language: nil, usePatterns: true)
            #expect(Self.summary(fused) == Self.summary(Self.reference(text, patterns: patterns)), "\(first)")
        }
    }

    /// An article too big for the pool to keep (its scratch is dropped, the next call starts
    /// afresh), with lines of every length and buffers that grow mid-pass.
    @Test func outsizedArticleEqualsReference() throws {
        let patterns = try #require(Self.patterns)
        let cleaner = Cleaner(patterns: patterns)
        let lines = (0..<6000).map { i in
            String(repeating: "wörd the \(i) ", count: i % 37) + (i % 5 == 0 ? "&amp;<br>" : "") + (i % 7 == 0 ? "\n" : "")
        }
        let big = lines.joined(separator: "\n")
        for text in [big, "short one after the big one", big] {
            let fused = cleaner.analyze(text, language: nil, usePatterns: true)
            #expect(Self.summary(fused) == Self.summary(Self.reference(text, patterns: patterns)))
        }
    }

    @Test func poolKeepsAtMostItsLimit() {
        let pool = ScratchPool(limit: 2)
        let taken = (0..<4).map { _ in pool.take() }
        for s in taken { pool.give(s) }
        let again = (0..<3).map { _ in pool.take() }
        #expect(Set(again.map { ObjectIdentifier($0) }).count == 3)
        #expect(again.filter { a in taken.contains { $0 === a } }.count == 2)
    }
}

/// The per-line stoplist counts against a count per token, done here from scratch: over the
/// line's sample (its first `sampleTokens` tokens), while its word count stays exact.
struct PerLineCountTests {
    @Test func densitiesMatchAPerTokenCount() throws {
        let patterns = try #require(FusedPassTests.patterns)
        let cleaner = Cleaner(patterns: patterns)
        var sampledLines = 0
        for text in FusedPassTests.samples {
            for language in [nil, "en", "fr"] as [String?] {
                let a = cleaner.analyze(text, language: language, usePatterns: true)
                let bit = a.language.flatMap { patterns.stoplistLanguages.firstIndex(of: $0) }
                for (line, info) in zip(a.text.lines, a.lines) {
                    let tokens = LineAnalyzer.tokens(of: a.text.string(line))
                    #expect(info.shape.words == tokens.count)
                    let sample = tokens.prefix(LineAnalyzer.sampleTokens)
                    #expect(info.shape.tokenEnd - info.shape.tokenStart == sample.count)
                    if tokens.count > sample.count { sampledLines += 1 }
                    guard let bit, !tokens.isEmpty else {
                        #expect(info.stopwordDensity == nil)
                        continue
                    }
                    let hits = sample.filter { (patterns.table.payload($0) >> UInt32(bit)) & 1 == 1 }.count
                    #expect(info.stopwordDensity == Double(hits) / Double(sample.count))
                }
            }
        }
        #expect(sampledLines > 0)
    }
}

/// The lane-comparison vector tests against their 7-bit-lane references, on every byte value
/// at every lane and on random blocks.
struct VectorTestTests {
    static func blocks() -> [[UInt8]] {
        var result: [[UInt8]] = []
        for value in 0...255 {
            for lane in 0..<17 {
                var block = [UInt8](repeating: 0x61, count: 17)
                block[lane] = UInt8(value)
                result.append(block)
                var spaced = [UInt8](repeating: 0x20, count: 17)
                spaced[lane] = UInt8(value)
                result.append(spaced)
            }
        }
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        let interesting: [UInt8] = [0x20, 0x20, 0x61, 0x41, 0x30, 0x39, 0x3C, 0x26, 0x7F, 0x0A, 0x00, 0x1F, 0x80, 0xBF,
                                    0xC0, 0xC2, 0xC3, 0xC5, 0xC6, 0xDF, 0xE0, 0xE2, 0xF4, 0xFF, 0x5A, 0x7A, 0x7B, 0x60]
        for _ in 0..<20000 {
            result.append((0..<17).map { _ in
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                return state & 1 == 0 ? interesting[Int(state >> 8) % interesting.count] : UInt8(truncatingIfNeeded: state >> 16)
            })
        }
        return result
    }

    @Test func wordMaskEqualsReference() {
        for block in Self.blocks() {
            block.withUnsafeBytes { p in
                guard let base = p.baseAddress else { return }
                #expect(WordBitmap.mask16(base) == WordBitmap.mask16Reference(base), "\(block)")
            }
        }
    }

    @Test func plainRunStopEqualsReference() {
        for block in Self.blocks() {
            block.withUnsafeBytes { p in
                guard let base = p.baseAddress else { return }
                // C0 and C1 never occur in UTF-8: the SSE2 form does not stop at them.
                if block.prefix(16).contains(where: { $0 == 0xC0 || $0 == 0xC1 }) {
                    #expect(PlainBytes16.firstStop(base) >= PlainBytes16.firstStopReference(base), "\(block)")
                } else {
                    #expect(PlainBytes16.firstStop(base) == PlainBytes16.firstStopReference(base), "\(block)")
                }
                #expect(PlainBytes16.firstStopPortable(base) == PlainBytes16.firstStopReference(base), "\(block)")
            }
        }
    }
}

/// The normaliser's scan-and-copy of a plain run against the scan alone: the same end at every
/// run start of random texts (plain ASCII, Latin letters, quotes and dashes, double spaces,
/// controls, tags and entities, lengths around the 16- and 32-byte steps), and the run's bytes
/// copied.
struct PlainRunCopyTests {
    @Test func copyEqualsScanAndBytes() {
        let pieces: [[UInt8]] = [
            Array("word ".utf8), Array("ab".utf8), Array("  ".utf8), Array("é".utf8), Array("„".utf8), Array("–".utf8),
            Array("\u{00A0}".utf8), Array("\n".utf8), Array("<b>".utf8), Array("&amp;".utf8), Array("€".utf8),
            Array("x".utf8), Array(" ".utf8), Array("\u{200B}".utf8), Array("日本".utf8), Array(".".utf8),
        ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<3000 {
            var text: [UInt8] = []
            state ^= state << 13
            state ^= state >> 7
            state ^= state << 17
            let count = Int(state % 60)
            for _ in 0..<count {
                state ^= state << 13
                state ^= state >> 7
                state ^= state << 17
                // Mostly words, so that runs reach past the vector steps.
                text += state % 3 == 0 ? pieces[Int(state >> 8) % pieces.count] : pieces[0]
            }
            text.withUnsafeBufferPointer { p in
                let out = UnsafeMutablePointer<UInt8>.allocate(capacity: p.count + 1)
                defer { out.deallocate() }
                for i in 0..<p.count where TextNormalizer.isPlainASCII(p[i]) {
                    let end = TextNormalizer.plainRunEnd(p, after: i + 1)
                    let copiedEnd = TextNormalizer.copyPlainRun(p, from: i, after: i + 1, into: out)
                    #expect(copiedEnd == end, "\(text) at \(i)")
                    #expect(Array(UnsafeBufferPointer(start: out, count: copiedEnd - i)) == Array(p[i..<copiedEnd]), "\(text) at \(i)")
                }
            }
        }
    }
}

/// The sixteen-lane Latin word hashes (SSE2 intrinsics and Swift lanes) against the eight-byte
/// one, on every Latin letter at every position of words up to 40 bytes.
struct LatinHashTests {
    @Test func vectorHashEqualsWordHash() {
        let letters = (UInt32(0xC0)...0x17F).compactMap { Unicode.Scalar($0) }.map { String(Character($0)) }
        let ascii = ["a", "Z", "9", "q", "M"]
        var state: UInt64 = 0x853C_49E6_748F_EA9B
        func next(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(truncatingIfNeeded: state >> 33) % n
        }
        var checked = 0
        for round in 0..<6000 {
            var word = ""
            for _ in 0..<(1 + next(20)) { word += next(3) == 0 ? letters[next(letters.count)] : ascii[next(ascii.count)] }
            if round < letters.count { word = letters[round] + word }
            let text = String(repeating: " ", count: 1 + round % 9) + word + " tail, with room for the loads past it"
            var copy = text
            copy.withUTF8 { p in
                guard let base = p.baseAddress else { return }
                let s = 1 + round % 9
                let e = s + word.utf8.count
                #expect(LineAnalyzer.hashLatin(base, s, e) == LineAnalyzer.hashLatinSWAR(base, s, e), "\(word)")
                #expect(LineAnalyzer.hashLatinInline(base, s, e) == LineAnalyzer.hashLatinSWAR(base, s, e), "\(word)")
                checked += 1
            }
        }
        #expect(checked == 6000)
    }
}

/// Keys sharing a home slot: all but the first are displaced, their home is flagged, and lookups
/// (present and absent keys alike) walk on from it. Two such chains overlap here. (The tags,
/// 30 bits of the upper half, are distinct, as random hashes' are but for a 2^-30 chance.)
struct TokenTableDisplacementTests {
    @Test func keysSharingAHomeAreAllFound() {
        var source: [UInt64: TokenTable.Entry] = [:]
        for k in 0..<40 { source[UInt64(k + 1) << 40 | 0x55] = TokenTable.Entry(stopwordMask: UInt32(k + 1)) }
        for k in 0..<40 { source[(UInt64(k + 1) << 8 | 0x40) << 32 | 0x1234_5678] = TokenTable.Entry(stopwordMask: UInt32(100 + k)) }
        let table = TokenTable(source)
        for (key, entry) in source { #expect(table.payload(key) == entry.stopwordMask) }
        for k in 41..<200 {
            #expect(table.payload(UInt64(k) << 40 | 0x55) == 0)
            #expect(table.payload((UInt64(k) << 8 | 0x40) << 32 | 0x1234_5678) == 0)
        }
        // Tags differing only in bit 33 (the flag's place) are the same tag: never both present
        // in the data with one home, and never told apart; bit 32 is forced on.
        #expect(table.payload(UInt64(1) << 40 | UInt64(1) << 33 | 0x55) == 1)
    }
}

/// The document language from the stoplist counts.
struct LanguageChoiceTests {
    /// The best language is the first of equal maxima (as `max(by:)` over the totals gave),
    /// and none when it covers too few tokens.
    @Test func bestLanguageIsTheFirstOfEqualMaxima() {
        var hits = LanguageHits()
        for _ in 0..<7 { hits.add(1 << 3 | 1 << 9 | 1 << 1) }
        for _ in 0..<3 { hits.add(1 << 1) }
        #expect(hits.bestLanguage(count: 31, tokens: 40) == 1)  // bit 1: 10, bits 3 and 9: 7
        for _ in 0..<3 { hits.add(1 << 9 | 1 << 3) }
        #expect(hits.bestLanguage(count: 31, tokens: 40) == 1)  // 10, 10, 10: the first
        #expect(hits.bestLanguage(count: 31, tokens: 200) == nil)  // 10 < 200 / 8
        #expect(hits.bestLanguage(count: 0, tokens: 0) == nil)
        var few = LanguageHits()
        for _ in 0..<4 { few.add(1 << 2) }
        #expect(few.bestLanguage(count: 31, tokens: 4) == nil)  // fewer than five
    }
}
