import Foundation
import Testing

@testable import Cleaning

/// The word-at-a-time and vector paths must decide exactly as the per-byte / per-scalar rules
/// do. Each test runs both paths on the same input (the fast ones only engage with enough bytes
/// around, the slow ones at the end of a buffer or on non-ASCII) and compares.
@Suite struct FastPathTests {
    /// A deterministic generator, so failures reproduce.
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        mutating func string(from alphabet: [String], length: Int) -> String {
            var s = ""
            for _ in 0..<length { s += alphabet[next(alphabet.count)] }
            return s
        }
    }

    /// Token hashes of `word` on its own (shorter than a load: per-scalar path) and inside a
    /// long line (word-at-a-time path where it applies).
    private func tokensAloneAndInContext(_ word: String) -> ([UInt64], [UInt64]) {
        let alone = LineAnalyzer.tokens(of: word)
        let context = LineAnalyzer.tokens(of: "Qqqqqqqqqqqqqqqqqqq " + word + ", zzzzzzzzzzzzzzzzzzzzzzzz")
        return (alone, Array(context.dropFirst().dropLast()))
    }

    @Test func wordAtATimeHashesMatchThePerScalarPath() {
        let words = [
            "a", "I", "to", "THE", "Word", "seven77", "Eight888", "nineNINE9", "information", "Informations",
            "internationalisation", "Donaudampfschifffahrtsgesellschaftskapitän", "2024", "12345678",
            "123456789012345678", "x1", "café", "Ökonomie", "naïve", "don't", "l’homme", "Москва", "Αθήνα",
        ]
        for word in words {
            let (alone, inContext) = tokensAloneAndInContext(word)
            #expect(alone == inContext, "\(word)")
            #expect(alone.count == 1, "\(word)")
        }
        #expect(LineAnalyzer.tokens(of: "INFORMATION") == LineAnalyzer.tokens(of: "information"))
        #expect(LineAnalyzer.tokens(of: "internationalisation") != LineAnalyzer.tokens(of: "internationalisatio"))
    }

    @Test func randomLinesTokenizeAlikeOnBothPaths() {
        // Every token of a random line, hashed in context, equals the token hashed alone.
        var g = Generator(state: 42)
        let alphabet = ["a", "b", "Z", "e", "7", " ", " ", ", ", ".", "'", "é", "ß", "Ж", "’", "|", " / ", "-", "中", "😀"]
        for _ in 0..<300 {
            let line = g.string(from: alphabet, length: 1 + g.next(60))
            let padded = line + String(repeating: " ", count: 16)
            var copy = padded
            let viaFast: [UInt64] = copy.withUTF8 { p in
                let out = UnsafeMutablePointer<UInt64>.allocate(capacity: LineAnalyzer.maxTokens(bytes: p.count))
                defer { out.deallocate() }
                let shape = LineAnalyzer.analyze(p, start: 0, end: line.utf8.count, tokens: out, firstToken: 0)
                return Array(UnsafeBufferPointer(start: out, count: shape.tokenEnd))
            }
            // One scalar at a time through the per-scalar path: strings shorter than a load.
            var viaSlow: [UInt64] = []
            var current = ""
            func flush() {
                if !current.isEmpty { viaSlow += LineAnalyzer.tokens(of: current) }
                current = ""
            }
            for scalar in line.unicodeScalars {
                let v = scalar.value
                let isWordish = (v >= 0x30 && v <= 0x39) || (v | 0x20 >= 0x61 && v | 0x20 <= 0x7A) || v == 0x27 || v >= 0x80
                if isWordish { current.unicodeScalars.append(scalar) } else { flush() }
            }
            flush()
            // Splitting at ASCII separators never changes tokens; `tokens(of:)` of short pieces
            // takes the per-scalar path for all but the longest pieces.
            #expect(viaFast == viaSlow, "\(line.debugDescription)")
        }
    }

    /// The bitmap path (`analyze`) against the per-scalar rules alone (`analyzeByScalars`) on
    /// whole lines: every token and every shape field. Lines sit at varying offsets of a longer
    /// buffer so that words cross the bitmap's 64-byte words, and some end the buffer.
    @Test func bitmapPathMatchesThePerScalarRules() {
        var g = Generator(state: 99)
        let alphabet = ["a", "b", "Z", "e", "7", "0", " ", " ", " ", ", ", ".", "'", "é", "ß", "Ж", "’", "|", " / ", "/",
                        " > ", ">", "-", "中", "😀", "»", ":", "\"", "internationalisation", "Word", "x'", "'s", "123456789",
                        "É", "ł", "Ł", "ą", "Ÿ", "ſ", "×", "÷", "ő", "Œ", "ĸ", "ŉ", "\u{0301}"]
        for _ in 0..<600 {
            let prefix = String(repeating: "p", count: g.next(70)) + "\n"
            let line = g.string(from: alphabet, length: 1 + g.next(50)).trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let suffix = g.next(3) == 0 ? "\n" : "\nmore text after the line, long enough for loads\n"
            let buffer = prefix + line + suffix
            let start = prefix.utf8.count
            let end = start + line.utf8.count
            #expect(AnalyzedLine(buffer, start: start, end: end, bitmap: true) == AnalyzedLine(buffer, start: start, end: end, bitmap: false),
                    "\(line.debugDescription)")
        }
        // Words of 63, 64 and 65 bytes, and long words that end the buffer.
        for length in [7, 8, 9, 15, 16, 17, 63, 64, 65, 130] {
            let word = String(repeating: "Ab1", count: length / 3 + 1).prefix(length)
            for buffer in ["x " + word + " y\n", word + "\n", word + "é\n", String(repeating: "z", count: length) + " " + word + "\n"] {
                let end = buffer.utf8.count - 1
                #expect(AnalyzedLine(buffer, start: 0, end: end, bitmap: true) == AnalyzedLine(buffer, start: 0, end: end, bitmap: false), "\(buffer)")
            }
        }
    }

    /// Words with two-byte Latin letters (U+00C0-017F, leads C3-C5) stay on the bitmap path,
    /// which folds case on their UTF-8 bytes: every letter of the range, at every offset of the
    /// eight-byte chunks, upper and lower case, next to × and ÷ (which split words) and to
    /// letters of other two-byte scripts (which the per-scalar rules take), against the
    /// per-scalar rules alone.
    @Test func accentedLatinWordsMatchThePerScalarRules() {
        func both(_ line: String) -> (LineShape, [UInt64], LineShape, [UInt64]) {
            var copy = "x\n" + line + "\nmore text after the line, long enough for loads\n"
            let start = 2
            let end = start + line.utf8.count
            return copy.withUTF8 { p in
                let out = UnsafeMutablePointer<UInt64>.allocate(capacity: LineAnalyzer.maxTokens(bytes: p.count))
                defer { out.deallocate() }
                let fast = LineAnalyzer.analyze(p, start: start, end: end, tokens: out, firstToken: 0)
                let fastTokens = Array(UnsafeBufferPointer(start: out, count: fast.tokenEnd))
                let slow = LineAnalyzer.analyzeByScalars(p, start: start, end: end, tokens: out, firstToken: 0)
                return (fast, fastTokens, slow, Array(UnsafeBufferPointer(start: out, count: slow.tokenEnd)))
            }
        }
        var checked = 0
        for v in UInt32(0xC0)...0x17F {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let letter = String(Character(scalar))
            for prefix in ["", "a", "ab", "abcdefg", "abcdefgh", "ABCDEFGHIJKLMNO", "x1"] {
                for suffix in ["", "z", "ZZZZZZZZ", "é", "É", "9"] {
                    let word = prefix + letter + suffix
                    for line in ["Die " + word + " und", word, "«" + word + "»", word + "’s", "3" + word + "×4", word + "÷" + word,
                                 word + "Ж", "Ω" + word, word + "'" + word] {
                        let (fast, fastTokens, slow, slowTokens) = both(line)
                        #expect(fastTokens == slowTokens, "\(line.debugDescription)")
                        #expect(fast.fingerprint == slow.fingerprint, "\(line.debugDescription)")
                        #expect(fast.words == slow.words && fast.separators == slow.separators, "\(line.debugDescription)")
                        checked += 1
                    }
                }
            }
        }
        #expect(checked > 10_000)
        // Case folds as the per-scalar fold does: Latin-1 and the paired Latin Extended-A
        // letters fold, ß stays, and the odd/even pairs the fold leaves alone stay apart.
        #expect(LineAnalyzer.tokens(of: "ÉCOLE ÜBER ĄŻ ŚĆ") == LineAnalyzer.tokens(of: "école über ąŻ ść"))
        #expect(LineAnalyzer.tokens(of: "STRAßE") == LineAnalyzer.tokens(of: "straße"))
        #expect(LineAnalyzer.tokens(of: "ß") != LineAnalyzer.tokens(of: "ÿ"))
        #expect(LineAnalyzer.tokens(of: "3×4").count == 2)
    }

    @Test func digitsFoldInTheFingerprintOnBothPaths() {
        func fingerprint(_ line: String) -> UInt64 {
            var copy = line + String(repeating: " ", count: 16)
            let end = line.utf8.count
            return copy.withUTF8 { p in
                let out = UnsafeMutablePointer<UInt64>.allocate(capacity: LineAnalyzer.maxTokens(bytes: p.count))
                defer { out.deallocate() }
                return LineAnalyzer.analyze(p, start: 0, end: end, tokens: out, firstToken: 0).fingerprint
            }
        }
        #expect(fingerprint("Report 2024 published") == fingerprint("Report 1999 published"))
        #expect(fingerprint("Report 20240101 published") == fingerprint("Report 1 published"))
        #expect(fingerprint("Report 2024a published") != fingerprint("Report 1999a published"))
        #expect(fingerprint("Report 2024") == fingerprint("Report 7"))  // near the end of the buffer
    }

    /// The normaliser's rules, one scalar at a time, for text without markup.
    private func referenceLines(_ text: String) -> [String] {
        var lines: [String] = []
        var line = ""
        var pendingSpace = false
        func endLine() {
            if !line.isEmpty { lines.append(line) }
            line = ""
            pendingSpace = false
        }
        var scalars = Array(text.unicodeScalars)
        scalars.append("\n")
        var index = 0
        while index < scalars.count {
            let v = scalars[index].value
            switch v {
            case 0x0D:
                endLine()
                if index + 1 < scalars.count, scalars[index + 1] == "\n" { index += 1 }
            case 0x0A, 0x85, 0x2028, 0x2029:
                endLine()
            case 0x09, 0x0B, 0x0C, 0x20, 0xA0, 0x1680, 0x2000...0x200A, 0x202F, 0x205F, 0x3000:
                pendingSpace = true
            case 0..<0x20, 0x7F, 0x80...0x9F, 0xAD, 0x200B...0x200F, 0x202A...0x202E, 0x2060...0x2064, 0xFEFF:
                break
            default:
                if pendingSpace, !line.isEmpty { line += " " }
                pendingSpace = false
                line.unicodeScalars.append(scalars[index])
            }
            index += 1
        }
        return lines
    }

    @Test func vectorPlainRunScanMatchesTheRules() {
        var g = Generator(state: 7)
        let alphabet = ["a", "b", "X", "1", " ", " ", "  ", "\t", "\n", "\r\n", "\u{00A0}", "\u{200B}", "\u{00AD}", "é", "€",
                        "’", "中", "😀", "\u{2009}", "\u{3000}", ".", ",", "> ", "&", "&x", "\u{01}", "\u{7F}", "\u{FEFF}",
                        // Two-byte letters the vector scan passes, next to two-byte scalars it must not.
                        "ü", "ł", "Ω", "Й", "«", "éèêëàâ", "\u{0080}", "\u{0085}", "\u{009F}", "\u{1680}", "\u{2028}"]
        for _ in 0..<1_000 {
            let text = g.string(from: alphabet, length: g.next(120))
            let n = TextNormalizer.normalize(text)
            #expect(n.lines.map { n.string($0) } == referenceLines(text), "\(text.debugDescription)")
            #expect(String(validating: n.bytes, as: UTF8.self) != nil)
        }
        // Spaces around every position of a 16-byte block.
        for gap in 0..<40 {
            let text = String(repeating: "a", count: gap) + "  b \n c" + String(repeating: "d", count: 40 - gap) + " "
            let n = TextNormalizer.normalize(text)
            #expect(n.lines.map { n.string($0) } == referenceLines(text))
        }
    }

    @Test func linesAreFollowedByANewlineOutsideTheirRange() {
        let n = TextNormalizer.normalize("one  two\n\nthree")
        #expect(n.lines.count == 2)
        for line in n.lines { #expect(n.bytes[line.end] == 0x0A) }
        #expect(n.joined() == "one two\n\nthree")
    }

    @Test func nfcComposesOnlyTheUnstableStretchesAndMatchesFoundation() {
        var g = Generator(state: 3)
        let alphabet = ["a", "e", "o", " ", "\u{0301}", "\u{0308}", "\u{0323}", "\u{0327}", "ü", "é", "\u{1100}", "\u{1161}",
                        "\u{11A8}", "\u{AC00}", "\u{0915}", "\u{093C}", "\u{0930}", "Ω", "\u{2126}", "中", "x\u{0301}\u{0301}",
                        "\u{0B47}", "\u{0B3E}", "\n", "😀"]
        for _ in 0..<400 {
            let text = g.string(from: alphabet, length: g.next(40))
            let expected = text.precomposedStringWithCanonicalMapping
            #expect(Array(UnicodeNFC.normalize(text).utf8) == Array(expected.utf8), "\(text.debugDescription)")
        }
        // Text that is already NFC is returned as it is: no unstable stretch at all ...
        var plain = "Oekraïne, Москва, 中文, 한국어, العربية — “quotes”"
        #expect(plain.withUTF8 { UnicodeNFC.unstableSegments($0) }.isEmpty)
        #expect(UnicodeNFC.normalize(plain) == plain)
        // ... or stretches whose combining marks (a virama) pass the quick check.
        var hindi = "हिन्दी समाचार"
        #expect(!hindi.withUTF8 { UnicodeNFC.unstableSegments($0) }.isEmpty)
        #expect(hindi.withUTF8 { p in UnicodeNFC.unstableSegments(p).allSatisfy { !UnicodeNFC.needsComposition(UnsafeBufferPointer(rebasing: p[$0])) } })
        #expect(UnicodeNFC.normalize(hindi) == hindi)
        // Marks out of canonical order do need it.
        #expect(UnicodeNFC.normalize("a\u{0301}\u{0323}") == "a\u{0323}\u{0301}".precomposedStringWithCanonicalMapping)
    }

    /// The unstable stretches, found code point by code point: the reference for the vector scan.
    private func referenceSegments(_ p: UnsafeBufferPointer<UInt8>) -> [Range<Int>] {
        var segments: [Range<Int>] = []
        var i = 0
        var lastStable = 0
        while i < p.count {
            let (v, length) = decodeScalar(p, i)
            if UnicodeNFC.isStable(v) {
                lastStable = i
                i += length
                continue
            }
            var j = i + length
            while j < p.count, !UnicodeNFC.isStable(decodeScalar(p, j).value) { j += decodeScalar(p, j).length }
            segments.append((segments.last.map { max($0.upperBound, lastStable) } ?? lastStable)..<j)
            lastStable = j
            i = j
        }
        return segments
    }

    @Test func nfcVectorScanFindsTheSameStretchesAsThePerScalarScan() {
        var g = Generator(state: 11)
        // Latin-1 and Latin Extended (skipped by the vector test), marks and scripts from
        // U+0300 up (stopped at), at every offset of the 16-byte blocks.
        let alphabet = ["a", " ", "é", "ü", "ł", "ș", "\u{0301}", "\u{0308}", "\u{0327}", "Ω", "\u{2126}", "“", "—", "中",
                        "\u{0915}", "\u{093C}", "\u{1100}", "\u{1161}", "😀", "Й", "и\u{0306}", "\n", "abcdefghijklmnop",
                        "Москва", "ω", "ϊ", "ѣ", "е\u{0308}", "ά\u{0301}"]
        for round in 0..<600 {
            var text = String(repeating: "x", count: round % 17) + g.string(from: alphabet, length: 1 + g.next(60))
            let found = text.withUTF8 { UnicodeNFC.unstableSegments($0) }
            let expected = text.withUTF8 { referenceSegments($0) }
            #expect(found == expected, "\(text.debugDescription)")
        }
    }

    /// The vector scan passes the leads CF-D1 without looking: every code point they start must be stable.
    @Test func greekAndCyrillicLeadsStartOnlyStableCodePoints() {
        for v in UInt32(0x3C0)...0x47F { #expect(UnicodeNFC.isStable(v), "U+\(String(v, radix: 16))") }
    }

    @Test func stabilityTableAgreesWithTheScalarProperties() {
        // Combining marks are never stable; a few well-known stable letters are.
        for v: UInt32 in [0x0300, 0x0301, 0x0308, 0x093C, 0x05B0, 0x1161, 0x11A8, 0x3099, 0x1D165] {
            #expect(!UnicodeNFC.isStable(v), "U+\(String(v, radix: 16))")
        }
        for v: UInt32 in [0x41, 0xE9, 0x0416, 0x4E2D, 0xAC00, 0x0915, 0x1F600] {
            #expect(UnicodeNFC.isStable(v), "U+\(String(v, radix: 16))")
        }
        // Every scalar with a non-zero combining class in the BMP is unstable.
        for v in UInt32(0x300)..<0x10000 {
            guard let scalar = Unicode.Scalar(v), scalar.properties.generalCategory != .unassigned else { continue }
            if scalar.properties.canonicalCombiningClass != .notReordered {
                #expect(!UnicodeNFC.isStable(v), "U+\(String(v, radix: 16))")
            }
        }
    }

    /// The placement order (priority) only moves keys between slots: every key, present or
    /// not, gets the same payload whatever the order.
    @Test func tokenTablePayloadsDoNotDependOnPlacementOrder() {
        var g = Generator(state: 17)
        var source: [UInt64: TokenTable.Entry] = [:]
        for _ in 0..<3_000 {
            let key = UInt64(g.next(1 << 30)) << 34 | UInt64(g.next(1 << 30)) << 4 | 1
            source[key] = TokenTable.Entry(stopwordMask: UInt32(g.next(1 << 20)) | 1)
        }
        let keys = Array(source.keys)
        var priority: [UInt64: Int] = [:]
        for key in keys where g.next(2) == 0 { priority[key] = g.next(10) }
        let plain = TokenTable(source)
        let ordered = TokenTable(source, priority: priority)
        for key in keys {
            #expect(plain.payload(key) == source[key]?.stopwordMask)
            #expect(ordered.payload(key) == plain.payload(key))
        }
        for _ in 0..<3_000 {
            let absent = UInt64(g.next(1 << 30)) << 34 | UInt64(g.next(1 << 30)) << 4 | 2
            #expect(ordered.payload(absent) == 0 && plain.payload(absent) == 0)
        }
    }

    @Test func languageHitsCountEveryStoplistBit() {
        var g = Generator(state: 11)
        var hits = LanguageHits()
        var naive = [Int](repeating: 0, count: 31)
        for _ in 0..<1000 {  // more than 255 to cross a flush of the byte counters
            let mask = UInt32(g.next(1 << 16)) | UInt32(g.next(1 << 15)) << 16
            hits.add(mask)
            for bit in 0..<31 where mask & (1 << bit) != 0 { naive[bit] += 1 }
        }
        #expect(hits.totals(count: 31) == naive)
    }

    /// `lookUp` (table lookups and counts in one loop; three counters for up to 24 stoplists,
    /// four above) counts like `add` on the payloads it writes, the pattern flag left out.
    @Test func lookUpCountsLikeAdd() {
        var g = Generator(state: 29)
        for stoplists in [18, 24, 31] {
            var source: [UInt64: TokenTable.Entry] = [:]
            for _ in 0..<500 {
                let key = UInt64(g.next(1 << 30)) << 34 | UInt64(g.next(1 << 30)) << 4 | 1
                let mask = UInt32(g.next(1 << 16)) | UInt32(g.next(1 << (stoplists - 16))) << 16
                source[key] = TokenTable.Entry(stopwordMask: mask, patternStart: 0, patternCount: Int32(g.next(4) == 0 ? 1 : 0))
            }
            let table = TokenTable(source)
            var tokens = Array(source.keys)
            tokens += (0..<300).map { _ in UInt64(g.next(1 << 30)) << 34 | 6 }  // absent
            tokens += tokens.prefix(400)  // repeats, past 255 per block
            var payloads = [UInt32](repeating: 0, count: tokens.count)
            var hits = LanguageHits()
            tokens.withUnsafeBufferPointer { t in
                payloads.withUnsafeMutableBufferPointer { p in
                    guard let keys = t.baseAddress, let out = p.baseAddress else { return }
                    hits.lookUp(keys, count: t.count, in: table, into: out, stoplists: stoplists)
                }
            }
            var naive = LanguageHits()
            for (index, token) in tokens.enumerated() {
                #expect(payloads[index] == table.payload(token))
                naive.add(table.payload(token) & ~TokenTable.patternFlag)
            }
            #expect(hits.totals(count: 31) == naive.totals(count: 31), "\(stoplists)")
        }
    }

    @Test func repeatedLinesFindsDuplicatesOnly() {
        func info(_ fingerprint: UInt64, words: Int) -> DocumentAnalysis.LineInfo {
            var shape = LineShape()
            shape.words = words
            shape.fingerprint = fingerprint
            return DocumentAnalysis.LineInfo(shape: shape)
        }
        let lines = [info(5, words: 20), info(9, words: 20), info(5, words: 30), info(9, words: 3), info(1, words: 15)]
        let repeats = RepeatedLines(lines, minWords: 12)
        #expect(repeats.occursMoreThanOnce(5))
        #expect(!repeats.occursMoreThanOnce(9))  // the second one is too short to count
        #expect(!repeats.occursMoreThanOnce(1))
        #expect(!repeats.occursMoreThanOnce(7))
        // The search against a count, on random sizes and values (duplicates likely).
        var g = Generator(state: 23)
        for size in 0..<40 {
            let values = (0..<size).map { _ in UInt64(g.next(12)) * 3 }
            let lines = values.map { info($0, words: 20) }
            let search = RepeatedLines(lines, minWords: 12)
            for probe in UInt64(0)..<40 {
                #expect(search.occursMoreThanOnce(probe) == (values.filter { $0 == probe }.count > 1), "\(values) \(probe)")
            }
        }
    }

    @Test func outputStringsAreBuiltFromValidUTF8() throws {
        let cleaner = Cleaner(patterns: try PatternSet.loadDefault())
        var g = Generator(state: 5)
        let alphabet = ["Word ", "é", "中", "😀", "<p>", "</p>", "&amp;", "&#8217;", "\n", "  ", "Read more\n", "\u{0301}", "|"]
        for _ in 0..<200 {
            let text = g.string(from: alphabet, length: g.next(80))
            let result = cleaner.clean(text, source: "fuzz")
            // Round-tripping through bytes would repair invalid UTF-8; equality shows there was none.
            #expect(String(decoding: Array(result.text.utf8), as: UTF8.self) == result.text)
            for line in result.removed {
                #expect(String(decoding: Array(line.text.utf8), as: UTF8.self) == line.text)
            }
        }
    }
}
