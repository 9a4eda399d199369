import Foundation
import Testing
@testable import LanguageID

/// Tiny hand-built models: one whole-word feature ("hello" → en) and per-language back-off, so the
/// version 4 offsets can be checked against version 3 behaviour without the trained model.
@Suite struct BackoffTests {
    static func wordHash(_ word: String) -> UInt64 {
        var h = FeatureScorer.wordSeed
        for scalar in word.unicodeScalars { h = (h ^ UInt64(scalar.value)) &* FeatureScorer.fnvPrime }
        return h
    }

    /// Writes a model with languages en, de (and ru when `withRussian`); `backoff` (4 bytes per
    /// language) nil writes version 3, which has no back-off.
    static func model(backoff: [UInt8]?, withRussian: Bool = false) throws -> LanguageModel {
        var bytes = Array("LIDM".utf8)
        func u32(_ v: UInt32) { bytes += withUnsafeBytes(of: v.littleEndian, Array.init) }
        u32(backoff == nil ? 3 : 4)
        u32(withRussian ? 3 : 2)
        for f: Float in [16, 8, 24, 0] { u32(f.bitPattern) }
        bytes += Array("en\0\0de\0\0".utf8) + (withRussian ? Array("ru\0\0".utf8) : [])
        if let backoff { bytes += backoff }
        u32(1)  // features
        u32(1)  // postings
        bytes += withUnsafeBytes(of: wordHash("hello").littleEndian, Array.init)
        u32(0)
        u32(1)
        bytes += withUnsafeBytes(of: UInt16(0 << 8 | 100).littleEndian, Array.init)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lid-backoff-\(UUID().uuidString).bin")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try LanguageModel(contentsOf: url)
    }

    @Test func zeroBackoffMatchesVersion3() throws {
        let v3 = LanguageIdentifier(model: try Self.model(backoff: nil))
        let v4 = LanguageIdentifier(model: try Self.model(backoff: [UInt8](repeating: 0, count: 8)))
        #expect(!v3.model.hasOffsets)
        #expect(!v4.model.hasOffsets)  // all-zero back-off needs no offset rows
        let long = Array(repeating: "hello world again", count: 60).joined(separator: " ")
        for text in ["hello world", "hello", "world peace now", long] {
            #expect(v3.identify(text) == v4.identify(text), "\(text.prefix(20))")
        }
        #expect(v4.identify("hello world").code == "en")
    }

    /// Each word part adds b2·(len+1) + b3·len + b4·(len−1) + bw; with de's back-off large enough
    /// the unknown words outweigh en's single known word.
    @Test func backoffIsAddedPerWordPart() throws {
        // "hello world": two parts of 5 letters → per part 6·b2 + 5·b3 + 4·b4 + bw.
        let small = LanguageIdentifier(model: try Self.model(backoff: [0, 0, 0, 0, 0, 0, 0, 4]))
        #expect(small.identify("hello world").code == "en")  // de: 2·4 = 8 < 100
        let large = LanguageIdentifier(model: try Self.model(backoff: [0, 0, 0, 0, 4, 4, 4, 4]))
        #expect(large.identify("hello world").code == "de")  // de: 2·4·(6+5+4+1) = 128 > 100
        let below = LanguageIdentifier(model: try Self.model(backoff: [0, 0, 0, 0, 3, 3, 3, 3]))
        #expect(below.identify("hello world").code == "en")  // de: 2·3·16 = 96 < 100
        let whole = LanguageIdentifier(model: try Self.model(backoff: [0, 0, 0, 0, 0, 0, 0, 60]))
        // The n-gram pass adds the word back-off per word: de 3·60 > en 100.
        #expect(whole.identify("hello world again").code == "de")
        // Long texts take the whole-word pass first, which leaves the back-off out and settles
        // once en is 400 ahead on its known words.
        let long = Array(repeating: "hello world", count: 80).joined(separator: " ")
        #expect(whole.identify(long).code == "en")
        #expect(whole.identify("hello").code == "en")  // de 60 < en 100
    }

    /// A word only charges languages of its own script: the Cyrillic word must not add de's
    /// back-off (else de: 60 + 60 > en: 100).
    @Test func backoffCountsOnlyWordsOfTheLanguagesScript() throws {
        let identifier = LanguageIdentifier(model: try Self.model(
            backoff: [0, 0, 0, 0, 0, 0, 0, 60, 0, 0, 0, 0], withRussian: true))
        #expect(identifier.model.hasOffsets)
        #expect(identifier.identify("hello мир").code == "en")
        #expect(identifier.identify("hello world again").code == "de")  // de 3·60 > en 100
    }

    @Test func backoffAloneIsUndetermined() throws {
        let identifier = LanguageIdentifier(model: try Self.model(backoff: [9, 9, 9, 9, 9, 9, 9, 9]))
        #expect(identifier.identify("world peace now").code == "und")
        let long = Array(repeating: "world peace now", count: 60).joined(separator: " ")
        #expect(identifier.identify(long).code == "und")
    }
}
