import Testing
@testable import Tagging

/// Behaviour the tagger should have and does not yet: each test states the expectation and runs
/// inside `withKnownIssue`, so it passes while the issue stands and fails (as a reminder to drop
/// the wrapper) once it is fixed.
@Suite struct KnownIssuesTests {
    /// English possessives: the tokenizer keeps "'s" / "’s" inside the word (it joins apostrophes
    /// between letters for "l'Oréal", "video’s"), so "Germany's" is not the listed "Germany" and
    /// "Putin's" is not joined to "Vladimir Putin". Found 2026-11-26: "Germany's" came out MISC,
    /// "Putin's" and "Poland’s" were lost. A fix splits the possessive off (mind Dutch plurals such
    /// as "foto's" and the apostrophe as a quotation mark in `QuoteExtractor`).
    @Test func englishPossessivesNameTheirEntity() throws {
        let tagger = try #require(sharedTagger)
        let text = "Vladimir Putin said on Monday that Russia would respond. Putin's spokesman said Germany's "
            + "government agreed. Poland’s president was in Berlin."
        let entities = tagger.tag(text: text, language: "en").entities
        withKnownIssue("possessive 's stays inside the token") {
            #expect(entities.first { $0.name == "Vladimir Putin" }?.count == 2)
            #expect(entities.first { $0.name == "Germany" }?.type == .location)
            #expect(entities.first { $0.name == "Poland" }?.type == .location)
        }
    }
}
