import Foundation
import Testing
@testable import LanguageID

/// Format version 5: the whole-word feature counts `wordWeight` times in the n-gram pass; version 6
/// adds larger weights for texts of one or two words.
/// Tiny hand-built models: "hello" → en (100) and the bigram " h" → de (150).
@Suite struct WordWeightTests {
    static func hash(_ text: String, seed: UInt64) -> UInt64 {
        var h = seed
        for scalar in text.unicodeScalars { h = (h ^ UInt64(scalar.value)) &* FeatureScorer.fnvPrime }
        return h
    }

    static func bytes(version: UInt32, wordWeight: UInt32, shortWeights: [UInt32] = [],
                      backoff: [UInt8] = [UInt8](repeating: 0, count: 8), wordPassTemperature: Float = 8) -> [UInt8] {
        var bytes = Array("LIDM".utf8)
        func u32(_ v: UInt32) { bytes += withUnsafeBytes(of: v.littleEndian, Array.init) }
        u32(version)
        u32(2)
        for f: Float in [16, 8, 24, 0] { u32(f.bitPattern) }
        if version >= 5 { u32(wordWeight) }
        if version >= 6 {
            u32(UInt32(shortWeights.count))
            for w in shortWeights { u32(w) }
        }
        if version >= 7 { u32(wordPassTemperature.bitPattern) }
        bytes += Array("en\0\0de\0\0".utf8)
        if version >= 4 { bytes += backoff }
        let features = [(hash("hello", seed: FeatureScorer.wordSeed), UInt16(0 << 8 | 100)),
                        (hash(" h", seed: FeatureScorer.fnvOffset), UInt16(1 << 8 | 150))].sorted { $0.0 < $1.0 }
        u32(2)  // features
        u32(2)  // postings
        for (key, _) in features { bytes += withUnsafeBytes(of: key.littleEndian, Array.init) }
        for offset: UInt32 in [0, 1, 2] { u32(offset) }
        for (_, posting) in features { bytes += withUnsafeBytes(of: posting.littleEndian, Array.init) }
        return bytes
    }

    static func load(_ bytes: [UInt8]) throws -> LanguageModel {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lid-weight-\(UUID().uuidString).bin")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try LanguageModel(contentsOf: url)
    }

    @Test func wordWeightOutweighsNGrams() throws {
        let v4 = LanguageIdentifier(model: try Self.load(Self.bytes(version: 4, wordWeight: 1)))
        #expect(v4.model.wordWeight == 1)
        #expect(v4.identify("hello").code == "de")  // 100 < 150
        let v5 = LanguageIdentifier(model: try Self.load(Self.bytes(version: 5, wordWeight: 3)))
        #expect(v5.model.wordWeight == 3)
        #expect(v5.identify("hello").code == "en")  // 3 · 100 > 150
    }

    @Test(arguments: [UInt32(0), 17])
    func outOfRangeWordWeightIsMalformed(_ weight: UInt32) throws {
        #expect(throws: LanguageModelError.self) { try Self.load(Self.bytes(version: 5, wordWeight: weight)) }
        #expect(throws: LanguageModelError.self) {
            try Self.load(Self.bytes(version: 6, wordWeight: 1, shortWeights: [weight]))
        }
    }

    @Test func tooManyShortWeightsIsMalformed() throws {
        #expect(throws: LanguageModelError.self) {
            try Self.load(Self.bytes(version: 6, wordWeight: 1, shortWeights: [UInt32](repeating: 2, count: 9)))
        }
    }

    /// Version 6: one word counts its short-text weight, longer texts the base weight.
    @Test func shortTextWeightAppliesByWordCount() throws {
        let v6 = LanguageIdentifier(model: try Self.load(Self.bytes(version: 6, wordWeight: 1, shortWeights: [2])))
        #expect(v6.model.shortWordWeights == [2])
        #expect(v6.identify("hello").code == "en")  // 2 · 100 > 150
        #expect(v6.identify("hello!").code == "en")  // punctuation is no word
        // Two words: base weight 1, so en 100 < de 150 (" h" once; "xyz" unknown to both).
        #expect(v6.identify("hello xyz").code == "de")
        let v5 = LanguageIdentifier(model: try Self.load(Self.bytes(version: 5, wordWeight: 1)))
        #expect(v5.model.shortWordWeights.isEmpty)
        #expect(v5.identify("hello").code == "de")
    }

    /// A sparse language's word back-off is a guess for unlisted words and keeps the base weight:
    /// de's word back-off 110 (×1, not ×3) plus its bigram 150 stays below en's 3 · 100 on "hello".
    @Test func shortTextWeightLeavesBackoffAtBaseWeight() throws {
        let backoff: [UInt8] = [0, 0, 0, 0, 0, 0, 0, 110]
        let base = LanguageIdentifier(model: try Self.load(Self.bytes(version: 6, wordWeight: 1, shortWeights: [], backoff: backoff)))
        #expect(base.identify("hello").code == "de")  // 150 + 110 > 100
        let short = LanguageIdentifier(model: try Self.load(Self.bytes(version: 6, wordWeight: 1, shortWeights: [3], backoff: backoff)))
        #expect(short.identify("hello").code == "en")  // 3 · 100 = 300 > 150 + 110 (not 150 + 3 · 110)
    }

    @Test func newerFormatIsRejected() throws {
        var bytes = Self.bytes(version: 6, wordWeight: 3, shortWeights: [6])
        bytes[4] = UInt8(LanguageModel.formatVersion + 1)
        do {
            _ = try Self.load(bytes)
            Issue.record("expected a malformed-model error")
        } catch let error as LanguageModelError {
            if case let .malformed(_, reason) = error {
                #expect(reason.contains("unsupported version"))
            } else {
                Issue.record("unexpected \(error)")
            }
        }
    }

    @Test func trainedModelIsCurrentFormat() throws {
        let identifier = try #require(sharedIdentifier)
        #expect(identifier.model.wordWeight > 1)
        #expect(identifier.model.shortWordWeights.count == 2)
        #expect(identifier.model.shortWordWeights.allSatisfy { $0 > identifier.model.wordWeight })
        // Version 7: the word pass has its own, sharper fit (its scores are a fraction of the
        // n-gram pass's).
        #expect(identifier.model.wordPassTemperature < identifier.model.temperature)
    }
}
