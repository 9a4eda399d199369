import Testing
@testable import Dedupe

/// The fold-then-scan fast path must give exactly the scalar path's hashes: stored changelog entries
/// (text hash, MinHash buckets) written by earlier builds have to keep matching new articles.
@Suite struct FastPathEquivalenceTests {
    /// Pieces that exercise every branch: tokens of 1–20 bytes (word boundaries at every offset),
    /// digits, upper case, punctuation runs, non-ASCII letters mid-token and at token starts,
    /// combining marks, two-letter folds, CJK standalone characters, invalid UTF-8, NUL, controls.
    static let pieces: [[UInt8]] = [
        "a", "ab", "The", "quick", "Brown", "fox", "jumped", "over", "internationalisation", "ABCDEFGH",
        "abcdefgh", "abcdefghi", "1234567", "12345678", "2024-03-14", "x1y2z3", " ", "  ", ", ", ".\n\n",
        "--", "(", ")", "’", "„", "”", "Kiëv", "Straße", "café", "Cafe\u{301}", "ÉTÉ", "æble", "东京都",
        "Москва", "naïve", "Œuvre", "ł", "\u{200D}", "\u{AD}", "e\u{301}e", "😀", "@", "[", "`", "{", "~",
        "\u{7F}", "\u{1F}", "\u{0}", "\t",
    ].map { Array($0.utf8) } + [[0xC3, 0x28], [0xFF], [0xE2, 0x82], [0xF0, 0x9F], [0x80], [0xC3]]

    static func randomText(_ generator: inout SplitMix, pieces count: Int, asciiOnly: Bool) -> [UInt8] {
        var bytes: [UInt8] = []
        for _ in 0..<count {
            var piece = pieces[Int(generator.next() % UInt64(pieces.count))]
            while asciiOnly, piece.contains(where: { $0 >= 0x80 }) {
                piece = pieces[Int(generator.next() % UInt64(pieces.count))]
            }
            bytes += piece
            if generator.next() % 3 != 0 { bytes.append(0x20) }
        }
        return bytes
    }

    func sketches(_ bytes: [UInt8], configuration: DedupeConfiguration = DedupeConfiguration())
        -> (fast: TextSketch, scalar: TextSketch, reference: ReferenceFingerprinter.Result) {
        let fingerprinter = Fingerprinter(configuration: configuration)
        let (fast, scalar) = bytes.withUnsafeBufferPointer {
            (fingerprinter.textSketch($0), fingerprinter.textSketchScalarPath($0))
        }
        let reference = ReferenceFingerprinter(configuration: configuration).fingerprint(String(decoding: bytes, as: UTF8.self))
        return (fast, scalar, reference)
    }

    func expectSame(_ bytes: [UInt8], configuration: DedupeConfiguration = DedupeConfiguration()) {
        // The reference decodes a String, which repairs invalid UTF-8; compare on valid input only there.
        let (fast, scalar, reference) = sketches(bytes, configuration: configuration)
        #expect(fast == scalar, "\(bytes)")
        if String(validating: bytes, as: UTF8.self) != nil {
            #expect(fast.textHash == reference.textHash, "\(bytes)")
            #expect(fast.signature?.values == reference.signature, "\(bytes)")
            #expect(fast.shingleCount == reference.shingleCount && fast.tokenCount == reference.tokenCount, "\(bytes)")
        }
    }

    @Test func asciiTextMatchesTheReference() {
        var generator = SplitMix(seed: 11)
        for round in 0..<400 {
            expectSame(Self.randomText(&generator, pieces: 1 + round % 90, asciiOnly: true))
        }
    }

    @Test func mixedScriptsAndInvalidBytesMatchTheReference() {
        var generator = SplitMix(seed: 12)
        for round in 0..<600 {
            expectSame(Self.randomText(&generator, pieces: 1 + round % 120, asciiOnly: false))
        }
    }

    @Test func everyLengthAndOffsetNearTheEnd() {
        // Tokens ending exactly at, before and after eight-byte boundaries and at the buffer end.
        for prefix in 0..<10 {
            for length in 0..<26 {
                let token = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
                expectSame(Array(repeating: UInt8(ascii: " "), count: prefix) + token)
                expectSame(Array(repeating: UInt8(ascii: "x"), count: prefix) + [0x20] + token + Array("é".utf8))
                expectSame(token + Array("ß".utf8) + token)
            }
        }
    }

    @Test func tokensAcrossBlockBoundariesAndLongTokens() {
        // The folder works on 16-byte chunks and the block scanner on 64-byte blocks of folded
        // text with zeros around it: tokens ending at, before and after block ends, tokens of 64
        // bytes and more (hashed on their own), and non-ASCII bytes at every offset of a block.
        let filler = Array("ab cde fghi jk lmnopqr stu vwxyz0 12 3456789 ".utf8)
        for length in [1, 7, 8, 9, 15, 16, 17, 31, 63, 64, 65, 100, 130, 200] {
            let token = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            for prefix in stride(from: 0, to: 150, by: 7) {
                let head = Array((filler + filler + filler + filler).prefix(prefix))
                expectSame(head + token)
                expectSame(head + token + filler)
                expectSame(head + token + Array("é".utf8) + token + filler + filler)
            }
        }
        var base = filler + filler + filler + filler + filler
        for offset in 0..<base.count {
            var text = base
            text.insert(contentsOf: Array("ü".utf8), at: offset)
            expectSame(text)
            text = base
            text.insert(contentsOf: Array("—".utf8), at: offset)
            expectSame(text)
        }
        base = Array(String(repeating: "Zürich ", count: 40).utf8)
        expectSame(base)
    }

    /// A block of one-letter tokens can fill the sink's chunk exactly (32 tokens a block, 512 a
    /// chunk), which is then hashed only when the next block reserves room: a long token next must
    /// still reserve before it is written.
    @Test func aLongTokenAfterAFullChunk() {
        let long = Array(repeating: UInt8(ascii: "q"), count: 90)
        for tokens in [480, 496, 511, 512, 513, 1024, 1040] {
            let head = Array(String(repeating: "a ", count: tokens).utf8)
            expectSame(head + long)
            expectSame(head + long + Array(" b c".utf8))
            expectSame(head + Array("b ".utf8) + long + long)
        }
    }

    @Test func severalNonASCIIStretchesInOneBlock() {
        // Two non-ASCII scalars (a letter and a separator, or a letter and a letter) at every pair
        // of offsets within a block's reach, mid-token and between tokens: the folder goes back to
        // 16-byte chunks after each.
        let filler = Array("ab cde fghi jk lmnopqr stu vwxyz0 12 3456789 ".utf8)
        let base = filler + filler + filler
        for (first, second) in [("é", "“"), ("ü", "ß"), ("—", "ø"), ("\u{AD}", "é")] {
            for a in 0..<72 {
                for b in stride(from: a, to: min(a + 70, base.count), by: 3) {
                    var text = base
                    text.insert(contentsOf: Array(second.utf8), at: b)
                    text.insert(contentsOf: Array(first.utf8), at: a)
                    expectSame(text)
                }
            }
        }
    }

    @Test func everyTabledScalarBetweenLetters() {
        // Each scalar the fold tables cover (and a few they do not), in a token, at its start and
        // end, and alone: `TextFolder` writes `FoldEntry.foldedBytes`, the scalar path the entry.
        let values = Array(0x80..<0x250) + Array(0x2000..<0x2070) + [0x300, 0x301, 0x36F, 0x401, 0x3B1, 0x4E2D, 0x3042,
                                                                      0x1E9E, 0x212A, 0xFFFD, 0xFEFF, 0x1F600, 0x20000]
        for value in values {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let piece = Array(String(scalar).utf8)
            let word = Array("abcdefg".utf8)
            expectSame(word + piece + word + [0x20] + piece + word + [0x20] + word + piece + [0x20] + piece)
        }
    }

    @Test func foldedBytesAreNonzeroTokenBytes() {
        // A token is a run of nonzero folded bytes: a letter must write no zero, a separator one zero.
        for table in [FoldTable.folding, FoldTable.caseOnly] {
            for value in UInt32(0)..<0x250 {
                let entry = table.entry(value)
                let packed = table.foldedBytes(value)
                let count = Int(packed >> 56)
                let bytes = (0..<count).map { UInt8(truncatingIfNeeded: packed >> (8 * UInt64($0))) }
                switch entry.kind {
                case .letter: #expect(!bytes.isEmpty && !bytes.contains(0), "U+\(String(value, radix: 16))")
                case .separator: #expect(bytes == [0])
                case .ignore: #expect(bytes.isEmpty)
                case .standalone: #expect(bytes.count == 5 && bytes.first == 0 && bytes.last == 0)
                }
            }
        }
    }

    @Test func portableFoldingMatchesTheVectorOne() {
        var generator = SplitMix(seed: 14)
        for round in 0..<2000 {
            var block = [UInt8](repeating: 0, count: 64)
            for k in 0..<64 {
                let value = generator.next()
                // Mostly ASCII around the class edges, sometimes anything, sometimes zero.
                block[k] = round % 4 == 0 ? UInt8(truncatingIfNeeded: value) : UInt8(truncatingIfNeeded: value % 128)
                if round % 5 == 0, value % 3 == 0 { block[k] = 0 }
            }
            var portable = [UInt8](repeating: 0xAA, count: 16)
            var vector = [UInt8](repeating: 0x55, count: 16)
            let results: (UInt32, UInt32, UInt64, UInt64)? = block.withUnsafeBufferPointer { buffer in
                portable.withUnsafeMutableBufferPointer { p in
                    vector.withUnsafeMutableBufferPointer { v in
                        guard let base = buffer.baseAddress, let pb = p.baseAddress, let vb = v.baseAddress else { return nil }
                        return (TextFolder.foldChunkSWAR(base, into: pb), TextFolder.foldChunk(base, into: vb),
                                BlockScanner.nonZeroSWAR(base), BlockScanner.nonZero(base))
                    }
                }
            }
            guard let (portableHigh, vectorHigh, portableNonZero, vectorNonZero) = results else {
                Issue.record("no buffer")
                return
            }
            var expectedHigh: UInt32 = 0
            for k in 0..<16 where block[k] >= 0x80 { expectedHigh |= 1 << UInt32(k) }
            #expect(portableHigh == expectedHigh)
            #expect(vectorHigh == expectedHigh)
            // The folded bytes of ASCII bytes are the ones the scanner keeps.
            for k in 0..<16 where block[k] < 0x80 {
                #expect(portable[k] == TokenScanner.foldASCII(block[k]))
                #expect(vector[k] == TokenScanner.foldASCII(block[k]))
            }
            var expectedNonZero: UInt64 = 0
            for k in 0..<64 where block[k] != 0 { expectedNonZero |= 1 << UInt64(k) }
            #expect(portableNonZero == expectedNonZero)
            #expect(vectorNonZero == expectedNonZero)
        }
    }

    @Test func otherShingleSizesAndFoldingMatchTheReference() {
        var generator = SplitMix(seed: 13)
        for size in [1, 2, 3, 5, 9, 16] {
            var configuration = DedupeConfiguration()
            configuration.shingleSize = size
            configuration.minimumTokens = 1
            configuration.foldDiacritics = size % 2 == 0
            for round in 0..<40 {
                expectSame(Self.randomText(&generator, pieces: 1 + round * 3, asciiOnly: round % 2 == 0), configuration: configuration)
            }
        }
    }

    @Test func sampleArticlesMatchTheReference() throws {
        for name in ["000-seed-nl.txt", "000-seed-nl-cleaned.txt", "energy-a-en.txt", "energy-b-en.txt"] {
            expectSame(Array(try Fixtures.text(name).utf8))
        }
        for name in ["001-nl-gemeenteraad.json", "006-en-tech.json", "010-wire-a-en.json", "013-wire-d-en.json"] {
            expectSame(Array(try Fixtures.sample(name).text.utf8))
        }
    }
}

/// The version-2 hashes are cheap (one multiply per token and per shingle); the sketch must still
/// estimate Jaccard similarity as well as a random permutation would (standard error for 128
/// buckets ≈ √(J(1−J)/128) ≤ 0.045).
@Suite struct SketchAccuracyTests {
    @Test func estimatesTrackExactShingleJaccard() {
        let pairs = Self.sketchPairs()
        #expect(pairs.count == 60)
        var totalError = 0.0
        var worst = 0.0
        for pair in pairs {
            let error = abs(pair.a.jaccard(pair.b) - pair.exact)
            totalError += error
            worst = max(worst, error)
        }
        #expect(totalError / Double(pairs.count) < 0.04)
        #expect(worst < 0.15)
    }

    /// 60 pairs of 400-word texts with a growing share of words replaced (exact Jaccard from
    /// about 1 down to about 0): each pair's sketches and the exact shingle Jaccard.
    static func sketchPairs() -> [(a: MinHashSignature, b: MinHashSignature, exact: Double)] {
        var generator = SplitMix(seed: 21)
        let words = (0..<3000).map { n in "w\(n)" + String(repeating: "x", count: n % 7) }
        let normalizer = TextNormalizer()
        let fingerprinter = Fingerprinter()
        let count = 60
        var pairs: [(a: MinHashSignature, b: MinHashSignature, exact: Double)] = []
        for pair in 0..<count {
            let base = (0..<400).map { _ in words[Int(generator.next() % UInt64(words.count))] }
            var other = base
            for _ in 0..<(pair * 400 / count) { other[Int(generator.next() % 400)] = words[Int(generator.next() % UInt64(words.count))] }
            let a = base.joined(separator: " "), b = other.joined(separator: " ")
            let shinglesA = Set(normalizer.shingles(a, size: 4)), shinglesB = Set(normalizer.shingles(b, size: 4))
            let exact = Double(shinglesA.intersection(shinglesB).count) / Double(shinglesA.union(shinglesB).count)
            guard let sa = fingerprinter.fingerprint(id: "a", url: nil, text: a).signature,
                  let sb = fingerprinter.fingerprint(id: "b", url: nil, text: b).signature else { continue }
            pairs.append((sa, sb, exact))
        }
        return pairs
    }
}
