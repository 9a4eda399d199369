import Foundation
import Pipeline
import Testing
@testable import Cleaning

/// `stages.clean.extra_patterns`: an operator's own furniture phrases, `<lang>.tsv` files in a
/// directory, are added to the shipped patterns.
struct ExtraPatternsTests {
    static let configCleaning = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Config/cleaning")

    @Test func aPhraseFromTheOperatorsFileIsRemovedByItsCategory() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("extra-patterns-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "promo\tstart\t12\tget the example daily app\n".write(to: directory.appendingPathComponent("en.tsv"), atomically: true, encoding: .utf8)

        let cleaner = Cleaner(patterns: try PatternSet.loadDefault(extraPatterns: directory))
        let promo = "Get the Example Daily app for the latest news"
        let result = cleaner.clean(StoryEdgeTests.story + "\n" + promo + "\n" + StoryEdgeTests.story.prefix(120), language: "en")
        #expect(result.removed.contains { $0.text == promo && $0.ruleID == "pattern:promo" })

        // The stage takes the directory from its parameter.
        let stage = try CleaningStage(parameters: DictionaryStageParameters(stageName: "clean", values: ["extra_patterns": directory.path]))
        #expect(stage.cleaner.patterns.patterns.count == (try PatternSet.loadDefault()).patterns.count + 1)
    }

    @Test func theExampleFileAddsNothingAndAMissingDirectoryIsAnError() throws {
        let shipped = try PatternSet.loadDefault().patterns.count
        #expect(try PatternSet.loadDefault(extraPatterns: Self.configCleaning).patterns.count == shipped)
        let error = #expect(throws: CleaningDataError.self) {
            _ = try PatternSet.loadDefault(extraPatterns: URL(fileURLWithPath: "/nonexistent/articled-patterns"))
        }
        #expect(error?.description == "cannot read /nonexistent/articled-patterns: no such directory")
    }
}
