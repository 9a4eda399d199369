import Testing
@testable import Tagging

/// The tokenizer completes most ASCII words from one or two 8-byte blocks loaded at the word's start
/// (hashes taken from those registers); words that run past 16 bytes, continue at a joiner or a
/// non-ASCII byte, or start within 16 bytes of the text's end take the general loop. Every such
/// boundary must give the reference tokenizer's tokens.
@Suite struct WordBlockTests {
    static let followers = [" ", ".", "-x", "'s", ",5", ".5", "é", "’s", "\n", "&V", "Ä"]

    /// Words of 1...18 letters (mixed case and digits) before each follower, mid-text and at the end.
    static let texts: [String] = followers.flatMap { follower -> [String] in
        let words = (1...18).map { n in String((0..<n).map { k in Array("aBcDeFgH1jKlMnOpQ2sTuV")[k % 22] }) }
        let numbers = (1...18).map { n in String(repeating: "7", count: n) }
        let body = (words + numbers).map { $0 + follower }.joined(separator: " ")
        return [body + " tail of more than sixteen bytes", body]
    }

    @Test(arguments: texts)
    func blockPathMatchesReference(_ text: String) throws {
        try expectTokenizerMatchesReference(text)
    }

    /// Spacing before tokens (spaceBefore, newlineBefore, sentenceStart) is carried as pending bits
    /// and the one space after a word is taken with the word: every combination of separators
    /// before words and punctuation, at the start and the end of the text.
    static let spacing: [String] = [
        "  \n Start. Next  word\n\nPara ( open ) «x» „y“ end .", "\r\nA.\nB!  C? d; e: f - g ,, h",
        "word\u{00A0}nbsp\u{2009}thin , after. \n", "x", " ", "\n", "a ", "a\n", ".", ". a", "a.b", "Ab.  Cd\t\tEf\u{000B}Gh\u{000C}Ij",
    ]

    @Test(arguments: spacing)
    func spacingMatchesReference(_ text: String) throws {
        try expectTokenizerMatchesReference(text)
    }

    @Test func shortHashFromChunksEqualsByteHash() {
        let bytes: [UInt8] = Array("Quintara-Zorvex!?x".utf8)
        for count in 0..<16 {
            let c0 = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
            let c1 = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
            #expect(ByteHash.hashShort(c0, c1, count) == ByteHash.hash(bytes[0..<count]))
        }
    }

    /// The document-word set (8-byte slots, keys only) answers membership like `HashSlots`, key 0
    /// included, also reusing a scratch block that held other keys before.
    @Test func keySetMatchesHashSlots() {
        let scratch = Scratch()
        for round in 0..<2 {
            let slots = HashSlots(maxKeys: 300)
            let keys = HashKeys(maxKeys: 300, scratch: scratch, block: .documentWords)
            for k in 0..<600 {
                let key = k % 250 == 7 ? 0 : UInt64(k % 250 + round * 1000) &* 0x9E37_79B9_7F4A_7C15
                if k % 3 == 0 {
                    slots.insertBranchless(key)
                    keys.insertBranchless(key)
                }
                let expected = slots.contains(key)
                let got = keys.contains(key)
                #expect(got == expected)
            }
        }
    }
}
