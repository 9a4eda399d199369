import Foundation
import Testing
@testable import LanguageID

/// One identifier for the whole suite: loading the model is the expensive part.
let sharedIdentifier: LanguageIdentifier? = try? LanguageIdentifier.loadDefault()

func fixtureSentences() throws -> [(code: String, text: String)] {
    let url = try #require(Bundle.module.url(forResource: "Fixtures/sentences", withExtension: "tsv"))
    return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").compactMap { line in
        let parts = line.split(separator: "\t", maxSplits: 1)
        return parts.count == 2 ? (String(parts[0]), String(parts[1])) : nil
    }
}

@Suite struct LanguageIdentifierTests {
    @Test func identifiesFixtureSentences() throws {
        let identifier = try #require(sharedIdentifier)
        let fixtures = try fixtureSentences()
        #expect(fixtures.count >= 10)
        for (code, text) in fixtures {
            let guess = identifier.identify(text)
            #expect(guess.code == code, "\(text)")
            #expect((0...1).contains(guess.confidence))
            #expect(guess.alternatives.count <= 3)
            #expect(guess.alternatives.first?.code == guess.code)
            #expect(zip(guess.alternatives, guess.alternatives.dropFirst()).allSatisfy { $0.score >= $1.score })
        }
    }

    /// The ranking keeps the three largest softmax terms in one pass: they must be three distinct
    /// languages of the text's script (two when only two are allowed), best first, summing to ≤ 1.
    @Test func alternativesAreTheBestThreeDistinct() throws {
        let identifier = try #require(sharedIdentifier)
        for (_, text) in try fixtureSentences() {
            let guess = identifier.identify(text)
            let codes = guess.alternatives.map(\.code)
            #expect(Set(codes).count == codes.count)
            #expect(guess.alternatives.reduce(0) { $0 + $1.score } <= 1.000001)
            #expect(guess.confidence == guess.alternatives.first?.score)
        }
        let pair = identifier.identify("Het kabinet heeft dinsdag nieuwe maatregelen aangekondigd.", candidates: ["nl", "en"])
        #expect(pair.alternatives.map(\.code) == ["nl", "en"])
        #expect(abs(pair.alternatives.reduce(0) { $0 + $1.score } - 1) < 1e-9)
    }

    @Test(arguments: ["", "ab", "12 345 !!", "?", "x y"])
    func shortTextIsUndetermined(_ text: String) throws {
        let identifier = try #require(sharedIdentifier)
        let guess = identifier.identify(text)
        #expect(guess == .undetermined)
        #expect(guess.confidence == 0)
        #expect(!guess.reliable)
    }

    @Test func singleIdeographicWordIsJudged() throws {
        let identifier = try #require(sharedIdentifier)
        #expect(identifier.identify("东京").code != "und")
        #expect(identifier.identify("ありがとう").code == "ja")
    }

    @Test func candidatesRestrictTheAnswer() throws {
        let identifier = try #require(sharedIdentifier)
        let german = "Die Bundesregierung hat am Dienstag neue Maßnahmen angekündigt."
        #expect(identifier.identify(german).code == "de")
        let restricted = identifier.identify(german, candidates: ["nl", "en"])
        #expect(["nl", "en"].contains(restricted.code))
        #expect(restricted.alternatives.allSatisfy { ["nl", "en"].contains($0.code) })
        #expect(identifier.identify(german, candidates: ["de", "fr"]).code == "de")
    }

    @Test func scriptDecidesSingleScriptLanguages() throws {
        let identifier = try #require(sharedIdentifier)
        #expect(identifier.identify("Η κυβέρνηση").code == "el")
        #expect(identifier.identify("ქართული ენა").code == "ka")
        #expect(identifier.identify("שלום עולם").code == "he")
    }

    @Test func segmentsSplitParagraphsByLanguage() throws {
        let identifier = try #require(sharedIdentifier)
        let english = "The government announced new measures on Tuesday to bring down energy prices."
        let dutch = "De regering heeft dinsdag nieuwe maatregelen aangekondigd om de energieprijzen te verlagen."
        let text = english + "\n\n" + dutch
        let segments = identifier.segments(text)
        #expect(segments.map(\.code) == ["en", "nl"])
        #expect(segments.first?.utf8Range.lowerBound == 0)
        #expect(segments.last?.utf8Range.upperBound == text.utf8.count)
        let start = try #require(segments.last?.utf8Range.lowerBound)
        #expect(String(decoding: Array(text.utf8)[start...], as: UTF8.self).hasSuffix(dutch))
        #expect(identifier.segments(english + "\n" + english).map(\.code) == ["en"])
        #expect(identifier.segments("").isEmpty)
        // Blank lines (skipped without a guess) belong to the span before them, or the first one.
        let padded = "\n\n" + english + "\n\n\n" + dutch + "\n\n"
        let spans = identifier.segments(padded)
        #expect(spans.map(\.code) == ["en", "nl"])
        #expect(spans.first?.utf8Range.lowerBound == 0 && spans.last?.utf8Range.upperBound == padded.utf8.count)
        #expect(spans.first?.utf8Range.upperBound == spans.last?.utf8Range.lowerBound.advanced(by: -1))
    }

    /// Line ends are found with memchr on the UTF-8: every break, none past the end, multi-byte text.
    @Test func lineEndFindsEachBreak() {
        let text = "één\n\nzwei drei\nend"
        let bytes = Array(text.utf8)
        var ends: [Int] = []
        bytes.withUnsafeBufferPointer { buffer in
            var start = 0
            while true {
                let end = LanguageIdentifier.lineEnd(in: buffer, from: start)
                ends.append(end)
                if end == buffer.count { break }
                start = end + 1
            }
            #expect(LanguageIdentifier.lineEnd(in: buffer, from: buffer.count) == buffer.count)
        }
        #expect(ends == [5, 6, 16, 20])
        [UInt8]().withUnsafeBufferPointer { empty in
            #expect(LanguageIdentifier.lineEnd(in: empty, from: 0) == 0)
        }
    }

    /// Long lines take the whole-word pass; it must agree with the n-gram pass on real prose.
    @Test func segmentsOfLongParagraphsAreJudgedByWords() throws {
        let identifier = try #require(sharedIdentifier)
        let dutch = "De gemeenteraad van Utrecht heeft donderdagavond na een lang debat ingestemd met het plan om "
            + "de binnenstad autoluw te maken. Volgens de wethouder moeten de eerste maatregelen al in het voorjaar "
            + "ingaan, maar ondernemers vrezen dat klanten wegblijven."
        let english = "The city council voted on Thursday evening after a long debate to approve the plan to make "
            + "the centre largely car free. According to the alderman the first measures should take effect in the "
            + "spring, but shop owners fear that customers will stay away."
        let text = [dutch, dutch, english, english, dutch].joined(separator: "\n\n")
        #expect(identifier.segments(text).map(\.code) == ["nl", "en", "nl"])
        #expect(identifier.segments([dutch, dutch, dutch].joined(separator: "\n")).map(\.code) == ["nl"])
    }

    /// Credits and one-word furniture lines are too little to judge: no false segments from them.
    @Test func shortLinesJoinTheirNeighbours() throws {
        let identifier = try #require(sharedIdentifier)
        let english = "Officials say the first franchised routes will start in Doncaster in March, with the rest "
            + "of the region following within two years."
        let credit = "(Reporting by Marek Zielinski; Editing by Helen Moore)"
        #expect(identifier.segments([english, credit, english].joined(separator: "\n")).map(\.code) == ["en"])
        let polish = "Od 1 lipca do centrum miasta nie wjadą samochody z silnikiem Diesla, które nie spełniają "
            + "normy emisji spalin, powiedziała wiceprezydent miasta."
        let segments = identifier.segments(["Reklama", "", polish].joined(separator: "\n"))
        #expect(segments.map(\.code) == ["pl"])
        #expect(segments.first?.utf8Range.lowerBound == 0)
    }

    @Test func concurrentUseGivesSameAnswers() async throws {
        let identifier = try #require(sharedIdentifier)
        let fixtures = try fixtureSentences()
        let results = await withTaskGroup(of: [String].self) { group in
            for _ in 0..<4 {
                group.addTask { fixtures.map { identifier.identify($0.text).code } }
            }
            var all: [[String]] = []
            for await r in group { all.append(r) }
            return all
        }
        #expect(Set(results).count == 1)
    }
}

@Suite struct LanguageModelLoadingTests {
    /// Long texts take the whole-word first pass (and the n-gram fallback when it is not decisive);
    /// either way an article of one language must come out as that language.
    @Test func longTextsAreIdentified() throws {
        let identifier = try #require(sharedIdentifier)
        for (code, text) in try fixtureSentences() {
            let article = Array(repeating: text, count: 12).joined(separator: " ")
            #expect(article.utf8.count > LanguageIdentifier.longTextBytes)
            let guess = identifier.identify(article)
            #expect(guess.code == code, "\(code) article")
            #expect((0...1).contains(guess.confidence))
        }
    }

    /// Members of a confusable group share the softer group temperature, so a close call between
    /// them is never more confident than the same margin against an unrelated language.
    @Test func confusableGroupsSoftenConfidence() throws {
        let identifier = try #require(sharedIdentifier)
        #expect(identifier.model.groupTemperature >= identifier.model.temperature)
        #expect(LanguageCatalog.confusableGroup(of: "hr") == LanguageCatalog.confusableGroup(of: "bs"))
        #expect(LanguageCatalog.confusableGroup(of: "id") == LanguageCatalog.confusableGroup(of: "ms"))
        #expect(LanguageCatalog.confusableGroup(of: "nb") == LanguageCatalog.confusableGroup(of: "nn"))
        #expect(LanguageCatalog.confusableGroup(of: "en") == nil)
    }

    /// Close siblings are told apart by the words one writes where the other writes another
    /// (ikkje/ikke, kerana/karena, tijekom/tokom): the pair markers of the training script.
    @Test func closePairsFollowTheirMarkers() throws {
        let identifier = try #require(sharedIdentifier)
        let url = try #require(Bundle.module.url(forResource: "Fixtures/close-pairs", withExtension: "tsv"))
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n")
        #expect(lines.count >= 6)
        for line in lines {
            let parts = line.split(separator: "\t", maxSplits: 1)
            guard parts.count == 2 else { continue }
            #expect(identifier.identify(parts[1]).code == String(parts[0]), "\(parts[1])")
        }
    }

    @Test func nonFiniteTemperatureIsMalformed() throws {
        var bytes = Array("LIDM".utf8)
        for word: UInt32 in [2, 1, Float(16).bitPattern, Float.nan.bitPattern, Float(6).bitPattern] {
            bytes += withUnsafeBytes(of: word.littleEndian, Array.init)
        }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lid-nan-\(UUID().uuidString).bin")
        try Data(bytes).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try LanguageModel(contentsOf: url)
            Issue.record("expected a malformed-model error")
        } catch {
            if case .malformed = error {} else { Issue.record("unexpected \(error)") }
        }
    }

    @Test func missingFileIsUnreadable() {
        let url = URL(fileURLWithPath: "/nonexistent/language-model.bin")
        #expect(throws: LanguageModelError.self) { try LanguageModel(contentsOf: url) }
    }

    @Test func garbageIsMalformed() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("lid-garbage-\(UUID().uuidString).bin")
        try Data("LIDM\u{1}\0\0\0garbage".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        do {
            _ = try LanguageModel(contentsOf: url)
            Issue.record("expected a malformed-model error")
        } catch {
            if case .malformed = error {} else { Issue.record("unexpected \(error)") }
        }
    }

    @Test func defaultDataDirectoryIsFound() {
        #expect(LanguageModel.defaultDataDirectory() != nil)
    }
}
