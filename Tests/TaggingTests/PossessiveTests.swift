import Testing
@testable import Tagging

/// English possessives ("Germany's", "Poland’s") are split off their word, so the word is the
/// listed name and joins the document's other mentions.
@Suite struct PossessiveTests {
    @Test func englishPossessivesNameTheirEntity() throws {
        let tagger = try #require(sharedTagger)
        let text = "Vladimir Putin said on Monday that Russia would respond. Putin's spokesman said Germany's "
            + "government agreed. Poland’s president was in Berlin."
        let entities = tagger.tag(text: text, language: "en").entities
        let describe = entities.map { "\($0.name) \($0.type)" }.joined(separator: "; ")
        #expect(entities.first { $0.name == "Vladimir Putin" }?.count == 2, "\(describe)")
        #expect(entities.first { $0.name == "Germany" }?.type == .location, "\(describe)")
        #expect(entities.first { $0.name == "Poland" }?.type == .location, "\(describe)")
        #expect(!entities.contains { $0.name.contains("'s") || $0.name.contains("’s") }, "\(describe)")
    }

    /// A single-quoted quotation with a possessive inside still ends at its own closing mark.
    @Test func possessiveInsideSingleQuotesKeepsTheQuote() throws {
        let tagger = try #require(sharedTagger)
        let text = "‘Poland’s president is wrong about the new border rules,’ said Anna Kowalska, a lawyer in Warsaw."
        let quotes = tagger.tag(text: text, language: "en").quotes
        #expect(quotes.first?.text.hasPrefix("Poland’s president is wrong") == true, "\(quotes.map(\.text))")
    }

    static let samples: [String] = [
        "Vladimir Putin said Russia would respond. Putin's spokesman said Germany's government agreed. Poland’s president, NATO's chief and NATO'S CHIEF met.",
        "a's ab's x’s É's ÅSA's ÅSA'S Café’s 1990's 1990’s it's ’s 's s's rock'n'roll's Smith’s. McDonald's's l'Oréal's",
        "‘Poland’s president is wrong,’ said Anna. (Britain's) \"Europe's\" Obama’S US's U.S.'s e-mail's Jean-Luc's",
        "Ends with it's", "'s", "x's", "İstanbul's ĲSSEL's straße's ÉLYSÉE’S",
        // Denser than n/3 + 64 tokens: the tokenizer's second pass, with splits.
        String(repeating: "a's;", count: 200),
    ]

    /// The tokenizer's own split gives exactly the tokens the post-pass it replaced gave.
    @Test(arguments: samples)
    func scanSplitMatchesPostPass(_ text: String) throws {
        let vocab = try #require(sharedTagger).data.vocabulary
        let scanned = Tokenizer.tokenize(text, vocabulary: vocab, splitPossessives: true)
        let plain = Tokenizer.tokenize(text, vocabulary: vocab)
        expectSameTokens(scanned, plain.splittingPossessives(vocabulary: vocab) ?? plain)
    }

    @Test func splitTokensAreTheWordAndItsClitic() {
        let doc = Tokenizer.tokenize("NATO's chief met Putin’s aide.", splitPossessives: true)
        let texts = doc.tokens.indices.map { doc.text($0) }
        #expect(texts == ["NATO", "'s", "chief", "met", "Putin", "’s", "aide", "."])
        #expect(doc.tokens[0].isAllCaps && doc.tokens[1].kind == .punct && !doc.tokens[1].spaceBefore)
    }

    /// Other languages keep the apostrophe inside the word (Dutch plurals such as "foto's").
    @Test func otherLanguagesKeepTheWord() throws {
        let text = "De foto's van Sarah's trouwdag staan online."
        let doc = Tokenizer.tokenize(text)
        #expect(doc.tokens.indices.contains { doc.text($0) == "foto's" })
    }
}
