import Testing
@testable import Tagging

/// A foreign city's name in the news language (its exonym, from Scripts/tagging_exonyms.py) names
/// the same entity as the city's own name: "Keulen" in Dutch news and "Köln" in German news group
/// under one canonical name, so stories from both languages meet on one place.
@Suite struct ExonymTests {
    /// The canonical names of the text's location entities.
    private func places(_ tagger: Tagger, _ text: String, _ language: String) -> [String] {
        tagger.tag(text: text, language: language).entities.filter { $0.type == .location }.map(\.canonical)
    }

    @Test func dutchKeulenJoinsGermanKoeln() throws {
        let tagger = try #require(sharedTagger)
        let nl = places(tagger, "De nachttrein naar Keulen vertrok gisteren met twee uur vertraging.", "nl")
        let de = places(tagger, "Der Nachtzug kam gestern in Köln mit zwei Stunden Verspätung an.", "de")
        #expect(nl.count == 1)
        #expect(nl == de)
    }

    @Test func exonymsOfOneCityShareItsCanonicalName() throws {
        let tagger = try #require(sharedTagger)
        let nl = places(tagger, "Het congres in Straatsburg trok dit jaar minder bezoekers.", "nl")
        let fr = places(tagger, "Le congrès de Strasbourg a attiré moins de visiteurs cette année.", "fr")
        let it = places(tagger, "Il congresso di Strasburgo ha attirato meno visitatori quest'anno.", "it")
        let de = places(tagger, "Der Kongress in Straßburg zog dieses Jahr weniger Besucher an.", "de")
        #expect(fr.count == 1)
        #expect(nl == fr)
        #expect(it == fr)
        #expect(de == fr)
    }

    /// "Neapel" and "Napels" came as translations of the province of Napoli, "Naples" as the city:
    /// a province named as its city is the city, so all three are one place.
    @Test func provinceNamedAsItsCityJoinsTheCity() throws {
        let tagger = try #require(sharedTagger)
        let nl = places(tagger, "De veerboot vanuit Napels kwam pas na middernacht aan.", "nl")
        let de = places(tagger, "Die Fähre aus Neapel kam erst nach Mitternacht an.", "de")
        let en = places(tagger, "The ferry from Naples arrived only after midnight.", "en")
        #expect(en.count == 1)
        #expect(nl == en)
        #expect(de == en)
    }

    /// A big city's own name that its language writes very often ("München", Zipf 5.3 in German)
    /// was left out as a frequent word; it names the city as "Munich" does.
    @Test func frequentOwnNameOfABigCityJoinsItsEnglishName() throws {
        let tagger = try #require(sharedTagger)
        let de = places(tagger, "Die Messe in München öffnet am Dienstag ihre Tore.", "de")
        let en = places(tagger, "The trade fair in Munich opens its doors on Tuesday.", "en")
        #expect(en.count == 1)
        #expect(de == en)
    }
}
