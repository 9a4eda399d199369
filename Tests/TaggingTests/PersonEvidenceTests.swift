import Testing
@testable import Tagging

/// Whether a capitalised run is a person, where a name starts and ends, and the short name lists of
/// the minimal-lexicon languages (pt, pl, sv), each with examples from the sample languages.
@Suite struct PersonEvidenceTests {
    static func type(_ name: String, in entities: [ExpandedEntity]) -> EntityType? {
        entities.first { $0.name == name }?.type
    }

    /// Capitalised common nouns joined are a place, body or thing, not a person.
    @Test func commonWordRunsAreNoPersons() throws {
        let es = try taggedEntities("El Área Metropolitana de Barcelona será una de las zonas más afectadas, "
            + "declaró la consejera de Acción Climática, Laura Puigvert.", "es")
        #expect(Self.type("Área Metropolitana", in: es) != .person, "\(es.map(\.name))")
        #expect(Self.type("Acción Climática", in: es) != .person)
        #expect(Self.type("Laura Puigvert", in: es) == .person)
        let en = try taggedEntities("The Met Office issued a warning, and Ferrion Labs closed early.", "en")
        #expect(Self.type("Met Office", in: en) != .person, "\(en.map(\.name))")
        #expect(Self.type("Ferrion Labs", in: en) != .person)
    }

    /// Alone, a listed family name that is a common word of the language is that word; a listed
    /// first name the text also writes in lower case likewise.
    @Test func commonWordNamesAloneAreNoPersons() throws {
        let en = try taggedEntities("Cargo volumes at the Gdansk terminal rose, Port officials said on Monday.", "en")
        #expect(Self.type("Port", in: en) != .person, "\(en.map { "\($0.name) \($0.type)" })")
        // "Terre" is also a listed first name: the lower-case "terre" in the text decides.
        let fr = try taggedEntities("La planète est plus grande que la Terre. Sa surface de terre ferme reste inconnue.", "fr")
        #expect(Self.type("Terre", in: fr) != .person, "\(fr.map { "\($0.name) \($0.type)" })")
    }

    /// A first name the text also writes as a word needs a family name to make a person.
    @Test func everydayFirstNameNeedsFamilyName() throws {
        let en = try taggedEntities("The river kept rising overnight. Residents near the River Severn were moved.", "en")
        #expect(Self.type("River Severn", in: en) != .person, "\(en.map { "\($0.name) \($0.type)" })")
    }

    /// Role words before a first name are cut off; a run whose rest does not read as a person stays whole.
    @Test func roleWordsBeforeFirstNameSplitOff() throws {
        let it = try taggedEntities("Lo ha detto l'assessore al Turismo Paolo Ferretti durante la conferenza.", "it")
        #expect(Self.type("Paolo Ferretti", in: it) == .person, "\(it.map(\.name))")
        #expect(!it.contains { $0.name.contains("Turismo") })
        let de = try taggedEntities("Den Preis erhielt die Berliner Autorin Johanna Seidel für ihren Roman.", "de")
        #expect(Self.type("Johanna Seidel", in: de) == .person, "\(de.map(\.name))")
        let en = try taggedEntities("The round was led by Harbor Lane Capital with support from others.", "en")
        #expect(en.contains { $0.name == "Harbor Lane Capital" }, "\(en.map(\.name))")
    }

    /// A full person name ends before a connector that leads to an organisation.
    @Test func fullPersonNameEndsBeforeConnector() throws {
        let de = try taggedEntities("„Die Nachfrage ist groß“, sagt Josef Hintermaier von der Innung Sanitär-Heizung-Klima München.", "de")
        #expect(Self.type("Josef Hintermaier", in: de) == .person, "\(de.map(\.name))")
        #expect(!de.contains { $0.type == .person && $0.name.contains("Innung") })
    }

    @Test func ampersandJoinsOneName() throws {
        let pl = try taggedEntities("Miasto zapowiada rozbudowę parkingów Park & Ride na obrzeżach.", "pl")
        #expect(Self.type("Park & Ride", in: pl) == .organization, "\(pl.map(\.name))")
    }

    /// A German place adjective before a noun makes a name that two common nouns would not.
    @Test func germanPlaceAdjectiveMakesName() throws {
        let de = try taggedEntities("Die Leipziger Buchmesse hat in diesem Jahr viele Besucher angezogen.", "de")
        #expect(de.contains { $0.name == "Leipziger Buchmesse" }, "\(de.map(\.name))")
        #expect(!de.contains { $0.name == "Besucher" })
    }

    /// A surname of a full name earlier in the text survives the drop rules and joins that person;
    /// a surname that looks like a compound of a non-word and a short word is no common noun.
    @Test func surnameSurvivesGermanNounRules() throws {
        let de = try taggedEntities("Außenministerin Annalena Baerbock reiste nach Kiew. Baerbock sprach dort über die Wärmepumpe.", "de")
        let baerbock = de.first { $0.name == "Annalena Baerbock" }
        #expect(baerbock?.type == .person && baerbock?.mentions.count == 2, "\(de.map { "\($0.name) x\($0.mentions.count)" })")
        #expect(!de.contains { $0.name == "Wärmepumpe" })
        let alone = try taggedEntities("Am Montag traf sich Baerbock mit Vertretern der Regierung.", "de")
        #expect(alone.contains { $0.name == "Baerbock" }, "\(alone.map(\.name))")
        let nouns = try taggedEntities("Der Zweistundentakt gilt bis März, die Jahresarbeitszahl steigt.", "de")
        #expect(!nouns.contains { $0.name == "Zweistundentakt" || $0.name == "Jahresarbeitszahl" }, "\(nouns.map(\.name))")
    }

    /// Lone names of unknown type take the type of the place they are listed with.
    @Test func listsShareTheirType() throws {
        let pt = try taggedEntities("As carreiras ligam o centro a Alcântara e Benfica todos os dias.", "pt")
        #expect(Self.type("Alcântara", in: pt) == .location, "\(pt.map { "\($0.name) \($0.type)" })")
        // "en" is "in" in Spanish, no coordinator there.
        let es = try taggedEntities("Comparte en Facebook esta noticia.", "es")
        #expect(Self.type("Comparte", in: es) != .organization, "\(es.map { "\($0.name) \($0.type)" })")
    }

    /// Titles, organisation heads and connectors of the minimal-lexicon languages.
    @Test func minimalLexiconNameLists() throws {
        let tagger = try #require(sharedTagger)
        let sv = tagger.data.lexicon("sv")
        #expect(sv.sparseFeatures != nil && sv.compoundOrgHeads)
        let svEntities = try taggedEntities("Det säger projektchefen Karin Sjöberg på Trafikverket i Göteborg.", "sv")
        #expect(Self.type("Trafikverket", in: svEntities) == .organization, "\(svEntities.map { "\($0.name) \($0.type)" })")
        #expect(svEntities.contains { $0.name == "Karin Sjöberg" && $0.type == .person && $0.confidence >= 0.9 })
        let pl = try taggedEntities("Wczoraj Rada Miasta Krakowa przyjęła nową uchwałę.", "pl")
        #expect(Self.type("Rada Miasta Krakowa", in: pl) == .organization, "\(pl.map { "\($0.name) \($0.type)" })")
        let pt = try taggedEntities("As carreiras que ligam o Cais do Sodré ao centro.", "pt")
        #expect(pt.contains { $0.name == "Cais do Sodré" }, "\(pt.map(\.name))")
    }

    /// ISO 3166-2 writes a second official name in brackets; both are aliases.
    @Test func bracketedSubdivisionNamesAreAliases() throws {
        let es = try taggedEntities("Los embalses de Cataluña caen al 16 % este año.", "es")
        #expect(Self.type("Cataluña", in: es) == .location, "\(es.map { "\($0.name) \($0.type)" })")
    }

    /// Dutch glues organisation heads onto names as German does.
    @Test func dutchCompoundOrgHead() throws {
        let nl = try taggedEntities("Volgens de Ondernemersvereniging Binnenstad Zwolle is het plan te duur.", "nl")
        #expect(nl.contains { $0.name.hasPrefix("Ondernemersvereniging") && $0.type == .organization }, "\(nl.map { "\($0.name) \($0.type)" })")
    }

    /// A conjunction joins two short runs when the second holds an organisation head; two full
    /// names in a row stay two.
    @Test func conjunctionJoinsOrganisationWithHeadAfter() throws {
        let en = try taggedEntities("Crews from Shropshire Fire and Rescue Service were called out.", "en")
        #expect(Self.type("Shropshire Fire and Rescue Service", in: en) == .organization, "\(en.map(\.name))")
        let two = try taggedEntities("The round was led by Harbor Lane Capital and the Lone Star Innovation Fund.", "en")
        #expect(two.contains { $0.name == "Lone Star Innovation Fund" }, "\(two.map(\.name))")
    }

    /// A weak gazetteer place at the head of a longer name joined by a connector does not type it.
    @Test func weakPlaceDoesNotTypeLongerName() throws {
        let pt = try taggedEntities("O investimento é financiado pelo Plano de Recuperação e Resiliência.", "pt")
        #expect(!pt.contains { $0.name.hasPrefix("Plano") && $0.type == .location }, "\(pt.map { "\($0.name) \($0.type)" })")
    }

    /// A sentence-initial word glued onto a listed organisation head is kept (Swedish).
    @Test func gluedOrganisationAtSentenceStart() throws {
        let sv = try taggedEntities("Västtrafik hade planerat att öka antalet avgångar.", "sv")
        #expect(Self.type("Västtrafik", in: sv) == .organization, "\(sv.map { "\($0.name) \($0.type)" })")
    }
}
