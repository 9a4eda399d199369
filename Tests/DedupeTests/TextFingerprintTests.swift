import Testing
@testable import Dedupe

@Suite struct TextFingerprintTests {
    @Test func tabledEntriesEqualTheirClassification() {
        // Latin and General Punctuation come from tables built at start; both must say what
        // `classify` says, for both foldings.
        for table in [FoldTable.folding, FoldTable.caseOnly] {
            for value in UInt32(0)..<0x2100 {
                #expect(table.entry(value) == FoldTable.classify(value, foldDiacritics: table.foldDiacritics), "U+\(String(value, radix: 16))")
            }
        }
    }

    @Test func tokensAreFoldedAndPunctuationDropped() {
        let normalizer = TextNormalizer()
        #expect(normalizer.normalize("  Poetin’s  „vernederende” EXPLOSIE, in Kiëv!\n\nStraße") == "poetin s vernederende explosie in kiev strasse")
        #expect(TextNormalizer(foldDiacritics: false).normalize("Kiëv ÉTÉ") == "kiëv été")
        // Decomposed and precomposed spellings give one token.
        #expect(normalizer.normalize("Cafe\u{301}") == normalizer.normalize("Café"))
        #expect(normalizer.tokens("東京都") == ["東", "京", "都"])
    }

    @Test func shinglesSlideOverWords() {
        let shingles = TextNormalizer().shingles("One two, three four five.", size: 3)
        #expect(shingles == ["one two three", "two three four", "three four five"])
        #expect(TextNormalizer().shingles("Just two", size: 4) == ["just two"])
    }

    @Test func exactHashIgnoresFormattingButNotWords() {
        let fingerprinter = Fingerprinter()
        let a = fingerprinter.fingerprint(id: "a", url: nil, text: "Hello,   World!\n\nSecond paragraph.")
        let b = fingerprinter.fingerprint(id: "b", url: nil, text: "hello world second PARAGRAPH")
        let c = fingerprinter.fingerprint(id: "c", url: nil, text: "hello world second paragraphs")
        #expect(a.textHash == b.textHash)
        #expect(a.textHash != c.textHash)
        #expect(fingerprinter.fingerprint(id: "e", url: nil, text: " ,.; ").textHash == nil)
    }

    @Test func hashesArePinnedAcrossProcesses() {
        // Golden values: a change here means stored state from older versions no longer matches.
        let fingerprint = Fingerprinter().fingerprint(id: "x", url: nil, text: IndexStateTests.story)
        #expect(fingerprint.textHash?.hex == Self.goldenTextHash)
        #expect(fingerprint.signature?.values.prefix(4).map { $0 } == Self.goldenSignaturePrefix)
    }

    /// Algorithm version 3 (`FingerprintHash`); version 2 gave 7d8f16ed… and [4198, 51415, 9176,
    /// 6329], version 1 b13dba77… and [51956, 57912, …].
    static let goldenTextHash = "45e6633defd20d7d96a0f3236ee9a00d"
    static let goldenSignaturePrefix: [UInt16] = [48289, 16291, 44568, 65428]

    @Test func shortTextsGetNoSketch() {
        let fingerprint = Fingerprinter().fingerprint(id: "s", url: nil, text: "Breaking: port strike ends")
        #expect(fingerprint.signature == nil)
        #expect(fingerprint.textHash != nil)
    }

    @Test func invalidAndOddInputDoesNotCrash() {
        let fingerprinter = Fingerprinter()
        for text in ["", "\u{0}", String(decoding: [0xC3, 0x28, 0xFF, 0xE2, 0x82], as: UTF8.self),
                     String(repeating: "ab ", count: 5000), String(repeating: "\u{301}", count: 100)] {
            _ = fingerprinter.fingerprint(id: "z", url: text, text: text)
        }
    }
}
