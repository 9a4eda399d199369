import Testing
@testable import Dedupe

/// The sample groups of Config/samples: re-sends are exact duplicates, the wire copies are
/// near-duplicates of the first one seen, the seed with furniture matches the seed without.
@Suite struct SampleGroupTests {
    @Test func resendsAreExactDuplicates() throws {
        let index = DedupeIndex()
        index.insert(try Fixtures.fingerprint("001-nl-gemeenteraad.json", index: index), firstSeenMilliseconds: 1)
        index.insert(try Fixtures.fingerprint("006-en-tech.json", index: index), firstSeenMilliseconds: 2)

        let utm = index.check(try Fixtures.fingerprint("030-dup-of-001-utm-nl.json", index: index))
        #expect(utm.status == .duplicate)
        #expect(utm.of == "nn-2024-0312-zwolle-autovrij")
        #expect(utm.method == .url)

        let newID = index.check(try Fixtures.fingerprint("031-dup-of-006-newid-en.json", index: index))
        #expect(newID.status == .duplicate)
        #expect(newID.of == "techwire-ferrion-series-b")
    }

    @Test func sameTextUnderAnotherURLIsATextHashDuplicate() throws {
        let index = DedupeIndex()
        let original = try Fixtures.sample("006-en-tech.json")
        index.insert(index.fingerprinter.fingerprint(id: "a", url: original.url, text: original.text), firstSeenMilliseconds: 1)
        let verdict = index.check(index.fingerprinter.fingerprint(id: "b", url: "https://elsewhere.example/x", text: original.text))
        #expect(verdict.status == .duplicate)
        #expect(verdict.method == .textHash)
        #expect(verdict.of == "a")
    }

    @Test(arguments: ["011-wire-b-en.json", "012-wire-c-en.json", "013-wire-d-en.json"])
    func wireCopiesAreNearDuplicates(of copy: String) throws {
        let index = DedupeIndex()
        index.insert(try Fixtures.fingerprint("010-wire-a-en.json", index: index), firstSeenMilliseconds: 1)
        let verdict = index.check(try Fixtures.fingerprint(copy, index: index))
        #expect(verdict.status == .nearDuplicate)
        #expect(verdict.of == "mt-2024-03-14-gdansk-strike")
        #expect(verdict.method == .minhash)
        #expect(verdict.similarity >= index.configuration.threshold)
    }

    @Test func aCopyOfACopyPointsAtTheFirst() throws {
        let index = DedupeIndex()
        index.insert(try Fixtures.fingerprint("010-wire-a-en.json", index: index), firstSeenMilliseconds: 1)
        let second = try Fixtures.fingerprint("011-wire-b-en.json", index: index)
        let verdict = index.check(second)
        index.insert(second, firstSeenMilliseconds: 2, verdict: verdict)
        // Only the second copy in the state would still find the original's id.
        let third = index.check(try Fixtures.fingerprint("013-wire-d-en.json", index: index))
        #expect(third.of == "mt-2024-03-14-gdansk-strike")
    }

    @Test func seedWithFurnitureMatchesTheCleanedSeed() throws {
        for (first, second) in [("000-seed-nl.txt", "000-seed-nl-cleaned.txt"), ("000-seed-nl-cleaned.txt", "000-seed-nl.txt")] {
            let index = DedupeIndex()
            index.insert(try Fixtures.fingerprint(first, index: index), firstSeenMilliseconds: 1)
            let verdict = index.check(try Fixtures.fingerprint(second, index: index))
            #expect(verdict.status == .nearDuplicate, "\(second) after \(first): \(verdict)")
            #expect(verdict.of == first)
        }
    }

    @Test func differentStoriesOnOneTopicDoNotMatch() throws {
        let index = DedupeIndex()
        index.insert(try Fixtures.fingerprint("energy-a-en.txt", index: index), firstSeenMilliseconds: 1)
        index.insert(try Fixtures.fingerprint("010-wire-a-en.json", index: index), firstSeenMilliseconds: 2)
        let verdict = index.check(try Fixtures.fingerprint("energy-b-en.txt", index: index))
        #expect(verdict.status == .unique)
        #expect(verdict.similarity < 0.3)
        let unrelated = index.check(try Fixtures.fingerprint("006-en-tech.json", index: index))
        #expect(unrelated.status == .unique)
    }
}
