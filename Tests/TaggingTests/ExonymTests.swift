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

    /// Expects the reference text (text, language) to name one place, and each other text the same one.
    private func expectOnePlace(_ reference: (String, String), sameIn others: [(String, String)]) throws {
        let tagger = try #require(sharedTagger)
        let expected = places(tagger, reference.0, reference.1)
        #expect(expected.count == 1)
        for (text, language) in others { #expect(places(tagger, text, language) == expected, "\(language): \(text)") }
    }

    @Test func dutchKeulenJoinsGermanKoeln() throws {
        try expectOnePlace(("De nachttrein naar Keulen vertrok gisteren met twee uur vertraging.", "nl"),
                           sameIn: [("Der Nachtzug kam gestern in Köln mit zwei Stunden Verspätung an.", "de")])
    }

    @Test func exonymsOfOneCityShareItsCanonicalName() throws {
        try expectOnePlace(("Le congrès de Strasbourg a attiré moins de visiteurs cette année.", "fr"), sameIn: [
            ("Het congres in Straatsburg trok dit jaar minder bezoekers.", "nl"),
            ("Il congresso di Strasburgo ha attirato meno visitatori quest'anno.", "it"),
            ("Der Kongress in Straßburg zog dieses Jahr weniger Besucher an.", "de"),
        ])
    }

    /// "Neapel" and "Napels" came as translations of the province of Napoli, "Naples" as the city:
    /// a province named as its city is the city, so all three are one place.
    @Test func provinceNamedAsItsCityJoinsTheCity() throws {
        try expectOnePlace(("The ferry from Naples arrived only after midnight.", "en"), sameIn: [
            ("De veerboot vanuit Napels kwam pas na middernacht aan.", "nl"),
            ("Die Fähre aus Neapel kam erst nach Mitternacht an.", "de"),
        ])
    }

    /// A big city's own name that its language writes very often ("München", Zipf 5.3 in German)
    /// was left out as a frequent word; it names the city as "Munich" does.
    @Test func frequentOwnNameOfABigCityJoinsItsEnglishName() throws {
        try expectOnePlace(("The trade fair in Munich opens its doors on Tuesday.", "en"),
                           sameIn: [("Die Messe in München öffnet am Dienstag ihre Tore.", "de")])
    }
}
