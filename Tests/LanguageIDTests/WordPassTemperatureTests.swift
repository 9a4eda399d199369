import Foundation
import Testing
@testable import LanguageID

/// Format version 7: the whole-word pass (long lines in the segmenter, articles) ranks with its own
/// fitted temperature; older files use the n-gram temperature for it, as before.
@Suite struct WordPassTemperatureTests {
    /// Repeated "hello" (en 100 per word in the tiny model) makes a text long enough for the word pass.
    static let longText = Array(repeating: "hello", count: 150).joined(separator: " ")

    @Test func olderFilesUseTheNGramTemperature() throws {
        let v6 = try WordWeightTests.load(WordWeightTests.bytes(version: 6, wordWeight: 1, shortWeights: [2]))
        #expect(v6.wordPassTemperature == v6.temperature)
    }

    @Test func versionSevenReadsItsOwnTemperature() throws {
        let v7 = try WordWeightTests.load(WordWeightTests.bytes(version: 7, wordWeight: 3, shortWeights: [8, 5],
                                                                 wordPassTemperature: 2))
        #expect(v7.wordPassTemperature == 2)
        #expect(v7.temperature == 8)
    }

    /// A sharper word-pass temperature gives the same answer with more confidence: the word pass
    /// settles the long text, and only its temperature differs between the two models.
    @Test func wordPassConfidenceFollowsItsTemperature() throws {
        let soft = LanguageIdentifier(model: try WordWeightTests.load(
            WordWeightTests.bytes(version: 7, wordWeight: 3, shortWeights: [8, 5], wordPassTemperature: 4000)))
        let sharp = LanguageIdentifier(model: try WordWeightTests.load(
            WordWeightTests.bytes(version: 7, wordWeight: 3, shortWeights: [8, 5], wordPassTemperature: 40)))
        let a = soft.identify(Self.longText)
        let b = sharp.identify(Self.longText)
        #expect(a.code == "en" && b.code == "en")
        #expect(b.confidence > a.confidence)
    }

    @Test(arguments: [Float(0), -1, .infinity, .nan])
    func badWordPassTemperatureIsMalformed(_ value: Float) throws {
        #expect(throws: LanguageModelError.self) {
            try WordWeightTests.load(WordWeightTests.bytes(version: 7, wordWeight: 3, shortWeights: [8, 5],
                                                           wordPassTemperature: value))
        }
    }
}
