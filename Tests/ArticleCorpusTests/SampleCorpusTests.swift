@testable import ArticleCorpus
import Foundation
import Pipeline
import Testing

struct SampleCorpusTests {
    static let samples = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config/samples")

    @Test func readsEveryLanguageOfTheSamplesAndSkipsBrokenOnesAndCopies() throws {
        let corpus = try SampleCorpus(directory: Self.samples)
        #expect(corpus.languages.map(\.code) == ["de", "en", "es", "fr", "it", "nl", "pl", "pt", "sv"])
        #expect(SampleCorpus.language(ofFile: "010-wire-a-en.json") == "en")
        #expect(SampleCorpus.language(ofFile: "900-broken-invalid-utf8.json") == nil)
        #expect(SampleCorpus.language(ofFile: "030-dup-of-001-utm-nl.json") == nil)
        // The seed's `date 2022-10` header line is not a paragraph.
        let dutch = try #require(corpus.languages.first { $0.code == "nl" })
        #expect(!(dutch.sentences + dutch.shortLines).contains { $0.hasPrefix("date ") })
        #expect(dutch.shortLines.contains { $0.hasPrefix("Lees ook") })
    }

    @Test func articlesAreDeterministicUniqueDecodableAndAboutTheAskedSize() throws {
        let corpus = try SampleCorpus(directory: Self.samples)
        let decoder = ArticleDecoder()
        var texts = Set<String>()
        for index in 0..<40 {
            let bytes = corpus.json(index: index, approximateBytes: 4_096)
            #expect(bytes == corpus.json(index: index, approximateBytes: 4_096))
            #expect((3_600...5_600).contains(bytes.count), "article \(index) is \(bytes.count) B")
            let article = try decoder.decode(value: bytes, key: nil)
            #expect(article.id == corpus.id(index))
            texts.insert(article.text)
        }
        // Every tenth article is a syndicated copy with the same body as the one five before.
        #expect(texts.count == 40 - 4)
    }

    @Test func splitsProseIntoSentences() {
        #expect(SampleCorpus.sentences(of: "De raad stemde donderdag in. Het plan kost 4 miljoen euro! Wat nu?")
            == ["De raad stemde donderdag in.", "Het plan kost 4 miljoen euro!", "Wat nu?"])
        // Abbreviations like "dr. Jansen" stay inside the sentence (too short to end one).
        #expect(SampleCorpus.sentences(of: "Volgens dr. Jansen gaat het goed.").count == 1)
    }

    @Test func aMissingDirectoryIsATypedError() {
        #expect(throws: CorpusError.self) { try SampleCorpus(directory: URL(fileURLWithPath: "/nonexistent/samples")) }
    }
}
