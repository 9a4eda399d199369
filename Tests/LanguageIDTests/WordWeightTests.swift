import Foundation
import Testing
@testable import LanguageID

/// Format version 5: the whole-word feature counts `wordWeight` times in the n-gram pass.
/// Tiny hand-built models: "hello" → en (100) and the bigram " h" → de (150).
@Suite struct WordWeightTests {
    static func hash(_ text: String, seed: UInt64) -> UInt64 {
        var h = seed
        for scalar in text.unicodeScalars { h = (h ^ UInt64(scalar.value)) &* FeatureScorer.fnvPrime }
        return h
    }

    static func bytes(version: UInt32, wordWeight: UInt32) -> [UInt8] {
        var bytes = Array("LIDM".utf8)
        func u32(_ v: UInt32) { bytes += withUnsafeBytes(of: v.littleEndian, Array.init) }
        u32(version)
        u32(2)
        for f: Float in [16, 8, 24, 0] { u32(f.bitPattern) }
        if version >= 5 { u32(wordWeight) }
        bytes += Array("en\0\0de\0\0".utf8)
        if version >= 4 { bytes += [UInt8](repeating: 0, count: 8) }
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
    }

    @Test func newerFormatIsRejected() throws {
        var bytes = Self.bytes(version: 5, wordWeight: 3)
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
    }
}
