import Foundation
import Testing

@testable import Cleaning

/// The project's seed article (Dutch news with inline furniture): the acceptance test.
@Suite struct SeedArticleTests {
    static func seed() throws -> String {
        let url = try #require(Bundle.module.url(forResource: "seed-nl-ukraine", withExtension: "txt", subdirectory: "Fixtures"))
        return try String(contentsOf: url, encoding: .utf8)
    }

    static func cleaner() throws -> Cleaner {
        Cleaner(patterns: try PatternSet.loadDefault())
    }

    @Test func removesExactlyTheSevenFurnitureLines() throws {
        let result = try Self.cleaner().clean(try Self.seed(), language: "nl", source: "seed")
        #expect(!result.flagged)
        #expect(result.removed.count == 7)
        let prefixes = [
            "Lees ook Play Poetin", "Onze excuses Helaas", "Volg alle ontwikkelingen", "Lees door onder de kaart",
            "Onze excuses Helaas", "Bekijk hier onze video", "Praat mee, reageren kan",
        ]
        for (removed, prefix) in zip(result.removed, prefixes) {
            #expect(removed.text.hasPrefix(prefix), "\(removed.text)")
        }
        #expect(result.linesBefore == 15)
        #expect(result.linesAfter == 8)
    }

    @Test func keepsAllEightStoryLinesIncludingTheSubheading() throws {
        let result = try Self.cleaner().clean(try Self.seed(), language: "nl", source: "seed")
        let kept = result.text.split(separator: "\n").map(String.init)
        #expect(kept.count == 8)
        #expect(kept.contains("Speeltuin geraakt"))
        #expect(kept.first?.hasPrefix("De Russische president Vladimir Poetin") == true)
        #expect(kept.last?.hasPrefix("Poetin zei ook dat hij") == true)
        #expect(!result.text.contains("date 2022-10"))
        #expect(result.text.contains("\n\nSpeeltuin geraakt\n\n"))
    }

    @Test func worksWithoutLanguageHint() throws {
        let result = try Self.cleaner().clean(try Self.seed())
        #expect(result.language == "nl")
        #expect(result.removed.count == 7)
    }

    @Test func everyRemovalHasARule() throws {
        let result = try Self.cleaner().clean(try Self.seed(), language: "nl")
        for removed in result.removed {
            #expect(!removed.ruleID.isEmpty)
        }
        #expect(result.wordsAfter < result.wordsBefore)
    }
}
