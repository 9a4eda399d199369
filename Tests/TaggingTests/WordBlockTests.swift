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

    /// A set in a reused scratch block starts empty: the one before cleared the slots it wrote, also
    /// when it took more insertions than `maxKeys` (then it clears the whole table) and when the
    /// next set is smaller or larger.
    @Test func keySetClearsWhatItWrote() {
        let scratch = Scratch()
        let keysOf = { (round: Int, count: Int) in (0..<count).map { UInt64($0 + round * 10_000) &* 0xBF58_476D_1CE4_E5B9 } }
        var previous: [UInt64] = []
        for (round, (maxKeys, inserts)) in [(300, 300), (40, 40), (1000, 700), (100, 100), (50, 80), (200, 200)].enumerated() {
            var set = HashKeys(maxKeys: maxKeys, scratch: scratch, block: .documentWords)
            let stale = previous.filter { set.contains($0) }.count
            #expect(stale == 0, "round \(round)")
            // More insertions than maxKeys repeat keys (a set never holds more than maxKeys distinct ones).
            let keys = keysOf(round, min(inserts, maxKeys))
            for j in 0..<inserts { set.insertBranchless(keys[j % keys.count]) }
            let missing = keys.filter { !set.contains($0) }.count
            #expect(missing == 0, "round \(round)")
            previous = keys
        }
    }

    @Test func shortHashFromChunksEqualsByteHash() {
        let bytes: [UInt8] = Array("Quintara-Zorvex!?x".utf8)
        for count in 0..<16 {
            let c0 = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
            let c1 = bytes.withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)) }
            #expect(ByteHash.hashShort(c0, c1, count) == ByteHash.hash(bytes[0..<count]))
        }
    }

    /// The paired hashes (as written, lower-cased) equal two `hashShort`s, for every length and
    /// chunks whose bytes past the word are not zero.
    @Test func pairedShortHashesEqualSingleOnes() {
        var x: UInt64 = 0x0123_4567_89AB_CDEF
        for round in 0..<64 {
            x = x &* 0x5851_F42D_4C95_7F2D &+ 1442695040888963407
            let c0 = x, c1 = x.byteSwapped ^ 0xA5A5_A5A5_A5A5_A5A5
            let l0 = ByteHash.lowerASCII(c0), l1 = ByteHash.lowerASCII(c1)
            for count in 0..<16 {
                let (e, l) = ByteHash.hashShortPair(c0, c1, l0, l1, count)
                #expect(e == ByteHash.hashShort(c0, c1, count), "round \(round) count \(count)")
                #expect(l == ByteHash.hashShort(l0, l1, count), "round \(round) count \(count)")
            }
        }
    }

    /// The document-word set in a reused scratch block answers membership like a fresh table, key 0
    /// included: keys of the block's earlier use (another stamp) read as absent.
    @Test func keySetMatchesHashSlots() {
        let scratch = Scratch()
        for round in 0..<2 {
            let slots = HashSlots(maxKeys: 300)
            var keys = HashKeys(maxKeys: 300, scratch: scratch, block: .documentWords)
            for k in 0..<600 {
                // (Not `HashKeys.zeroKey` itself, which the set takes for key 0.)
                let key = k % 250 == 7 ? 0 : UInt64(k % 250 + round * 1000) &* 0xBF58_476D_1CE4_E5B9
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
