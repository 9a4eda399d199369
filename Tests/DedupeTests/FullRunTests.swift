import Testing
@testable import Dedupe

/// `checkAndInsert` refuses a band whose run the check found full without walking it again, and
/// eviction skips the bands an entry was refused (`BandRuns`, `bandMembership`). Articles built
/// from a handful of sentences share band values past `bandValueCap` and a small `max_entries`
/// evicts all the time: judged and stored in one step they must get exactly the verdicts, and
/// leave exactly the entries, of a check followed by a separate insert (which walks every run).
@Suite struct FullRunTests {
    static let sentences = [
        "The ferry to the northern islands leaves at dawn when the tide allows it.",
        "Farmers in the valley say the late frost cut this year's apple harvest by half.",
        "A new footbridge over the canal opens to walkers and cyclists next spring.",
        "The council will vote on longer library hours after a petition gathered many names.",
        "Volunteers counted more than two hundred swans on the lake during the winter census.",
        "The old tram depot is being turned into a market hall with room for forty stalls.",
        "Night trains to the coast return this summer after a pause of several years.",
    ]

    func article(_ generator: inout SplitMix) -> String {
        (0..<6).map { _ in Self.sentences[Int(generator.next() % UInt64(Self.sentences.count))] }.joined(separator: " ")
    }

    @Test func judgingAndStoringInOneStepMatchesTheSeparateSteps() {
        var configuration = DedupeConfiguration()
        configuration.maxEntries = 300
        let together = DedupeIndex(configuration: configuration)
        let apart = DedupeIndex(configuration: configuration)
        var generator = SplitMix(seed: 21)
        var nearDuplicates = 0
        for n in 0..<1500 {
            let fingerprint = together.fingerprinter.fingerprint(id: "story-\(n)", url: nil, text: article(&generator))
            let first = together.checkAndInsert(fingerprint, firstSeenMilliseconds: Int64(n))
            let verdict = apart.check(fingerprint)
            let entry = apart.insert(fingerprint, firstSeenMilliseconds: Int64(n), verdict: verdict)
            #expect(first.verdict == verdict, "article \(n)")
            #expect(first.entry == entry, "article \(n)")
            if verdict.status == .nearDuplicate { nearDuplicates += 1 }
        }
        #expect(together.count == 300)
        #expect(together.exportEntries() == apart.exportEntries())
        // Probes after all the evictions: the band runs are the same in both.
        for n in 0..<200 {
            let probe = together.fingerprinter.fingerprint(id: "probe-\(n)", url: nil, text: article(&generator))
            #expect(together.check(probe) == apart.check(probe), "probe \(n)")
        }
        #expect(nearDuplicates > 500)
    }
}
