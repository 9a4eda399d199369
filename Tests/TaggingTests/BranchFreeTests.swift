import Foundation
import Testing
@testable import Tagging

/// The block-wise and branch-free paths must give exactly what their plain counterparts give.
@Suite struct BranchFreeTests {
    /// Deterministic pseudo-random bytes (splitmix64), biased towards ASCII letters so runs occur.
    static func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var z = seed
        var out: [UInt8] = []
        let alphabet = Array("abcXYZ09-.' éÉ\u{0130}".utf8)
        for _ in 0..<count {
            z = z &+ 0x9E37_79B9_7F4A_7C15
            var x = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
            x ^= x >> 31
            out.append(x % 4 == 0 ? UInt8(truncatingIfNeeded: x >> 8) : alphabet[Int((x >> 8) % UInt64(alphabet.count))])
        }
        return out
    }

    /// The definition, byte by byte: little-endian chunks, the last zero-padded and always absorbed.
    static func slowHash(_ b: [UInt8]) -> UInt64 {
        var h = ByteHash.seed
        var p = 0
        while b.count - p >= 8 {
            var c: UInt64 = 0
            for k in 0..<8 { c |= UInt64(b[p + k]) << UInt64(8 * k) }
            h = ByteHash.absorb(h, c)
            p += 8
        }
        var tail: UInt64 = 0
        for k in 0..<(b.count - p) { tail |= UInt64(b[p + k]) << UInt64(8 * k) }
        return ByteHash.finish(ByteHash.absorb(h, tail), b.count)
    }

    /// Words with Latin-1 letters (the two-byte fast path of `foldToken`) fold, classify and hash as
    /// the general scalar path does: every letter U+00C0...U+00FF, first, inside and after ASCII.
    @Test func latin1FastPathMatchesScalarFolding() {
        for v in UInt32(0xC0)...0xFF {
            guard let scalar = Unicode.Scalar(v) else { continue }
            let ch = String(Character(scalar))
            for word in [ch + "ab", "a" + ch + "b", "AB" + ch, ch + ch, "X" + ch + "y"] {
                let doc = Tokenizer.tokenize(word)
                #expect(doc.count == 1, "\(word)")
                guard doc.count == 1 else { continue }
                let t = doc.tokens[0]
                let lower = CaseFolding.lowercased(word)
                #expect(Array(doc.lower[t.lowerStart..<t.lowerEnd]) == lower, "\(word)")
                #expect(t.lowerHash == ByteHash.hash(lower), "\(word)")
                #expect(t.exactHash == ByteHash.hash(Array(word.utf8)), "\(word)")
                let first = word.unicodeScalars.first.map { CaseFolding.fold($0.value).isUpper } ?? false
                #expect(t.isCapitalized == first, "\(word)")
                let anyLower = word.unicodeScalars.contains { CaseFolding.fold($0.value).isLower }
                #expect(t.isAllCaps == (first && !anyLower), "\(word)")
                #expect(t.length == word.unicodeScalars.count, "\(word)")
            }
        }
    }

    /// `startsLowercase` answers what `first?.isLowercase` does: short and long, ASCII and not, a
    /// combining mark after the first letter, CR LF, empty.
    @Test func startsLowercaseMatchesFirstCharacter() {
        let samples = ["", "a", "A", "z", "1abc", "ministerie van Defensie", "Ministerie van Defensie",
                       "élan", "Élan", "a\u{301}bc", "A\u{301}", "\r\nabc", "\rx", "ßtraße", "ñandú",
                       "dit is een heel lange naam van meer dan vijftien bytes", "Ωmega", "ωmega", "北京"]
        for s in samples {
            #expect(Tagger.startsLowercase(s) == (s.first?.isLowercase ?? false), "\(s.debugDescription)")
        }
    }

    /// The precomputed keyword weights equal the formula for every Zipf field value, in and past the table.
    @Test func keywordWeightTableMatchesFormula() {
        for z in UInt32(0)..<2048 {
            let table = z < 1024 ? KeywordExtractor.weights[Int(z)] : KeywordExtractor.weightFormula(zipfField: z)
            #expect(table == KeywordExtractor.weightFormula(zipfField: z))
        }
        #expect(KeywordExtractor.weightFormula(zipfField: 0) == 5.5)
        #expect(KeywordExtractor.weightFormula(zipfField: 801) == 0.2)
    }

    /// The byte hash keeps equal-length words of up to 8 bytes apart, in full and in the high 32 bits
    /// the vocabulary matches on (every two- and three-letter lower-case word).
    @Test func shortWordsHashApart() {
        let letters = Array("abcdefghijklmnopqrstuvwxyz".utf8)
        var full = Set<UInt64>(), high = Set<UInt64>()
        var words = 0
        for a in letters {
            for b in letters {
                for c in [nil] + letters.map(Optional.some) {
                    let w = c.map { [a, b, $0] } ?? [a, b]
                    let h = ByteHash.hash(w)
                    full.insert(h)
                    high.insert(h >> 32)
                    words += 1
                }
            }
        }
        #expect(full.count == words)
        #expect(high.count == words)
    }

    @Test func hashReadsWithAndWithoutSlackAgree() {
        let buffer = Self.bytes(64, seed: 7)
        buffer.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            for start in 0..<12 {
                for end in start...min(b.count, start + 40) {
                    let expected = Self.slowHash(Array(buffer[start..<end]))
                    #expect(ByteHash.hash(base, start, end, readable: b.count) == expected)
                    #expect(ByteHash.hash(base, start, end, readable: end) == expected)
                    #expect(ByteHash.hash(UnsafeBufferPointer(rebasing: b[start..<end])) == expected)
                }
            }
        }
        #expect(ByteHash.hash("Poetin") == Self.slowHash(Array("Poetin".utf8)))
        #expect(ByteHash.hash("") == Self.slowHash([]))
    }

    @Test func asciiWordHashesAreTheHashesOfBothForms() {
        let text = Array("Ontwikkelings-SAMENWERKING en CD&V 300.000 l'Oréal abcDEFghIJKLmnopQRSTuvwxYZ".utf8)
        text.withUnsafeBufferPointer { b in
            guard let base = b.baseAddress else { return }
            for start in 0..<20 {
                for end in start...min(b.count, start + 30) {
                    let slice = Array(text[start..<end])
                    let lowered = slice.map { Tokenizer.lowerTable[Int($0)] }
                    for readable in [b.count, end] {
                        let (exact, lower) = ByteHash.hashASCIIWord(base, start, end, readable: readable)
                        #expect(exact == Self.slowHash(slice))
                        #expect(lower == Self.slowHash(lowered))
                    }
                }
            }
        }
    }

    @Test func hashSeparatesLengthsAndPadding() {
        #expect(ByteHash.hash([0x61]) != ByteHash.hash([0x61, 0]))
        #expect(ByteHash.hash([UInt8]()) != ByteHash.hash([0]))
        #expect(ByteHash.hash(Array("abcdefgh".utf8)) != ByteHash.hash(Array("abcdefgh\u{0}".utf8)))
    }

    @Test func asciiBlockMatchesBytewiseClassification() {
        var samples: [[UInt8]] = []
        for s in 0..<400 { samples.append(Self.bytes(8, seed: UInt64(s) &* 31 &+ 1)) }
        for c in 0..<256 {
            samples.append([UInt8](repeating: 0x61, count: 3) + [UInt8(c)] + [UInt8](repeating: 0x5A, count: 4))
        }
        samples.append(Array("abcdefgh".utf8))
        samples.append(Array("ABC123xy".utf8))
        samples.append(Array(" bcdefgh".utf8))
        for s in samples {
            var w: UInt64 = 0
            for k in 0..<8 { w |= UInt64(s[k]) << UInt64(8 * k) }
            let block = AsciiBlock(w)
            var run = 0
            var classes: UInt8 = 0
            while run < 8 {
                let cc = Tokenizer.byteClass[Int(s[run])]
                guard cc & (Tokenizer.ByteClass.word | Tokenizer.ByteClass.nonASCII) == Tokenizer.ByteClass.word else { break }
                classes |= cc & (Tokenizer.ByteClass.digit | Tokenizer.ByteClass.upper | Tokenizer.ByteClass.lower)
                run += 1
            }
            #expect(block.run == run, "\(s)")
            #expect(block.classes == classes, "\(s)")
            for k in 0..<8 {
                #expect(UInt8(truncatingIfNeeded: block.lowercased >> UInt64(8 * k)) == Tokenizer.lowerTable[Int(s[k])])
            }
        }
    }

    /// Long ASCII words (across 8-byte blocks), words ending at the text's end (no slack to read),
    /// and joiners right after a full block.
    static let tokenizerSamples: [String] = [
        "Ontwikkelingssamenwerking en staatssecretariaat Bundesverfassungsgericht ABCDEFGHIJKLMNOPQRSTUVWXYZ",
        "abcdefgh-ijklmnop 12345678.123 12345678,5 abcdefgh'ijkl ABCDEFGH&IJKL x",
        "eindeloos", "Achtachtachtacht", "a", "abcdefg", "abcdefgh", "abcdefghi",
        "Zevenletterwoordjeé MixedCASEwordsHERE café", "20221015 1234567890123456789012345",
        String(repeating: "Lang woord met veel letters, ", count: 20),
    ]

    @Test(arguments: tokenizerSamples)
    func tokenizerMatchesReferenceOnLongWords(_ text: String) throws {
        try expectTokenizerMatchesReference(text)
    }

    @Test func candidatesAreTheFilteredIndices() {
        for n in [0, 1, 7, 64, 300] {
            let list = Candidates.collect(n) { $0 % 3 == 1 || $0 % 7 == 0 }
            #expect(list.map(Int.init) == (0..<n).filter { $0 % 3 == 1 || $0 % 7 == 0 })
            var cursor = 0
            var visited: [Int] = []
            var i = 0
            list.withUnsafeBufferPointer { listed in
                while let k = Candidates.next(listed, &cursor, from: i) {
                    visited.append(k)
                    i = k + 2
                }
            }
            var expected: [Int] = []
            var j = 0
            for k in list.map(Int.init) where k >= j {
                expected.append(k)
                j = k + 2
            }
            #expect(visited == expected)
        }
    }

    @Test func branchFreeTableUpdatesMatchGetOrInsert() {
        let plain = HashSlots(maxKeys: 200)
        let fast = HashSlots(maxKeys: 200)
        let marked = HashSlots(maxKeys: 200)
        for k in 0..<400 {
            // Key 0 included (a valid key: emptiness is the slot's stamp).
            let key = k % 150 == 5 ? 0 : UInt64(k % 150) &* 0x9E37_79B9_7F4A_7C15
            let expected = plain.getOrInsert(key, Int32(k))
            let (value, isNew) = fast.upsert(key, Int32(k))
            #expect(isNew == (expected == nil))
            #expect(value == expected ?? Int32(k))
            marked.insertBranchless(key)
            let present = marked.contains(key)
            #expect(present)
        }
        let absent = marked.contains(0x1234_5678)
        #expect(!absent)
    }

    static let keywordTexts: [(String, String)] = [
        ("nl", "De gemeenteraad van Utrecht besprak dinsdag de woningbouw. De woningbouw in Utrecht loopt achter, "
            + "zei de wethouder. Nieuwe woningbouw moet sneller.\nDe gemeenteraad wil meer woningbouw in Utrecht."),
        ("en", "Flood defences failed in the north. Flood defences will be rebuilt, the minister said. "
            + "Flood defences cost money; the flood defences budget doubled."),
        // Runs of four and five content words, repeated, one broken by a line break (pairs and
        // triples in the early fifth and after it, and a triple ending where a pair does not).
        ("en", "Harbour crane operator strike talks resumed. Harbour crane operator strike talks stalled again "
            + "while harbour crane\noperator strike talks continued. Port officials expect harbour crane operator "
            + "wages to rise; crane operator strike talks end Friday."),
        ("pl", "Kraków otwiera nowy most. Nowy most w Krakowie kosztował miliony. Most ma 300 metrów."),
        ("xx", ""),
    ]

    /// `keywordTexts` and the seed article, tokenized, each with its language's lexicon.
    static func keywordDocuments() throws -> [(doc: TokenizedText, lex: LanguageLexicon)] {
        let tagger = try #require(sharedTagger)
        let seed = try fixture("seed-nl-poetin.txt")
        return (keywordTexts + [("nl", seed)]).map { language, text in
            (Tokenizer.tokenize(text, vocabulary: tagger.data.vocabulary), tagger.data.lexicon(language))
        }
    }

    @Test func keywordsMatchReference() throws {
        for (doc, lex) in try Self.keywordDocuments() {
            #expect(KeywordExtractor().extract(doc, lex: lex) == ReferenceKeywords.extract(doc, lex: lex))
            #expect(KeywordExtractor(maxKeywords: 3).extract(doc, lex: lex) == ReferenceKeywords.extract(doc, lex: lex, maxKeywords: 3))
        }
    }

    /// The extractor ranks a short list (twice the keywords wanted) and ranks every candidate again
    /// when the short list leaves keywords unchosen (phrases covering each other); the reference
    /// ranks four times the keywords wanted. Small limits make the second ranking common.
    @Test(arguments: [1, 2, 4, 6, 20])
    func keywordsMatchReferenceWhateverTheLimit(_ limit: Int) throws {
        for (doc, lex) in try Self.keywordDocuments() {
            #expect(KeywordExtractor(maxKeywords: limit).extract(doc, lex: lex)
                == ReferenceKeywords.extract(doc, lex: lex, maxKeywords: limit))
        }
    }
}

/// The tokenizer's one-byte hash table equals hashing the byte where the token's bytes lie
/// (zero-padded lower-cased copy), for every byte value.
@Suite struct ByteHashTableTests {
    @Test func oneByteHashesMatchHashing() {
        let table = ByteTableStorage.shared.byteHash
        #expect(table.count == 256)
        for c in 0..<256 {
            var padded = [UInt8](repeating: 0, count: 24)
            padded[3] = UInt8(c)
            let inPlace = padded.withUnsafeBufferPointer { b in
                b.baseAddress.map { ByteHash.hash($0, 3, 4, readable: b.count) } ?? 0
            }
            #expect(table[c] == inPlace)
            #expect(table[c] == ByteHash.hash([UInt8(c)]))
        }
    }

    /// Every ASCII punctuation token hashes as the literal it stands for (quote and opener lists are
    /// matched by these hashes).
    @Test func punctuationTokensHashAsTheirLiterals() {
        let text = ". , ; : ! ? ( ) [ ] \" ' - & / % + = ,, *"
        let doc = Tokenizer.tokenize(text)
        for i in 0..<doc.count {
            #expect(doc.tokens[i].exactHash == ByteHash.hash(doc.text(i)))
            #expect(doc.tokens[i].lowerHash == doc.tokens[i].exactHash)
        }
    }
}
