import Testing
@testable import Tagging

/// The three-byte stem prefix filter may only skip walks that find no stem.
@Suite struct StemPrefixTests {
    /// Unknown words (inflected, compounded, misspelt listed words and the fixture's names) get the
    /// stem the full trie walk finds.
    @Test(arguments: ["nl", "en", "de", "fr", "es", "it", "xx"])
    func filteredStemEqualsWalk(_ language: String) throws {
        let data = try #require(sharedTagger).data
        let lex = data.lexicon(language)
        let seed = try fixture("seed-nl-poetin.txt")
        let base = (CompactTableTests.text + " " + seed).split(separator: " ").map(String.init)
        // Variants unlikely to be listed, so they take the unknown-word path.
        let words = base.flatMap { [$0, $0 + "xq", $0 + "ungsbeleidx", "zq" + $0, String($0.dropLast())] }
        let doc = Tokenizer.tokenize(words.joined(separator: " "), vocabulary: data.vocabulary)
        var unknownWithStem = 0
        for i in 0..<doc.count where doc.tokens[i].kind == .word && doc.tokens[i].length >= 3 && doc.tokens[i].id < 0 {
            let t = doc.tokens[i]
            let walked = lex.topicStem(doc.lower[t.lowerStart..<t.lowerEnd], length: t.length)
            #expect(lex.topicStem(doc, i) == walked, "\(doc.text(i))")
            if walked >= 0 { unknownWithStem += 1 }
        }
        if lex.hasTopics { #expect(unknownWithStem > 5) }
    }

    @Test func bitsCoverEveryListedPrefix() {
        var lex = LanguageLexicon()
        lex.addStemPrefix(Array("eco".utf8))
        lex.addStemPrefix(Array("é".utf8))  // two bytes: never a stem of three scalars, not added
        #expect(lex.stemPrefixBits.count == LanguageLexicon.stemPrefixBitCount / 64)
        let bit = LanguageLexicon.stemPrefixBit(0x65, 0x63, 0x6F)
        #expect(lex.stemPrefixBits[bit >> 6] & (1 << UInt64(bit & 63)) != 0)
        #expect(lex.stemPrefixBits.reduce(0) { $0 + $1.nonzeroBitCount } == 1)
    }
}
