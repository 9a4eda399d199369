import Testing

@testable import Cleaning

/// The tokenizer's 64-byte plain-window path: the vector test against its byte-by-byte
/// reference, and whole lines — long, mostly plain, with the odd byte that sends a window to
/// the careful path, at every offset from the bitmap's 64-byte words — against the per-scalar
/// rules alone.
struct PlainWindowTests {
    struct Generator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
    }

    /// Every byte value at every lane of a plain block, and random blocks of bytes near the
    /// test's edges.
    @Test func vectorTestEqualsBytewiseTest() {
        var blocks: [[UInt8]] = []
        for value in 0...255 {
            for lane in 0..<64 {
                var block = [UInt8](repeating: 0x61, count: 64)
                block[lane] = UInt8(value)
                blocks.append(block)
            }
        }
        var g = Generator(state: 7)
        let interesting: [UInt8] = [0x20, 0x61, 0x41, 0x30, 0x27, 0x2F, 0x2E, 0x7C, 0x3E, 0x3C, 0x7E, 0x7D, 0x3F, 0x26,
                                    0x0A, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xDF, 0xE2, 0xFF]
        for _ in 0..<4000 {
            blocks.append((0..<64).map { _ in g.next(40) == 0 ? interesting[g.next(interesting.count)] : 0x61 })
        }
        for block in blocks {
            block.withUnsafeBufferPointer { p in
                guard let base = p.baseAddress else { return }
                #expect(PlainWindow.isPlain(base) == PlainWindow.isPlainByBytes(base), "\(block)")
            }
        }
    }

    /// The test on a line's last bytes (`count` < 64) looks at those bytes only: a flagged byte
    /// at every position inside and just past them.
    @Test func prefixTestLooksAtItsBytesOnly() {
        for flagged: UInt8 in [0x27, 0x7C, 0xC2, 0xE2, 0x2F] {
            for count in 1...64 {
                for position in 0..<64 {
                    var block = [UInt8](repeating: 0x61, count: 128)
                    block[position] = flagged
                    block.withUnsafeBufferPointer { p in
                        guard let base = p.baseAddress else { return }
                        #expect(PlainWindow.isPlain(base, count: count) == (position >= count), "\(flagged) \(count) \(position)")
                    }
                }
            }
        }
    }

    /// Long lines of plain words with, now and then, a word or byte the careful path must take:
    /// accented Latin (two-byte letters that stay on the plain path, some split by the 64-byte
    /// edge), other scripts, curly quotes and dashes (three-byte sequences), apostrophes, list
    /// separators, × inside a word, words of 63 to 70 bytes. The line starts at every offset
    /// 0...63 from the bitmap's words, so every sequence meets every window edge.
    @Test func longLinesMatchThePerScalarRules() {
        var g = Generator(state: 2026)
        let plain = ["the", "a", "Council", "voted", "on", "Tuesday", "2024", "x", "internationalisation", "tram",
                     "IS", "ok", "7", "de", "gemeenteraad", "abcdefgh", "abcdefghi", ",", ".", ";", "-", "(", ")"]
        let rare = ["café", "Ökonomie", "straße", "ŁÓDŹ", "żółć", "Москва", "Αθήνα", "中文", "“quoted”", "—", "–", "don't",
                    "l’homme", "'", "|", " / ", "/", " > ", ">", "3×4", "a÷b", "«", "»", "·", "😀", "é", "ß",
                    String(repeating: "w", count: 63), String(repeating: "q", count: 64), String(repeating: "Z9", count: 35),
                    "é" + String(repeating: "x", count: 61), "\u{00A0}", "ĸ", "ŉ", "ſ"]
        var checked = 0
        for round in 0..<1500 {
            var line = ""
            let words = 20 + g.next(120)
            for k in 0..<words {
                let word = g.next(12) == 0 ? rare[g.next(rare.count)] : plain[g.next(plain.count)]
                line += k == 0 ? word : (g.next(6) == 0 ? "  " : " ") + word
            }
            line = line.trimmingCharacters(in: .whitespaces)
            guard !line.isEmpty else { continue }
            let prefix = String(repeating: "p", count: round % 64) + "\n"
            let buffer = prefix + line + (round % 3 == 0 ? "\n" : "\ntrailing text, long enough for the loads past the line\n")
            let start = prefix.utf8.count
            let end = start + line.utf8.count
            #expect(AnalyzedLine(buffer, start: start, end: end, bitmap: true) == AnalyzedLine(buffer, start: start, end: end, bitmap: false),
                    "\(line.debugDescription)")
            checked += 1
        }
        #expect(checked > 1400)
    }

    /// Multi-byte sequences placed so that they straddle each 16- and 64-byte edge: a plain
    /// line of single letters with one sequence moved across the edges, byte by byte.
    @Test func sequencesStraddlingEdgesMatchThePerScalarRules() {
        let sequences = ["é", "ß", "Ł", "×", "Ж", "’", "—", "中", "😀", "«", "\u{0301}", "e\u{0301}"]
        for sequence in sequences {
            for position in 0..<140 {
                var line = ""
                while line.utf8.count < position { line += line.utf8.count % 5 == 4 ? " " : "k" }
                line += sequence
                while line.utf8.count < 200 { line += line.utf8.count % 7 == 6 ? " " : "m" }
                let buffer = "\n" + line + "\n"
                let end = 1 + line.utf8.count
                #expect(AnalyzedLine(buffer, start: 1, end: end, bitmap: true) == AnalyzedLine(buffer, start: 1, end: end, bitmap: false),
                        "\(sequence) at \(position)")
            }
        }
    }
}

/// The line-end test's ASCII shortcut against the walk over UTF-8 sequences.
struct LineEndTests {
    @Test func asciiShortcutEqualsTheWalk() {
        let pieces = ["a", ".", " ", "!", "\"", ")", "é", "…", "»", "中", ":", "?", "'", "’", "x", "9"]
        var state: UInt64 = 0x1234_5678
        for _ in 0..<3000 {
            var line = ""
            for _ in 0..<(1 + Int(state % 6)) {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                line += pieces[Int(state >> 33) % pieces.count]
            }
            var copy = "x\n" + line + "\n"
            copy.withUTF8 { p in
                let end = p.count - 1
                #expect(LineAnalyzer.lastTwoScalars(p, start: 2, end: end) == LineAnalyzer.lastTwoScalarsWalking(p, start: 2, end: end),
                        "\(line.debugDescription)")
            }
        }
    }
}

/// The NFC scan's 64-byte test (signed lane compares) against a byte-by-byte test: every byte
/// value at every lane.
struct LeadBytesTests {
    @Test func sixtyFourByteTestEqualsBytewise() {
        for value in 0...255 {
            for lane in 0..<64 {
                var block = [UInt8](repeating: 0x61, count: 64)
                block[lane] = UInt8(value)
                block.withUnsafeBytes { p in
                    guard let base = p.baseAddress else { return }
                    #expect(LeadBytes16.noneFrom0xCC64(base) == (value < 0xCC), "\(value) at \(lane)")
                }
            }
        }
    }
}
