import Foundation
import Testing
@testable import Tagging

/// The window scan (`Tokenizer+Windows.swift`) must give the per-token rules' tokens (`ruleScan`),
/// every field of every token and the lower-cased text, in both possessive modes: around the
/// 64-byte window edges, at the text's end, and for everything it hands to the rules.
@Suite struct WindowScanTests {
    static func expectWindowsMatchRules(_ text: String, _ comment: Comment? = nil) throws {
        let vocab = try #require(sharedTagger).data.vocabulary
        for split in [false, true] {
            let windows = Tokenizer.tokenize(text, vocabulary: vocab, splitPossessives: split)
            let rules = Tokenizer.tokenize(text, vocabulary: vocab, splitPossessives: split, windows: false)
            #expect(windows.tokens.count == rules.tokens.count, comment)
            expectSameTokens(windows, rules)
        }
    }

    /// Pieces that exercise each exit of the window scan: plain words, capitals, numbers, joiners
    /// that join and do not, non-ASCII letters, spaces and punctuation, possessives, ",,".
    static let pieces: [String] = [
        "word", "Word", "WORD", "W", "a", "NATO's", "Putin’s", "1990's", "CD&V", "rock'n'roll", "l'Oréal",
        "300.000", "3,5", "1.5x", "A.B.", "x-y", "-", "'", "&", ".", ",", ",,", ";", "!", "?", "(", ")", "\"",
        "café", "ÉLYSÉE", "İstanbul", "straße", "Ελλάδα", "“", "”", "—", "…", "«", "»", "\u{00A0}", "\u{2009}",
        " ", " ", " ", "  ", "\n", "\r\n", "\t", "\n\n", "12", "2026", "abcdefghijklmnop", "Abcdefghijklmno",
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJ", "x1y2", "9th", "e-mail",
        // Latin-1 letters and joiners the window scan takes itself, and their neighbours it does not.
        "Émile", "ÉCOLE", "naïve", "ÀÉÎÕÜ", "àéîõüÿ", "×", "a×b", "÷", "1é", "1é.5", "São-Paulo", "d'État", "Noord-Holland",
        "3-4", "3-4.5", "x-", "é-", "-é", "ÀB", "Ÿ", "ß", "ẞ", "Łódź", "ñ", "Ñandú", "a&b", "rock'n'roll", "'t", "x'", "A-B-C",
        "\u{C3}", "é\u{80}", "Ã©", "ÉÉÉÉÉÉÉÉ", "été-ÉTÉ", "1-2-3", "a.b.c", "x’s", "É’", "ça", "Ça", "ÇA",
        // Latin Extended-A (leads 0xC4, 0xC5): the table fold, and U+0130 (longer lower case) left to the rules.
        "ŁÓDŹ", "Ą", "ĄĘ", "żółć", "Żółć", "İstanbul", "Ŀa", "ŉ", "ſ", "Ÿx", "ĸ", "Kraków-Łódź", "1ł", "ǅ", "Ő", "Šťastný",
        // Numbers with separators, and words that start as one.
        "1.234.567,89", "12.30u", "3.5a.6", "v1.2", "1..2", "1.", ".5", "2,", "1,2,3", "1.2-3.4", "10.000-tal", "3.000,-",
        "1.5é.6", "2.5-a.7", "9,99€", "1.2.3.4.5.6.7.8", "0,5'", "12.000’s", "1.000x",
    ]

    @Test func wordsAcrossTheWindowEdge() throws {
        // Every start offset around the first two window edges and the tail's switch to the padded copy.
        for offset in 0..<150 {
            let lead = String(repeating: "a ", count: offset / 2) + String(repeating: "b", count: offset % 2)
            for word in ["Grenzüberschreitend", "Capitalised", "ALLCAPS", "1234567", "CD&V-voorzitter", "300.000,5",
                         "abcdefghijklmnopqr", "café", "Germany's", "x", ",,y", "a.b", "end-", "12,", "’s", "1.234.567",
                         "3,5a.6"] {
                try Self.expectWindowsMatchRules(lead + " " + word + " tail. Next", "\(offset) \(word)")
                try Self.expectWindowsMatchRules(lead + word, "end \(offset) \(word)")
                try Self.expectWindowsMatchRules(lead + "\n" + word + ".", "line \(offset) \(word)")
            }
        }
    }

    @Test func longWordsAndRuns() throws {
        for length in [15, 16, 17, 62, 63, 64, 65, 79, 80, 81, 127, 128, 200] {
            let word = String(repeating: "Ab", count: length / 2) + (length % 2 == 1 ? "C" : "")
            try Self.expectWindowsMatchRules(word, "\(length)")
            try Self.expectWindowsMatchRules("x " + word + " y", "\(length)")
            try Self.expectWindowsMatchRules(String(repeating: " ", count: length) + word.uppercased() + "-" + word, "\(length)")
            try Self.expectWindowsMatchRules(String(repeating: "9", count: length) + ".5 " + String(repeating: "\n", count: length))
        }
    }

    @Test func piecesInDeterministicRandomTexts() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        for _ in 0..<400 {
            var text = ""
            for _ in 0..<(1 + next(90)) {
                text += Self.pieces[next(Self.pieces.count)]
                if next(3) > 0 { text += " " }
            }
            try Self.expectWindowsMatchRules(text, "\(text.debugDescription)")
        }
    }

    /// Raw bytes, valid UTF-8 or not (a lead without its continuation, a stray continuation, a
    /// three-byte sequence cut by the text's end): the same tokens, and no read past the text.
    @Test func arbitraryBytes() throws {
        let vocab = try #require(sharedTagger).data.vocabulary
        let alphabet: [UInt8] = [0x20, 0x0A, 0x09, 0x41, 0x5A, 0x61, 0x7A, 0x30, 0x39, 0x2D, 0x27, 0x26, 0x2E, 0x2C, 0x22, 0x3B,
                                 0xC3, 0xA9, 0x89, 0xC4, 0x85, 0xC5, 0x81, 0xB8, 0xC2, 0xA0, 0xE2, 0x80, 0x99, 0x9D, 0x93, 0xFF, 0x00]
        var state: UInt64 = 0x0123_4567_89AB_CDEF
        for round in 0..<3000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = Int((state >> 33) % 200)
            var bytes = [UInt8](repeating: 0, count: count)
            for k in 0..<count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes[k] = alphabet[Int((state >> 33) % UInt64(alphabet.count))]
            }
            for split in [false, true] {
                var lowerW: [UInt8] = [], lowerR: [UInt8] = []
                let (w, r) = bytes.withUnsafeBufferPointer { b in
                    (Tokenizer.tokenize(bytes: b, lower: &lowerW, vocabulary: vocab, splitPossessives: split),
                     Tokenizer.tokenize(bytes: b, lower: &lowerR, vocabulary: vocab, splitPossessives: split, windows: false))
                }
                #expect(w.count == r.count, "round \(round)")
                expectSameTokens(TokenizedText(bytes: bytes, lower: lowerW, tokens: w), TokenizedText(bytes: bytes, lower: lowerR, tokens: r))
            }
        }
    }

    @Test func seedArticleAndFastPathSamples() throws {
        let article = try fixture("seed-nl-poetin.txt")
        try Self.expectWindowsMatchRules(article)
        // Every cut of the article's start: each token meets the text's end once.
        for cut in stride(from: 1, through: min(400, article.utf8.count), by: 1) {
            let prefix = String(decoding: Array(article.utf8.prefix(cut)), as: UTF8.self)
            try Self.expectWindowsMatchRules(prefix)
        }
        for sample in FastPathTests.samples { try Self.expectWindowsMatchRules(sample) }
    }

    /// Every two-byte letter U+00C0...U+017F, alone, first and inside a word, as the rules fold it.
    @Test func everyLatinLetter() throws {
        for v in 0xC0...0x17F {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let c = String(Character(scalar))
            try Self.expectWindowsMatchRules("\(c) A\(c) \(c)b x\(c)\(c)y \(c)\(c)\(c)\(c)\(c)\(c)\(c) 1\(c)", "U+\(String(v, radix: 16))")
        }
    }

    /// The SSE2 masks equal the portable SIMD ones, for every byte value at every lane and for
    /// texts cut short by `valid`.
    /// The window scan hashes words from chunks masked by `ByteHash.shortMasks`: the same hash as
    /// `hashShort` and as `hash` over the word's bytes, for every length it takes (0...15).
    @Test func maskedShortHashes() {
        var g = SystemRandomNumberGenerator()
        for count in 0..<16 {
            for _ in 0..<50 {
                let c0 = UInt64.random(in: 0...UInt64.max, using: &g), c1 = UInt64.random(in: 0...UInt64.max, using: &g)
                let masks = ByteTableStorage.shared.shortMasks
                let bytes = (0..<count).map { UInt8(truncatingIfNeeded: ($0 < 8 ? c0 : c1) >> UInt64(($0 & 7) * 8)) }
                let masked = ByteHash.hashMasked(c0 & masks[2 * count], c1 & masks[2 * count + 1], count)
                #expect(masked == ByteHash.hashShort(c0, c1, count))
                #expect(masked == ByteHash.hash(bytes))
            }
        }
    }

    @Test func byteWindowMatchesPortable() {
        var bytes = [UInt8](repeating: 0x20, count: 64)
        for value in 0..<256 {
            for lane in stride(from: 0, to: 64, by: 7) {
                bytes[lane] = UInt8(value)
                expectSameMasks(bytes, valid: ~0)
                expectSameMasks(bytes, valid: (1 << UInt64(lane)) - 1)
                bytes[lane] = 0x20
            }
        }
        // The masks themselves, against the byte classes of the per-token rules.
        for first in 0..<4 {
            expectMasksMatchByteClasses((0..<64).map { UInt8($0 * 4 + first) })
        }
    }

    func expectMasksMatchByteClasses(_ all: [UInt8]) {
        all.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let w = ByteWindow(base, valid: ~0)
            for (k, c) in all.enumerated() {
                let cls = Tokenizer.byteClass[Int(c)]
                let bit = UInt64(1) << UInt64(k)
                #expect(((w.letter | w.digit) & bit != 0) == (cls & Tokenizer.ByteClass.word != 0 && c < 0x80))
                #expect((w.upper & bit != 0) == (cls & Tokenizer.ByteClass.upper != 0))
                #expect((w.digit & bit != 0) == (cls & Tokenizer.ByteClass.digit != 0))
                #expect((w.space & bit != 0) == (cls & Tokenizer.ByteClass.space != 0))
                #expect((w.high & bit != 0) == (c >= 0x80))
                #expect(((w.hyphen | w.otherJoiner) & bit != 0) == (cls & Tokenizer.ByteClass.joiner != 0))
                #expect((w.hyphen & bit != 0) == (c == 0x2D))
                #expect((w.numberJoiner & bit != 0) == (cls & Tokenizer.ByteClass.numberJoiner != 0))
                #expect((w.newline & bit != 0) == (c == 0x0A))
            }
        }
    }

    /// The per-word lower-casing (SSE2 on x86-64) equals the portable one on chunks of ASCII and
    /// Latin-1 bytes, and both equal the per-byte rule: +0x20 on A-Z and on 0x80...0x9E but 0x97 after 0xC3.
    @Test func loweredMatchesPortableAndRule() {
        let alphabet: [UInt8] = [0x40, 0x41, 0x5A, 0x5B, 0x61, 0x7A, 0xC3, 0xC3, 0x80, 0x97, 0x9E, 0x9F, 0xB7, 0xBF, 0xC0, 0x20, 0xC4, 0x2D]
        var state: UInt64 = 0x2545_F491_4F6C_DD1D
        for _ in 0..<5000 {
            var bytes = [UInt8](repeating: 0, count: 16)
            for k in 0..<16 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes[k] = alphabet[Int((state >> 33) % UInt64(alphabet.count))]
            }
            bytes.withUnsafeBufferPointer { b in
                guard let base = b.baseAddress else { return }
                let (a0, a1) = ByteWindow.lowered(base), (p0, p1) = ByteWindow.loweredPortable(base)
                #expect(a0 == p0 && a1 == p1)
                let (s0, s1) = ByteWindow.loweredASCII(base)
                #expect(bytes.contains(0xC3) || (s0 == a0 && s1 == a1))
                var expected = bytes
                for k in 0..<16 {
                    let c = bytes[k]
                    if (c >= 0x41 && c <= 0x5A) || (k > 0 && bytes[k - 1] == 0xC3 && c >= 0x80 && c <= 0x9E && c != 0x97) { expected[k] = c + 0x20 }
                }
                let got = withUnsafeBytes(of: (a0, a1)) { Array($0) }
                #expect(got == expected)
            }
        }
    }

    func expectSameMasks(_ bytes: [UInt8], valid: UInt64) {
        bytes.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            let a = ByteWindow(base, valid: valid), p = ByteWindow(portable: base, valid: valid)
            #expect(a.upper == p.upper && a.letter == p.letter && a.digit == p.digit && a.high == p.high)
            #expect(a.space == p.space && a.newline == p.newline && a.hyphen == p.hyphen && a.otherJoiner == p.otherJoiner)
            #expect(a.numberJoiner == p.numberJoiner && a.lead == p.lead && a.wideLead == p.wideLead && a.continuation == p.continuation)
            #expect(a.latinUpper == p.latinUpper && a.latinLower == p.latinLower)
        }
    }
}

/// The same comparison on real text when it is at hand (skipped otherwise): the evaluation's
/// sentences (ned.testa, ned.train as `TaggingEval` joins them: tokens by spaces, sentences by
/// line breaks) from `../shared` (or `ARTICLED_SHARED`), and the main repo's benchmark samples
/// (`Config/samples` at the repository root, or `ARTICLED_SAMPLES`).
@Suite struct WindowScanCorpusTests {
    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static func existing(_ env: String, _ fallback: URL) -> URL? {
        let candidates = [ProcessInfo.processInfo.environment[env].map { URL(fileURLWithPath: $0) }, fallback].compactMap { $0 }
        return candidates.first { FileManager.default.fileExists(atPath: $0.path) }
    }

    @Test func evaluationDocuments() throws {
        guard let shared = Self.existing("ARTICLED_SHARED", Self.repoRoot.appendingPathComponent("../shared").standardizedFileURL) else { return }
        for name in ["ned.testa", "ned.train"] {
            let url = shared.appendingPathComponent("eval-data/ner-nl/\(name)")
            guard let text = try? String(contentsOf: url, encoding: .utf8) else { continue }
            var doc = "", first = true
            var docs: [String] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                let cols = line.split(separator: " ")
                if cols.isEmpty {
                    first = true
                    continue
                }
                if cols[0] == "-DOCSTART-" {
                    if !doc.isEmpty { docs.append(doc) }
                    doc = ""
                    first = true
                    continue
                }
                if !doc.isEmpty { doc += first ? "\n" : " " }
                doc += cols[0]
                first = false
            }
            if !doc.isEmpty { docs.append(doc) }
            for d in docs { try WindowScanTests.expectWindowsMatchRules(d) }
        }
    }

    @Test func benchmarkSamples() throws {
        guard let dir = Self.existing("ARTICLED_SAMPLES", Self.repoRoot.appendingPathComponent("Config/samples")) else { return }
        for name in try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() {
            guard let text = try? String(contentsOf: dir.appendingPathComponent(name), encoding: .utf8) else { continue }
            try WindowScanTests.expectWindowsMatchRules(text, "\(name)")
            for line in text.split(separator: "\n") { try WindowScanTests.expectWindowsMatchRules(String(line), "\(name)") }
        }
    }
}
