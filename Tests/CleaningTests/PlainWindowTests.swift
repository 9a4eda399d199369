import Testing

@testable import Cleaning

/// The tokenizer's plain path: the word and flag bits against their byte-by-byte references,
/// and whole lines — long, mostly plain, with the odd byte that sends a window to
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

    /// The word, flag and non-ASCII bits of a 16-byte chunk (SSE2 on x86-64, and the portable lanes)
    /// against the byte-by-byte predicates: every byte value at every lane of a plain chunk,
    /// and random chunks of bytes near the tests' edges; the 64-byte block puts its chunks in
    /// place.
    @Test func chunkBitsEqualTheBytewisePredicates() {
        var blocks: [[UInt8]] = []
        for value in 0...255 {
            for lane in 0..<16 {
                var block = [UInt8](repeating: 0x61, count: 16)
                block[lane] = UInt8(value)
                blocks.append(block)
                var spaced = [UInt8](repeating: 0x20, count: 16)
                spaced[lane] = UInt8(value)
                blocks.append(spaced)
            }
        }
        var g = Generator(state: 7)
        let interesting: [UInt8] = [0x20, 0x61, 0x41, 0x30, 0x27, 0x2F, 0x2E, 0x7C, 0x3E, 0x3C, 0x7E, 0x7D, 0x3F, 0x26,
                                    0x0A, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xDF, 0xE2, 0xFF, 0x5A, 0x7A]
        for _ in 0..<8000 {
            blocks.append((0..<16).map { _ in g.next(3) == 0 ? interesting[g.next(interesting.count)] : UInt8(g.next(256)) })
        }
        // Word bits, flag bits, special bits (flagged ASCII bytes and every byte from 0x80).
        func expected(_ block: [UInt8]) -> (UInt16, UInt16, UInt16) {
            var words: UInt16 = 0
            var flags: UInt16 = 0
            var special: UInt16 = 0
            for (k, b) in block.enumerated() {
                if WordBitmap.isWordByte(b) { words |= 1 << k }
                if PlainWindow.isFlagged(b) { flags |= 1 << k }
                if b >= 0x80 || PlainWindow.isFlagged(b) { special |= 1 << k }
            }
            return (words, flags, special)
        }
        for block in blocks {
            block.withUnsafeBytes { p in
                guard let base = p.baseAddress else { return }
                let want = expected(block)
                let got = ByteClasses.chunk(base)
                // C0 and C1 never occur in UTF-8: the SSE2 form may answer anything for them.
                let valid = ~Self.invalidLanes(block)
                #expect(got.words & valid == want.0 & valid && got.special & ~got.words & valid == want.1 & valid, "\(block)")
                #expect(got.special & valid == want.2 & valid, "\(block)")
                let portable = ByteClasses.chunkPortable(base)
                #expect(portable.words == want.0 && portable.special & ~portable.words == want.1 && portable.special == want.2, "\(block)")
            }
        }
        for start in stride(from: 0, to: blocks.count - 4, by: 97) {
            let block = Array(blocks[start..<(start + 4)].joined())
            block.withUnsafeBytes { p in
                guard let base = p.baseAddress else { return }
                let (words, special) = ByteClasses.block(base)
                for k in 0..<4 {
                    let chunk = Array(block[(16 * k)..<(16 * k + 16)])
                    let want = expected(chunk)
                    let valid = ~Self.invalidLanes(chunk)
                    #expect(UInt16(truncatingIfNeeded: words >> UInt64(16 * k)) & valid == want.0 & valid)
                    #expect(UInt16(truncatingIfNeeded: (special & ~words) >> UInt64(16 * k)) & valid == want.1 & valid)
                    #expect(UInt16(truncatingIfNeeded: special >> UInt64(16 * k)) & valid == want.2 & valid)
                }
            }
        }
    }

    /// Lanes holding C0 or C1, bytes no UTF-8 text has.
    static func invalidLanes(_ chunk: [UInt8]) -> UInt16 {
        var lanes: UInt16 = 0
        for (k, b) in chunk.enumerated() where b == 0xC0 || b == 0xC1 { lanes |= 1 << k }
        return lanes
    }

    /// The flag bits the tokenizer reads for a line's last bytes are those bytes' only, at
    /// every offset from the bitmap's words: a flagged byte at every position inside and just
    /// past a short line keeps the line's tokens equal to the per-scalar rules'.
    @Test func flaggedBytesAtEveryPositionOfAShortLine() {
        for flagged in ["'", "|", "\u{00A0}", "’", "/"] {
            for length in 1...70 {
                for position in stride(from: 0, through: length + 1, by: 3) {
                    var line = ""
                    while line.utf8.count < length { line += line.utf8.count % 4 == 3 ? " " : "b" }
                    var buffer = "\n" + line + "\n" + "cc dd ee ff gg hh ii jj kk ll mm nn oo pp qq rr ss tt uu vv ww xx\n"
                    var bytes = Array(buffer.utf8)
                    let insertAt = 1 + min(position, bytes.count - 2)
                    bytes.replaceSubrange(insertAt..<insertAt, with: Array(flagged.utf8))
                    buffer = String(decoding: bytes, as: UTF8.self)
                    let end = 1 + length + (position <= length ? flagged.utf8.count : 0)
                    #expect(AnalyzedLine(buffer, start: 1, end: end, bitmap: true) == AnalyzedLine(buffer, start: 1, end: end, bitmap: false),
                            "\(flagged) \(length) \(position)")
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

/// The flagged bytes the window path settles itself (`settleFlags`): apostrophes between two
/// ASCII letters or digits, and separator punctuation from E2 80 and C2; the others stay
/// flagged for the careful path.
struct SettledFlagTests {
    /// The first byte of each flagged sequence of a 64-byte window (offsets in `text`): those
    /// settled and those kept. Settled apostrophes become word bytes; settled sequences lose
    /// their word and non-ASCII bits.
    private func settle(_ text: String, at offset: Int) -> (settled: [Int], kept: [Int]) {
        var bytes = [UInt8](repeating: 0x20, count: offset) + Array(text.utf8)
        bytes += [UInt8](repeating: 0x20, count: max(0, 64 - bytes.count)) + [UInt8](repeating: 0, count: 80)
        return bytes.withUnsafeBufferPointer { p -> ([Int], [Int]) in
            guard let base = p.baseAddress else { return ([], []) }
            let (words, special) = ByteClasses.block(UnsafeRawPointer(base))
            let flags = special & ~words
            var m = words
            var f = flags
            var h = special
            LineAnalyzer.settleFlags(base, words: &m, flags: &f, high: &h)
            var settled: [Int] = []
            var kept: [Int] = []
            for k in 0..<64 where flags & (1 << UInt64(k)) != 0 {
                if f & (1 << UInt64(k)) != 0 {
                    kept.append(k - offset)
                    continue
                }
                settled.append(k - offset)
                if bytes[k] == 0x27 {
                    #expect(m & (1 << UInt64(k)) != 0)
                } else {
                    let length = bytes[k] == 0xE2 ? 3 : 2
                    let bits: UInt64 = ((1 << UInt64(length)) - 1) << UInt64(k)
                    #expect(m & bits == 0 && h & bits == 0)
                }
            }
            #expect(f & ~flags == 0 && h & ~special == 0)
            return (settled, kept)
        }
    }

    @Test func settlesOnlyWhatTheRulesWouldSkipOrJoin() {
        #expect(settle("don't", at: 3) == ([3], []))
        #expect(settle("rock'n'roll 12'5", at: 0) == ([4, 6, 14], []))
        #expect(settle("'quoted' dogs' ''a a''b", at: 1) == ([], [0, 7, 13, 15, 16, 20, 21]))
        // Byte offsets: non-ASCII neighbours keep the apostrophe flagged.
        #expect(settle("l'été é'x Ж'x", at: 0) == ([], [1, 10, 13, 15]))
        #expect(settle("'t", at: 0) == ([], [0]))
        #expect(settle("x'y", at: 62) == ([], [1]))
        #expect(settle("x'y", at: 61) == ([1], []))
        // “a” – b — c … „d‘ are separators; ’ • › stay flagged.
        #expect(settle("“a” – b — c … „d‘", at: 0) == ([0, 4, 8, 14, 20, 24, 28], []))
        #expect(settle("x’y • z › w ‹", at: 0) == ([18], [1, 6, 12]))
        // « © ° £ and the no-break space are separators; · » and the C2 letters stay flagged.
        #expect(settle("«a» ©1 ° £ \u{00A0}", at: 2) == ([0, 6, 10, 13, 16], [3]))
        #expect(settle("· ª ² ³ µ ¹ º ¼ ½ ¾", at: 0) == ([], [0, 3, 6, 9, 12, 15, 18, 21, 24, 27]))
        // A sequence must end inside the window.
        #expect(settle("“", at: 61) == ([0], []))
        #expect(settle("“", at: 62) == ([], [0]))
        #expect(settle("«", at: 62) == ([0], []))
        #expect(settle("«", at: 63) == ([], [0]))
    }

    /// Settled and kept flagged bytes in context, at every offset from the 64-byte windows: the
    /// tokens, counts and fingerprint equal the per-scalar rules'.
    @Test func settledBytesAtEveryOffsetMatchThePerScalarRules() {
        let contexts = ["don't", "l'homme", "dell'anno", "12'5", "rock'n'roll", "'quoted'", "dogs'", "a''b", "l'été",
                        "é'x", "x'é", "Ж'x", "x'Ж", "x'’y", "x'|y", "x'/y", "it's", "O'Neil", "x' y", "x 'y", "Q'9",
                        "“quoted”", "x–y", "x — y", "wait…", "„Zitat“", "‘single’", "x’s", "a • b", "a › b", "‹a›",
                        "«guillemets»", "a » b", "a · b", "©2024", "20°C", "£5", "x\u{00A0}y", "ªb", "x²", "µm", "½x",
                        "“été”", "é–é", "x'“y", "“'x", "Ж“x", "\u{2009}x\u{200B}y"]
        for context in contexts {
            for offset in 0..<70 {
                var line = ""
                while line.utf8.count < offset { line += line.utf8.count % 6 == 5 ? " " : "w" }
                line += (line.isEmpty ? "" : " ") + context + " tail " + context + "s"
                let buffer = "\n" + line + "\nnext line of text for the loads past the end\n"
                let end = 1 + line.utf8.count
                #expect(AnalyzedLine(buffer, start: 1, end: end, bitmap: true) == AnalyzedLine(buffer, start: 1, end: end, bitmap: false),
                        "\(context) at \(offset)")
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
                    #expect(LeadBytes16.noneFrom0xCC64Portable(base) == (value < 0xCC), "\(value) at \(lane)")
                }
            }
        }
    }
}
