import Foundation
import Testing
@testable import Tagging

/// Shared tagger: loading the data takes a few hundred milliseconds.
let sharedTagger: Tagger? = try? Tagger.loadDefault()

/// The entities the shared tagger finds in `text` (the rule suites' common first step).
func taggedEntities(_ text: String, _ language: String) throws -> [ExpandedEntity] {
    let tagger = try #require(sharedTagger)
    return tagger.tag(text: text, language: language).expandedEntities
}

/// An entity with its surface forms and mentions beside it (the result keeps them in flat arrays
/// that entities slice), so expectations read like the record.
struct ExpandedEntity {
    let type: EntityType
    let name: String
    let canonical: String
    let surfaceForms: [String]
    let mentions: [(text: String, range: Range<Int>)]
    let confidence: Double
    var count: Int { mentions.count }
}

extension TaggingResult {
    var expandedEntities: [ExpandedEntity] {
        entities.map { e in
            ExpandedEntity(type: e.type, name: e.name, canonical: e.canonical, surfaceForms: Array(surfaceForms(of: e)),
                           mentions: mentions(of: e).map { (surfaceForms[$0.surfaceForm], $0.range) }, confidence: e.confidence)
        }
    }
}

func fixture(_ name: String) throws -> String {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/\(name)", withExtension: nil))
    return try String(contentsOf: url, encoding: .utf8)
}

@Suite struct SeedArticleTests {
    let result: TaggingResult

    init() throws {
        let tagger = try #require(sharedTagger)
        result = tagger.tag(text: try fixture("seed-nl-poetin.txt"), language: "nl", publishedAt: "2022-10")
    }

    func entity(_ name: String, _ type: EntityType) -> ExpandedEntity? {
        result.expandedEntities.first { $0.type == type && ($0.name == name || $0.surfaceForms.contains(name)) }
    }

    @Test func putinMentionsAreOneEntity() throws {
        let putin = try #require(entity("Vladimir Poetin", .person))
        #expect(putin.name == "Vladimir Poetin")
        #expect(putin.canonical == "Vladimir Putin")
        #expect(putin.surfaceForms.contains("Poetin"))
        // Every "Poetin" in the text belongs to this entity, and no other entity holds one.
        let text = try fixture("seed-nl-poetin.txt")
        let occurrences = text.components(separatedBy: "Poetin").count - 1
        #expect(putin.count == occurrences)
        #expect(result.expandedEntities.filter { $0.surfaceForms.contains { $0.contains("Poetin") } }.count == 1)
    }

    @Test(arguments: ["Oekraïne", "Rusland", "Kazachstan", "Krim", "Turkije", "Verenigde Arabische Emiraten", "Kiev"])
    func locations(_ name: String) {
        #expect(entity(name, .location) != nil, "missing LOC \(name)")
    }

    @Test func organisations() {
        #expect(entity("EU", .organization)?.canonical == "European Union")
        #expect(result.entities.contains { $0.type == .organization && $0.name.lowercased() == "ministerie van defensie" })
    }

    @Test func topicsIncludeWarAndPolitics() {
        let codes = result.topics.map(\.code)
        #expect(codes.contains("16000000"))
        #expect(codes.contains("11000000"))
        #expect(result.topics.first?.code == "16000000")
    }

    @Test func atLeastThreeQuotesByPutin() {
        let byPutin = result.quotes.filter { $0.speakerCanonical == "Vladimir Putin" }
        #expect(byPutin.count >= 3)
        #expect(byPutin.contains { $0.text.hasPrefix("In de nabije toekomst") })
        #expect(!result.quotes.contains { $0.text == "te vernietigen" })
    }

    @Test func quantities() {
        let values = Set(result.quantities.map(\.value))
        for v in [300_000.0, 220_000, 16_000] { #expect(values.contains(v), "missing \(v)") }
        #expect(result.quantities.contains { $0.value == 1100 && $0.unit == "kilometer" })
        #expect(result.quantities.contains { $0.value == 300_000 && $0.counted == "mensen" })
    }

    @Test func datesResolveAgainstPublication() {
        #expect(result.dates.contains { $0.text == "24 februari" && $0.value == "2022-02-24" })
        #expect(result.dates.contains { $0.text == "Eind september" && $0.value == "2022-09" && $0.qualifier == "late" })
        #expect(result.dates.contains { $0.text == "zaterdagochtend" && $0.qualifier == "ochtend" })
        #expect(result.dates.contains { $0.value == "2014" })
    }

    @Test func offsetsAreUTF8ByteRanges() throws {
        let bytes = Array(try fixture("seed-nl-poetin.txt").utf8)
        for e in result.expandedEntities {
            for m in e.mentions {
                #expect(String(decoding: bytes[m.range], as: UTF8.self) == m.text)
            }
        }
    }

    @Test func keywordsAreContentWords() {
        #expect(!result.keywords.isEmpty)
        #expect(!result.keywords.contains { ["de", "het", "een", "zei"].contains($0.text) })
    }
}
