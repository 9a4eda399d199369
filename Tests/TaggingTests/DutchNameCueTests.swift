import Testing
@testable import Tagging

/// The Dutch cue words (`NameCues`): the word before a name, the head of an event, a year, quotation
/// marks and a byline type names that no list holds. Sentences written for the test.
@Suite struct DutchNameCueTests {
    static func type(_ name: String, in entities: [ExpandedEntity]) -> EntityType? {
        entities.first { $0.name == name }?.type
    }

    static func describe(_ entities: [ExpandedEntity]) -> String {
        entities.map { "\($0.name) \($0.type)" }.joined(separator: "; ")
    }

    @Test func wordsBeforeAName() throws {
        let nl = try taggedEntities("Gisteren sprak Van Oosterwijck met de pers over het plan.\n"
            + "Hij verhuisde vorig jaar naar Keulen en later naar Zwevelgem.\n"
            + "Ze werkt al tien jaar bij Drabbelsoft.\nDe minister van Toerisme keurde het plan goed.", "nl")
        #expect(Self.type("Van Oosterwijck", in: nl) == .person, "\(Self.describe(nl))")
        #expect(Self.type("Keulen", in: nl) == .location, "\(Self.describe(nl))")
        #expect(Self.type("Zwevelgem", in: nl) == .location, "\(Self.describe(nl))")
        #expect(Self.type("Drabbelsoft", in: nl) == .organization, "\(Self.describe(nl))")
        #expect(Self.type("Toerisme", in: nl) == .organization, "\(Self.describe(nl))")
    }

    @Test func eventsTitlesAndBylines() throws {
        let nl = try taggedEntities("Hij won vorig jaar de Ronde van Frankrijk en bereidt zich voor op Euro 2000.\n"
            + "Ze las het boek ' Harry Potter ' opnieuw.\nAmerikaanse wijnen zijn duur.\n( KDM )\n", "nl")
        #expect(Self.type("Ronde van Frankrijk", in: nl) == .miscellaneous, "\(Self.describe(nl))")
        #expect(Self.type("Euro 2000", in: nl) == .miscellaneous, "\(Self.describe(nl))")
        #expect(Self.type("Harry Potter", in: nl) == .miscellaneous, "\(Self.describe(nl))")
        #expect(Self.type("Amerikaanse", in: nl) == .miscellaneous, "\(Self.describe(nl))")
        #expect(Self.type("KDM", in: nl) == .person, "\(Self.describe(nl))")
    }

    /// Other languages have no cue words: the same rules leave them as they were.
    @Test func otherLanguagesUnchanged() throws {
        let en = try taggedEntities("She moved to Keulen last year.\n( KDM )\n", "en")
        #expect(Self.type("KDM", in: en) != .person, "\(Self.describe(en))")
    }
}
