import Testing
@testable import Dedupe

/// State rules: check never inserts, replays are not duplicates of themselves, bounded state,
/// changelog round trip, concurrent use.
@Suite struct IndexStateTests {
    static let story = """
        Dockworkers at the Polish port of Gdansk returned to work on Thursday after a three-day strike \
        ended with an agreement on a pay rise, the port operator and the main union said. Around 1,400 \
        workers at the container terminals walked off the job on Monday, halting the loading of ships.
        """

    func story(_ n: Int) -> String {
        "Story number \(n) about topic \(n * 7919 % 1000): " + (0..<40).map { "w\(n)x\($0)" }.joined(separator: " ")
    }

    @Test func checkDoesNotInsertSoACrashBeforeAckIsHarmless() {
        let index = DedupeIndex()
        let fingerprint = index.fingerprinter.fingerprint(id: "a", url: "https://x.com/a", text: Self.story)
        #expect(index.check(fingerprint).status == .unique)
        // Processed, crashed before the ack, re-delivered: still unique.
        #expect(index.check(fingerprint).status == .unique)
        #expect(index.count == 0)
    }

    @Test func replayOfTheSameIDIsNeverItsOwnDuplicate() {
        let index = DedupeIndex()
        let fingerprint = index.fingerprinter.fingerprint(id: "a", url: "https://x.com/a", text: Self.story)
        #expect(index.insert(fingerprint, firstSeenMilliseconds: 10) != nil)
        let replay = index.check(fingerprint)
        #expect(replay.status == .unique)
        #expect(replay.seenBefore)
        // Inserting again is a no-op: nothing to produce to the changelog.
        #expect(index.insert(fingerprint, firstSeenMilliseconds: 20) == nil)
        #expect(index.entry(id: "a")?.firstSeenMilliseconds == 10)
    }

    @Test func replayOfACopyKeepsItsVerdict() {
        let index = DedupeIndex()
        index.insert(index.fingerprinter.fingerprint(id: "a", url: "https://x.com/a", text: Self.story), firstSeenMilliseconds: 1)
        let copy = index.fingerprinter.fingerprint(id: "b", url: "https://x.com/a?utm_source=x", text: Self.story)
        let first = index.check(copy)
        index.insert(copy, firstSeenMilliseconds: 2, verdict: first)
        let replay = index.check(copy)
        #expect(replay.status == .duplicate)
        #expect(replay.of == "a")
        #expect(replay.seenBefore)
    }

    /// Forty stored articles share most of their text with the copy (a template: Jaccard ~0.7)
    /// and several of its LSH bands; the original shares all of them. With two sketches verified per
    /// check, the candidates met first (template mates, stored earlier) would crowd it out;
    /// ranked by shared bands the original comes first.
    @Test func theOriginalOutranksTemplateMatesAmongFewCandidates() {
        var configuration = DedupeConfiguration()
        configuration.maxCandidates = 2
        configuration.useContainment = false
        let index = DedupeIndex(configuration: configuration)
        // Letters only: the fingerprint folds digits, which would make every "word\(n)" one token.
        func word(_ n: Int) -> String {
            String(String.UnicodeScalarView([n / 676, n / 26 % 26, n % 26].compactMap { Unicode.Scalar(97 + $0 % 26) }))
        }
        let template = (0..<80).map { "tpl" + word($0) }.joined(separator: " ")
        func article(_ tag: String, _ words: Int = 15) -> String {
            template + " " + (0..<words).map { tag + word($0) }.joined(separator: " ")
        }
        for n in 0..<40 {
            let mate = index.fingerprinter.fingerprint(id: "mate\(n)", url: nil, text: article("mate" + word(n)))
            index.insert(mate, firstSeenMilliseconds: Int64(n))
        }
        // Five originals, so the test does not hang on which band happens to be walked first.
        for n in 0..<5 {
            let tag = "orig" + word(n)
            index.insert(index.fingerprinter.fingerprint(id: tag, url: nil, text: article(tag)), firstSeenMilliseconds: 100 + Int64(n))
            let copy = index.fingerprinter.fingerprint(id: "copy" + word(n), url: nil, text: article(tag) + " updated")
            let verdict = index.check(copy)
            #expect(verdict.status == .nearDuplicate)
            #expect(verdict.of == tag)
        }
    }

    @Test func entriesExpireAfterTheTTL() {
        var configuration = DedupeConfiguration()
        configuration.ttlMilliseconds = 1000
        let index = DedupeIndex(configuration: configuration)
        let old = index.fingerprinter.fingerprint(id: "old", url: "https://x.com/old", text: story(1))
        index.insert(old, firstSeenMilliseconds: 0)
        let copy = index.fingerprinter.fingerprint(id: "copy", url: "https://x.com/old", text: story(1))
        #expect(index.check(copy).status == .duplicate)

        // A newer insert moves the clock past the window: the old entry goes.
        index.insert(index.fingerprinter.fingerprint(id: "new", url: nil, text: story(2)), firstSeenMilliseconds: 1500)
        #expect(index.check(copy).status == .unique)
        #expect(index.entry(id: "old") == nil)
        #expect(index.count == 1)
        #expect(index.evictExpired(nowMilliseconds: 5000) == ["new"])
        #expect(index.count == 0)
    }

    @Test func maxEntriesEvictsTheOldest() {
        var configuration = DedupeConfiguration()
        configuration.maxEntries = 3
        let index = DedupeIndex(configuration: configuration)
        for n in 0..<5 {
            index.insert(index.fingerprinter.fingerprint(id: "s\(n)", url: nil, text: story(n)), firstSeenMilliseconds: Int64(n))
        }
        #expect(index.count == 3)
        #expect(index.exportEntries().map(\.fingerprint.id) == ["s2", "s3", "s4"])
        #expect(index.check(index.fingerprinter.fingerprint(id: "c0", url: nil, text: story(0))).status == .unique)
        #expect(index.check(index.fingerprinter.fingerprint(id: "c4", url: nil, text: story(4))).status == .duplicate)
        #expect(index.memoryBytesEstimate > 0)
    }

    @Test func changelogRoundTripRestoresASecondInstance() throws {
        let first = DedupeIndex()
        let a = first.fingerprinter.fingerprint(id: "a", url: "https://x.com/a", text: Self.story)
        let b = first.fingerprinter.fingerprint(id: "b-ü", url: nil, text: Self.story + " One more sentence was added here.")
        var changelog: [[UInt8]] = []
        if let entry = first.insert(a, firstSeenMilliseconds: 100) { changelog.append(entry.encoded()) }
        if let entry = first.insert(b, firstSeenMilliseconds: 200, verdict: first.check(b)) { changelog.append(entry.encoded()) }
        #expect(changelog.count == 2)

        let decoded = try changelog.map { try DedupeEntry(decoding: $0) }
        // The index keeps each sketch bucket's low byte; everything else is exported as written.
        #expect(decoded.map(heldByIndex) == first.exportEntries())

        let second = DedupeIndex()
        for value in changelog { #expect(try second.restore(encoded: value)) }
        let copy = second.fingerprinter.fingerprint(id: "c", url: nil, text: Self.story + " A different line at the end.")
        let verdict = second.check(copy)
        #expect(verdict.status == .nearDuplicate)
        #expect(verdict.of == "a")
        #expect(second.check(b).seenBefore)
        #expect(second.check(b).of == "a")
    }

    @Test func corruptChangelogValuesAreRefused() throws {
        let index = DedupeIndex()
        let bytes = DedupeEntry(
            fingerprint: index.fingerprinter.fingerprint(id: "a", url: "https://x.com", text: Self.story),
            firstSeenMilliseconds: 1
        ).encoded()
        for length in 0..<bytes.count {
            #expect(throws: DedupeCodingError.self) { try index.restore(encoded: Array(bytes[0..<length])) }
        }
        #expect(throws: DedupeCodingError.self) { try index.restore(encoded: bytes + [0]) }
        var other = DedupeConfiguration()
        other.shingleSize = 5
        // Decoding with an expected scheme still refuses a foreign one.
        #expect(throws: DedupeCodingError.self) {
            try DedupeEntry(decoding: bytes, expectedScheme: Fingerprinter(configuration: other).scheme)
        }
        #expect(index.count == 0)
    }

    @Test func foreignSchemeEntriesRestoreForIDAndURLOnly() throws {
        var other = DedupeConfiguration()
        other.shingleSize = 5
        let writer = DedupeIndex(configuration: other)
        let original = writer.fingerprinter.fingerprint(id: "a", url: "https://x.com/a", text: Self.story)
        let bytes = try #require(writer.insert(original, firstSeenMilliseconds: 1)).encoded()

        let index = DedupeIndex()
        #expect(try index.restore(encoded: bytes))
        #expect(index.check(index.fingerprinter.fingerprint(id: "a", url: nil, text: "")).seenBefore)
        let sameURL = index.check(index.fingerprinter.fingerprint(id: "b", url: "https://x.com/a?utm_source=z", text: "other"))
        #expect(sameURL.status == .duplicate && sameURL.method == .url && sameURL.of == "a")
        // Same text, but its stored hashes are of another scheme: not comparable, so no match.
        #expect(index.check(index.fingerprinter.fingerprint(id: "c", url: nil, text: Self.story)).status == .unique)
        // Stored whole: a snapshot re-exports exactly what was restored.
        #expect(index.exportEntries().map { $0.encoded() } == [bytes])
    }

    /// Changelog values written by the version-1 fingerprint (the build before 2026-11-25),
    /// produced from `IndexStateTests.story`: must keep decoding and keep replays and URL copies
    /// recognised after the upgrade.
    @Test func version1ChangelogStillRestores() throws {
        let values = try Fixtures.text("changelog-v1.hex").split(separator: "\n").map { line in
            stride(from: 0, to: line.count, by: 2).compactMap { offset -> UInt8? in
                let start = line.index(line.startIndex, offsetBy: offset)
                return UInt8(line[start..<line.index(start, offsetBy: 2)], radix: 16)
            }
        }
        #expect(values.count == 2)
        let index = DedupeIndex()
        for value in values { #expect(try index.restore(encoded: value)) }
        #expect(index.count == 2)
        let copy = try #require(index.entry(id: "v1-copy"))
        #expect(copy.status == .nearDuplicate && copy.of == "v1-original" && copy.method == .minhash)
        #expect(copy.fingerprint.scheme == 1 << 8 | 4 << 1 | 1)
        let replay = index.check(index.fingerprinter.fingerprint(id: "v1-copy", url: nil, text: Self.story))
        #expect(replay.seenBefore && replay.status == .nearDuplicate && replay.of == "v1-original")
        let byURL = index.check(index.fingerprinter.fingerprint(id: "new", url: "http://www.port.example/gdansk-strike/", text: "x"))
        #expect(byURL.status == .duplicate && byURL.of == "v1-original")
        // Re-encoding what was restored gives back the same bytes.
        #expect(index.exportEntries().map { $0.encoded() } == values)
    }

    /// Changelog values written by the version-2 fingerprint (2026-11-25, before version 3),
    /// produced from `IndexStateTests.story`: a URL'd original and a near-duplicate copy.
    @Test func version2ChangelogStillRestores() throws {
        let values = try Fixtures.text("changelog-v2.hex").split(separator: "\n").map { line in
            stride(from: 0, to: line.count, by: 2).compactMap { offset -> UInt8? in
                let start = line.index(line.startIndex, offsetBy: offset)
                return UInt8(line[start..<line.index(start, offsetBy: 2)], radix: 16)
            }
        }
        #expect(values.count == 2)
        let index = DedupeIndex()
        for value in values { #expect(try index.restore(encoded: value)) }
        let copy = try #require(index.entry(id: "v2-copy"))
        #expect(copy.status == .nearDuplicate && copy.of == "v2-original" && copy.method == .minhash)
        #expect(copy.fingerprint.scheme == 2 << 8 | 4 << 1 | 1)
        let replay = index.check(index.fingerprinter.fingerprint(id: "v2-copy", url: nil, text: Self.story))
        #expect(replay.seenBefore && replay.status == .nearDuplicate && replay.of == "v2-original")
        let byURL = index.check(index.fingerprinter.fingerprint(id: "new", url: "http://www.port.example/gdansk-strike/", text: "x"))
        #expect(byURL.status == .duplicate && byURL.of == "v2-original")
        // Its text hash and sketch are of another scheme: the same text under a new id is not matched by them.
        #expect(index.check(index.fingerprinter.fingerprint(id: "fresh", url: nil, text: Self.story)).status == .unique)
        #expect(index.exportEntries().map { $0.encoded() } == values)
    }

    @Test func exportedSimilarityHasTheChangelogsPrecision() throws {
        let index = DedupeIndex()
        let original = index.fingerprinter.fingerprint(id: "a", url: nil, text: Self.story)
        index.insert(original, firstSeenMilliseconds: 1)
        let copy = index.fingerprinter.fingerprint(id: "b", url: nil, text: Self.story + " And one more sentence at the end.")
        let verdict = index.check(copy)
        #expect(verdict.status == .nearDuplicate)
        let written = try #require(index.insert(copy, firstSeenMilliseconds: 2, verdict: verdict))
        #expect(heldByIndex(try DedupeEntry(decoding: written.encoded())) == index.entry(id: "b"))
        #expect(abs((index.entry(id: "b")?.similarity ?? 0) - verdict.similarity) <= 1.0 / 65535)
    }

    @Test func urlAndTextMatchesPreferTheEarliestLiveEntry() {
        var configuration = DedupeConfiguration()
        configuration.maxEntries = 2
        let index = DedupeIndex(configuration: configuration)
        index.insert(index.fingerprinter.fingerprint(id: "first", url: "https://x.com/p", text: story(1)), firstSeenMilliseconds: 1)
        index.insert(index.fingerprinter.fingerprint(id: "second", url: "https://x.com/p", text: story(2)), firstSeenMilliseconds: 2)
        #expect(index.check(index.fingerprinter.fingerprint(id: "q", url: "https://x.com/p", text: "")).of == "first")
        // The first is evicted; the second still carries the URL.
        index.insert(index.fingerprinter.fingerprint(id: "third", url: nil, text: story(3)), firstSeenMilliseconds: 3)
        let verdict = index.check(index.fingerprinter.fingerprint(id: "q", url: "https://x.com/p", text: ""))
        #expect(verdict.status == .duplicate && verdict.of == "second")
    }

    @Test func slotsAreReusedAfterEviction() {
        var configuration = DedupeConfiguration()
        configuration.maxEntries = 10
        let index = DedupeIndex(configuration: configuration)
        for n in 0..<500 {
            index.insert(index.fingerprinter.fingerprint(id: "s\(n)", url: "https://x.com/\(n)", text: story(n)), firstSeenMilliseconds: Int64(n))
        }
        #expect(index.count == 10)
        #expect(index.exportEntries().map(\.fingerprint.id) == (490..<500).map { "s\($0)" })
        for n in 0..<500 {
            let verdict = index.check(index.fingerprinter.fingerprint(id: "c\(n)", url: nil, text: story(n)))
            #expect((verdict.status == .duplicate) == (n >= 490))
            if n >= 490 { #expect(verdict.of == "s\(n)") }
        }
    }

    @Test func concurrentChecksAndInsertsStayConsistent() async {
        let index = DedupeIndex()
        let texts = (0..<200).map(story)
        await withTaskGroup(of: Void.self) { group in
            for worker in 0..<4 {
                group.addTask {
                    for n in stride(from: worker, to: texts.count, by: 4) {
                        let fingerprint = index.fingerprinter.fingerprint(id: "s\(n)", url: "https://x.com/\(n)", text: texts[n])
                        let verdict = index.check(fingerprint)
                        index.insert(fingerprint, firstSeenMilliseconds: Int64(n), verdict: verdict)
                        _ = index.check(index.fingerprinter.fingerprint(id: "r\(n)", url: nil, text: texts[(n * 31) % texts.count]))
                    }
                }
            }
        }
        #expect(index.count == 200)
        for n in 0..<200 {
            let verdict = index.check(index.fingerprinter.fingerprint(id: "copy\(n)", url: nil, text: texts[n]))
            #expect(verdict.status == .duplicate && verdict.of == "s\(n)")
        }
    }
}
