import Testing
@testable import Tagging

/// Languages without hand-written lists get a minimal lexicon (stopwords, frequencies, CLDR months
/// and weekdays); German compounds of common words are common nouns.
@Suite struct LanguageCoverageTests {
    static func names(_ text: String, _ language: String) throws -> [String] {
        let tagger = try #require(sharedTagger)
        return tagger.tag(text: text, language: language).entities.map(\.name)
    }

    @Test func minimalLexiconsAreLoaded() throws {
        let tagger = try #require(sharedTagger)
        for lang in ["sv", "pl", "pt", "cs", "fi", "ru"] { #expect(tagger.supportedLanguages.contains(lang), "\(lang)") }
        let lex = tagger.data.lexicon("sv")
        #expect(lex.sparseFeatures != nil)
        let doc = Tokenizer.tokenize("enligt det januari måndag Trafikverket", vocabulary: tagger.data.vocabulary)
        let t = doc.tokens
        #expect(lex.has(t[0], LanguageLexicon.stopword) && lex.has(t[1], LanguageLexicon.stopword))
        #expect(lex.has(t[2], LanguageLexicon.month) && lex.months[t[2].id] == 1)
        #expect(lex.has(t[3], LanguageLexicon.weekday) && lex.weekdays[t[3].id]?.day == 1)
        #expect((lex.zipf(t[1]) ?? 0) > 6)
        #expect(!lex.has(t[4], LanguageLexicon.stopword))
        // The full lexicons stay dense.
        #expect(tagger.data.lexicon("nl").sparseFeatures == nil)
    }

    /// Sentence-initial function words were names when these languages fell back to English.
    @Test func sentenceInitialFunctionWordsAreNoNames() throws {
        let sv = try Self.names("Enligt Trafikverket kan tågen rulla tidigast 2029. Det blir dyrt, sa Karin Sjöberg.", "sv")
        #expect(sv.contains("Trafikverket") && !sv.contains("Enligt Trafikverket") && !sv.contains("Det"), "\(sv)")
        #expect(sv.contains("Karin Sjöberg"), "\(sv)")
        let pl = try Self.names("– Co roku umiera kilkaset osób – powiedziała wiceprezydent miasta Anna Wilk.", "pl")
        #expect(!pl.contains("Co") && pl.contains("Anna Wilk"), "\(pl)")
        let pt = try Self.names("Leia também: o metro de Lisboa vai custar menos, disse Carlos Moedas.", "pt")
        #expect(!pt.contains("Leia") && pt.contains("Carlos Moedas"), "\(pt)")
    }

    /// A weak gazetteer place at a sentence start stays a place in a minimal lexicon, whose frequent
    /// words include the country's own places.
    @Test func placeAtSentenceStartStaysInMinimalLexicon() throws {
        let tagger = try #require(sharedTagger)
        let r = tagger.tag(text: "Kraków: strefa czystego transportu coraz bliżej.", language: "pl")
        #expect(r.entities.contains { $0.name == "Kraków" && $0.type == .location }, "\(r.entities.map(\.name))")
    }

    @Test func cldrMonthsGiveDates() throws {
        let tagger = try #require(sharedTagger)
        let pl = tagger.tag(text: "Od 1 lipca 2026 roku do centrum nie wjadą samochody.", language: "pl")
        #expect(pl.dates.contains { $0.value == "2026-07-01" }, "\(pl.dates)")
        let sv = tagger.tag(text: "Tågen kan börja rulla tidigast i december 2029.", language: "sv")
        #expect(sv.dates.contains { $0.value == "2029-12" }, "\(sv.dates)")
        let names = sv.entities.map(\.name) + pl.entities.map(\.name)
        #expect(!names.contains("December") && !names.contains("Od"), "\(names)")
    }

    @Test func stopwordsAreNoKeywords() throws {
        let tagger = try #require(sharedTagger)
        let text = "Västlänken blir försenad. Enligt Trafikverket har tunneln problem med leran, och det "
            + "kostar mer. Tunneln under Göteborg har planerats länge, och det är inte första gången."
        let keywords = tagger.tag(text: text, language: "sv").keywords.map(\.text)
        for w in ["och", "det", "har", "med", "är"] { #expect(!keywords.contains(w), "\(w) in \(keywords)") }
    }

    @Test func germanCompoundRule() throws {
        let tagger = try #require(sharedTagger)
        let lex = tagger.data.lexicon("de")
        func compound(_ word: String) -> Bool {
            let doc = Tokenizer.tokenize(word, vocabulary: tagger.data.vocabulary)
            return GermanCompounds.isCompoundNoun(doc, 0, vocabulary: tagger.data.vocabulary, lex: lex)
        }
        for w in ["Wärmepumpe", "Hausbesitzer", "Fahrzeit", "Ersatzverkehr", "Messegelände", "Pendlerinnen", "Lesungen"] {
            #expect(compound(w), "\(w)")
        }
        // Place-name elements keep towns; short words, abbreviations and hyphenated words are not judged.
        for w in ["Ludwigslust", "Wittenberge", "Lüneburg", "Moosach", "Wolfsburg", "Haus", "ICE-Züge", "NATO"] {
            #expect(!compound(w), "\(w)")
        }
    }

    /// The tail-start bits only skip probes that would miss: the same answers with and without them.
    @Test func compoundTailBitsChangeNoAnswer() throws {
        let tagger = try #require(sharedTagger)
        let lex = tagger.data.lexicon("de")
        #expect(!lex.compoundTailBits.isEmpty)
        #expect(tagger.data.lexicon("nl").compoundTailBits.isEmpty)
        var unfiltered = lex
        unfiltered.compoundTailBits = []
        let text = "Wärmepumpe Hausbesitzer Fahrzeit Regionalverkehr Ludwigslust Besucherinnen Messegelände "
            + "Zweistundentakt Jahresarbeitszahl Uelzen Prignitz Netiquette Belletristik Hintermaier Schulklassen"
        let doc = Tokenizer.tokenize(text, vocabulary: tagger.data.vocabulary)
        for i in doc.tokens.indices {
            let a = GermanCompounds.isCompoundNoun(doc, i, vocabulary: tagger.data.vocabulary, lex: lex)
            let b = GermanCompounds.isCompoundNoun(doc, i, vocabulary: tagger.data.vocabulary, lex: unfiltered)
            #expect(a == b, "\(doc.text(i))")
        }
    }

    @Test func germanCompoundsFormalYouAndNounRunsAreNoNames() throws {
        let text = "Der Einbau von Wärmepumpen wird teurer. Die Förderung für Wärmepumpen sinkt, und die "
            + "Hausbesitzer warten. Wenn Sie einen Termin brauchen, rufen Sie an. Es gibt Tickets für Schulklassen "
            + "und Lesungen von Autorinnen in Ludwigslust, sagte Bahnsprecherin Katrin Albers."
        let names = try Self.names(text, "de")
        for noun in ["Einbau von Wärmepumpen", "Förderung für Wärmepumpen", "Wärmepumpen", "Hausbesitzer", "Sie",
                     "Tickets für Schulklassen", "Lesungen von Autorinnen", "Schulklassen", "Autorinnen"] {
            #expect(!names.contains(noun), "\(noun) in \(names)")
        }
        #expect(names.contains("Ludwigslust"), "\(names)")
        // A title compound before a first name is not part of the name.
        #expect(names.contains("Katrin Albers") && !names.contains("Bahnsprecherin Katrin Albers"), "\(names)")
    }

    @Test func germanCompoundOnOrganisationHeadIsOrganisation() throws {
        let tagger = try #require(sharedTagger)
        let r = tagger.tag(text: "Das kritisierte der Fahrgastverband Schiene Nord am Montag scharf.", language: "de")
        #expect(r.entities.contains { $0.name == "Fahrgastverband Schiene Nord" && $0.type == .organization },
                "\(r.entities.map { ($0.name, $0.type) })")
    }
}
