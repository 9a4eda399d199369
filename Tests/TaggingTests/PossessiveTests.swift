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

    /// Other languages keep the apostrophe inside the word (Dutch plurals such as "foto's").
    @Test func otherLanguagesKeepTheWord() throws {
        let text = "De foto's van Sarah's trouwdag staan online."
        let doc = Tokenizer.tokenize(text)
        #expect(doc.tokens.indices.contains { doc.text($0) == "foto's" })
    }
}
