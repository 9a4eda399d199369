import Foundation
import Testing
@testable import Tagging

/// The one-pass `TokenFacts` must hand every sub-tagger exactly what it collected for itself before:
/// the same start lists, the same features, and so the same results.
@Suite struct TokenFactsTests {
    static let texts: [(language: String, text: String)] = [
        ("nl", ""),
        ("nl", "Op 24 februari 2022 viel Rusland Oekraïne binnen. ,,Wij vechten door”, zei Zelensky maandag."),
        ("en", "On Monday, March 3, the U.S. Senate voted 51-49; $1.5 billion and 300,000 people. \"We will win,\" Biden said."),
        ("de", "Am Dienstag sagte Bundeskanzler Olaf Scholz in Berlin: „Wir stehen zusammen.“ 2,5 Millionen Euro."),
        ("fr", "Le président Emmanuel Macron a déclaré jeudi 12 mai : « Nous continuerons ». Dix-huit personnes."),
        // Minimal lexicons (features in a sparse table, read per token before the scan).
        ("sv", "Enligt Trafikverket kan tågen rulla i december 2029. Det kostar 34 miljarder kronor, sa Karin Sjöberg."),
        ("pl", "Od 1 lipca 2026 roku do centrum nie wjadą samochody. Co roku umiera kilkaset osób – powiedziała Anna Wilk."),
        ("xx", "Unknown-language text with Capitals, 42 numbers and “quotes”."),
    ]

    static func documents() throws -> [(language: String, doc: TokenizedText)] {
        let tagger = try #require(sharedTagger)
        let seed = try fixture("seed-nl-poetin.txt")
        return (texts + [("nl", seed)]).map { ($0.language, Tokenizer.tokenize($0.text, vocabulary: tagger.data.vocabulary)) }
    }

    /// Each list equals the branch-free per-sub-tagger collection it replaces.
    @Test func listsEqualPerTaggerCollection() throws {
        let tagger = try #require(sharedTagger)
        let scratch = Scratch()
        for (language, doc) in try Self.documents() {
            let lex = tagger.data.lexicon(language)
            let facts = TokenFacts(doc.tokens, lex: lex, scratch: scratch)
            let tokens = doc.tokens
            #expect(Array(facts.feature) == tokens.map { lex.feature($0.id) })
            // Numbers and every flagged token, of any kind (so a date or number word after a number is
            // the next listed token).
            let dates = tokens.indices.filter { tokens[$0].kind == .number || lex.flags(tokens[$0]) & TokenFacts.dateWords != 0 }
            #expect(Array(facts.dateStarts) == dates.map(Int32.init))
            let quantities = tokens.indices.filter { tokens[$0].kind == .number || lex.has(tokens[$0], LanguageLexicon.number) }
            #expect(Array(facts.quantityStarts) == quantities.map(Int32.init))
            let entity = tokens.indices.filter { tokens[$0].kind == .word && (tokens[$0].isCapitalized || tokens[$0].hasHyphen) }
            #expect(Array(facts.entityStarts) == entity.map(Int32.init))
            #expect(Array(facts.quoteStarts) == tokens.indices.filter { tokens[$0].kind == .punct }.map(Int32.init))
            // Topic words: every word of three scalars or more (so every word whose stem is found).
            let words = tokens.indices.filter { tokens[$0].kind == .word && tokens[$0].length >= 3 }
            #expect(Array(facts.topicWords) == words.map(Int32.init))
            let withStem = words.filter { lex.topicStem(doc, $0) >= 0 }
            #expect(withStem.allSatisfy(Set(words).contains))
        }
    }

    /// Sub-taggers given the lists return what they return when collecting their own.
    /// The date extractor's marks of taken tokens start empty for every article on a reused scratch.
    @Test func consumedTokensStartEmptyOnAReusedScratch() {
        let scratch = Scratch()
        for round in 0..<3 {
            let consumed = ConsumedTokens(count: 16, scratch: scratch)
            for k in 0..<16 { #expect(!consumed.contains(k)) }
            consumed.insert(round..<round + 5)
            for k in 0..<16 { #expect(consumed.contains(k) == (round..<round + 5).contains(k)) }
        }
    }

    @Test func extractorsGivenFactsMatchSelfCollected() throws {
        let tagger = try #require(sharedTagger)
        let scratch = Scratch()
        for (language, doc) in try Self.documents() {
            let lex = tagger.data.lexicon(language)
            let facts = TokenFacts(doc.tokens, lex: lex, scratch: scratch)
            let raw = tagger.entityRecognizer.recognize(doc, language: language, lex: lex, starts: facts.entityStarts)
            let own = tagger.entityRecognizer.recognize(doc, language: language, lex: lex)
            #expect(raw.map(\.start) == own.map(\.start) && raw.map(\.end) == own.map(\.end))
            let consumedA = ConsumedTokens(count: doc.count, scratch: scratch)
            let consumedB = ConsumedTokens(count: doc.count, scratch: scratch, block: .consumedTokensOther)
            let reference = ReferenceDate("2022-10-15")
            let datesA = tagger.dateExtractor.extract(doc, data: tagger.data, lex: lex, reference: reference, consumed: consumedA,
                                                      starts: facts.dateStarts)
            let datesB = tagger.dateExtractor.extract(doc, data: tagger.data, lex: lex, reference: reference, consumed: consumedB)
            #expect(datesA == datesB && (0..<doc.count).allSatisfy { consumedA.contains($0) == consumedB.contains($0) })
            #expect(tagger.quantityExtractor.extract(doc, language: language, lex: lex, consumed: consumedA, starts: facts.quantityStarts)
                == tagger.quantityExtractor.extract(doc, language: language, lex: lex, consumed: consumedA))
            #expect(tagger.topicClassifier.classify(doc, lex: lex, words: facts.topicWords) == tagger.topicClassifier.classify(doc, lex: lex))
            #expect(tagger.keywordExtractor.extract(doc, lex: lex, scratch: scratch, features: facts.feature)
                == tagger.keywordExtractor.extract(doc, lex: lex))
            #expect(tagger.keywordExtractor.extract(doc, lex: lex, scratch: scratch, features: facts.feature, words: facts.topicWords)
                == tagger.keywordExtractor.extract(doc, lex: lex))
            let noPerson = [Int32](repeating: 0, count: doc.count)
            noPerson.withUnsafeBufferPointer { personAt in
                let context = QuoteExtractor.Context(personAt: personAt, personMentions: [], titles: [], entities: [])
                #expect(tagger.quoteExtractor.extract(doc, lex: lex, context: context, starts: facts.quoteStarts)
                    == tagger.quoteExtractor.extract(doc, lex: lex, context: context))
            }
        }
    }
}
