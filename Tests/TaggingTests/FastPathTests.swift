import Testing
@testable import Tagging

/// The byte-table tokenizer and the hash-keyed grouping must reproduce the straightforward versions.
@Suite struct FastPathTests {
    static let samples: [String] = [
        ",,Er zijn 300.000 mensen”, zei hij. De video’s van CD&V-voorzitter Jan Peumans (Bel) kwamen 16e.",
        "ÉLYSÉE — Präsident İstanbul Œuvre straße ÀÉÎÕÜ ĲSSELMEER «Bonjour» ‹oui› „Guten Tag“ Ελλάδα МОСКВА Київ",
        "Mixed\u{00A0}spaces\u{2009}and\u{200B}zero\tw\r\nlines 3,5% €5 $3 1,234.5 l'Oréal rock'n'roll ’s avonds",
        "trailing dash- and ,,", "", "A", "É", "\u{FFFD}\u{10348} 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 emoji 🙂 Kelvin \u{212A} sign",
    ]

    @Test(arguments: samples)
    func tokenizerMatchesReference(_ text: String) throws {
        let vocab = try #require(sharedTagger).data.vocabulary
        let fast = Tokenizer.tokenize(text, vocabulary: vocab)
        let ref = ReferenceTokenizer.tokenize(text, vocabulary: vocab)
        #expect(fast.lower == ref.lower)
        #expect(fast.tokens.count == ref.tokens.count)
        for (a, b) in zip(fast.tokens, ref.tokens) {
            #expect(a.start == b.start && a.end == b.end && a.lowerStart == b.lowerStart && a.lowerEnd == b.lowerEnd)
            #expect(a.kind == b.kind && a.id == b.id && a.exactID == b.exactID)
            #expect(a.exactHash == b.exactHash && a.lowerHash == b.lowerHash && a.length == b.length)
            #expect(a.isCapitalized == b.isCapitalized && a.isAllCaps == b.isAllCaps && a.sentenceStart == b.sentenceStart)
            #expect(a.newlineBefore == b.newlineBefore && a.spaceBefore == b.spaceBefore)
            #expect(a.hasHyphen == b.hasHyphen && a.hasDot == b.hasDot)
        }
    }

    @Test(arguments: samples)
    func joinHelpersAgree(_ text: String) {
        let doc = Tokenizer.tokenize(text)
        for a in 0..<doc.count {
            for b in (a + 1)...min(doc.count, a + 4) {
                let s = doc.join(a, b)
                #expect(FNV.hash(s) == doc.joinHash(a, b))
                #expect(s.unicodeScalars.count == doc.joinLength(a, b))
            }
        }
    }
}

/// Generic name rules: cue nouns, sports abbreviations, conjunctions and acronyms.
@Suite struct NameRuleTests {
    func entities(_ text: String) throws -> [TaggedEntity] {
        try #require(sharedTagger).tag(text: text, language: "nl").entities
    }

    func type(of name: String, in text: String) throws -> EntityType? {
        try entities(text).first { $0.name == name || $0.surfaceForms.contains(name) }?.type
    }

    @Test func cueNounTypesTheNameAfterIt() throws {
        #expect(try type(of: "Zorvex", in: "Gisteren kondigde het softwarebedrijf Zorvex ontslagen aan.") == .organization)
        #expect(try type(of: "Kwalmers", in: "Volgens oud-premier Kwalmers was dat een vergissing.") == .person)
    }

    @Test func countryAbbreviationInParentheses() throws {
        #expect(try type(of: "Fra", in: "1. Jan Pieters (Fra) 4 u. 12 min. 2. Luc Wouters (Ita) op 3 sec.") == .location)
        #expect(try type(of: "Ita", in: "1. Jan Pieters (Fra) 4 u. 12 min. 2. Luc Wouters (Ita) op 3 sec.") == .location)
    }

    @Test func conjunctionAndAcronymSplitNames() throws {
        let e = try entities("Volgens Leo Pardon van de NMBS is het akkoord tussen Zorvex en Quintara rond.")
        #expect(e.contains { $0.name == "Leo Pardon" })
        #expect(e.contains { $0.name == "NMBS" && $0.type == .organization })
        #expect(!e.contains { $0.name.contains(" en ") })
    }

    @Test func nameTakesShortNumber() throws {
        #expect(try entities("Het programma loopt op Radio 1 en op Kanaal 2.").contains { $0.name == "Radio 1" })
    }
}
