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

    /// Clamped lookups (`Candidates.element`) answer like a range-checked read wherever the table ends
    /// in its empty sentinel, for ids in range, past the end and negative; trimmed tables end in it.
    @Test func clampedLookupsMatchCheckedReads() throws {
        let table = TaggerData.trimmed([UInt32(0), 7, 0, 9, 0, 0], empty: 0)
        #expect(table == [0, 7, 0, 9, 0])
        table.withUnsafeBufferPointer { b in
            for i in -3..<12 {
                let checked: UInt32 = i >= 0 && i < b.count ? b[i] : 0
                #expect(Candidates.element(b, i, or: 0) == checked)
            }
        }
        #expect(TaggerData.trimmed([Int16](), empty: -1) == [-1])
        [Int32]().withUnsafeBufferPointer { #expect(Candidates.element($0, 0, or: -1) == -1) }
        let data = try #require(sharedTagger).data
        #expect(data.wordFlags.last == 0)
        #expect(data.gazetteerRoot.last == -1)
        for lex in Array(data.lexicons.values) + [data.fallbackLexicon] {
            #expect(lex.features.last == 0)
            #expect(lex.topicOf.last == -1)
        }
        // Ids far past every table read as empty.
        #expect(data.wordFlags(Int32.max) == 0)
        #expect(data.gazetteerStart(Int32.max - 1) == -1)
        #expect(data.fallbackLexicon.feature(Int32.max - 1) == 0)
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
        #expect(r.entities.contains { $0.canonical == "European Union" && $0.count == 2 })
    }

    /// Guards the daemon's memory budget: the loaded tables stay compact (16.6 MB with the
    /// towns of 15 000 - 100 000 inhabitants, which added 1.0 MB).
    @Test func loadedTablesAreCompact() throws {
        let data = try #require(sharedTagger).data
        let total = data.memoryFootprint.reduce(0) { $0 + $1.bytes }
        #expect(total < 17 << 20, "\(total) bytes")
        #expect(data.vocabulary.isFrozen)
    }
}
