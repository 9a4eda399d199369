import Foundation
import Testing
@testable import Tagging

/// The loaded tables are trimmed and packed (see `TaggerData.init(compiling:)`); lookups past a
/// trimmed array's end must answer what the full array would have.
@Suite struct CompactTableTests {
    static let text = "De minister van Economische Zaken sprak in Amsterdam over de economie, de inflatie en "
        + "voetbal. Angela Merkel en de Europese Unie; the government said inflation rose in March. "
        + "Die Bundesregierung und der Fußball, le gouvernement et l'économie, il governo e l'economia, "
        + "el gobierno y la economía. Zaterdagochtend 12 mei 2022 om half drie."
        + FastPathTests.samples.joined(separator: " ")

    /// The precomputed topic stem of a listed word (or -1 past the array's end) equals the stem trie walk.
    @Test(arguments: ["nl", "en", "de", "fr", "es", "it", "xx"])
    func topicOfMatchesTrieWalk(_ language: String) throws {
        let data = try #require(sharedTagger).data
        let lex = data.lexicon(language)
        let doc = Tokenizer.tokenize(Self.text, vocabulary: data.vocabulary)
        var known = 0
        for i in 0..<doc.count where doc.tokens[i].kind == .word && doc.tokens[i].length >= 3 {
            let t = doc.tokens[i]
            let walked = lex.topicStem(doc.lower[t.lowerStart..<t.lowerEnd], length: t.length)
            #expect(lex.topicStem(doc, i) == walked, "\(doc.text(i))")
            if t.id >= 0 { known += 1 }
        }
        #expect(known > 20)
    }

    /// The fallback lexicon shares English's topic array and has no stopwords or frequencies.
    @Test func fallbackSharesEnglishTopics() throws {
        let data = try #require(sharedTagger).data
        let en = try #require(data.lexicons["en"])
        #expect(data.fallbackLexicon.topicOf == en.topicOf)
        let doc = Tokenizer.tokenize("the government", vocabulary: data.vocabulary)
        #expect(en.has(doc.tokens[0], LanguageLexicon.stopword))
        #expect(!data.fallbackLexicon.has(doc.tokens[0], LanguageLexicon.stopword))
        #expect(data.fallbackLexicon.zipf(doc.tokens[0]) == nil)
        #expect(en.zipf(doc.tokens[0]) != nil)
    }

    /// A frozen vocabulary (no word bytes kept) still finds every word and adds none.
    @Test func frozenVocabularyFindsWords() throws {
        var vocab = ByteVocabulary()
        let words = ["amsterdam", "Amsterdam", "economie", "über", "a"]
        let ids = words.map { vocab.intern($0) }
        vocab.freeze()
        #expect(vocab.isFrozen)
        for (w, id) in zip(words, ids) { #expect(vocab.find(w) == id) }
        #expect(vocab.intern("nieuw") == -1)
        #expect(vocab.intern("economie") == ids[2])
        #expect(vocab.count == words.count)
    }

    @Test func packedStringsRoundTrip() {
        var packed = PackedStrings()
        let names = ["European Union", "", "Zürich", "Vladimir Putin", "北京"]
        let ids = names.map { packed.append($0) }
        packed.compact()
        for (name, id) in zip(names, ids) { #expect(packed.string(id) == name) }
    }

    /// Gazetteer entries keep their canonical names through the packed store.
    @Test func gazetteerCanonicalNames() throws {
        let tagger = try #require(sharedTagger)
        let r = tagger.tag(text: "De Europese Unie en de EU steunen Oekraïne.", language: "nl")
        #expect(r.entities.contains { $0.canonical == "European Union" && $0.mentions.count == 2 })
    }

    /// Guards the daemon's memory budget: the loaded tables stay compact.
    @Test func loadedTablesAreCompact() throws {
        let data = try #require(sharedTagger).data
        let total = data.memoryFootprint.reduce(0) { $0 + $1.bytes }
        #expect(total < 16 << 20, "\(total) bytes")
        #expect(data.vocabulary.isFrozen)
    }
}
