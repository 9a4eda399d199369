import ArticleCorpus
import Cleaning
import Foundation

/// `--bench-corpus`: as the stage benchmark runs the cleaner. One daemon-default cleaner sees the
/// articles once (the fixtures' pass, which also warms per-site learning), then `rounds` timed
/// passes; no language is given, since cleaning runs before language id. Thread CPU time, because
/// on the shared machine wall time mostly measures the neighbours. The digest covers every
/// observable field of every call, so two builds printing the same digest behaved the same.
/// `roundTimes`: each round's µs per article too, to tell a process that runs slow throughout from
/// a machine that slows down for a while (this VM shows both).
func benchCorpus(_ corpus: SampleCorpus, patterns: PatternSet, count: Int, rounds: Int, listingFile: String? = nil,
                 roundTimes: Bool = false) {
    // With a listing file: every call's flag, words and removed lines, one call after another
    // (diff two of them to see which decisions a change moved).
    var listing: [String]? = listingFile == nil ? nil : []
    let articles = (0..<count).map { corpus.article(index: $0, approximateBytes: 4096) }
    let bytes = articles.reduce(0) { $0 + $1.text.utf8.count }
    let cleaner = Cleaner(patterns: patterns)
    var digest: UInt64 = 0xcbf2_9ce4_8422_2325
    func mix(_ s: String) {
        for b in s.utf8 { digest = (digest ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
        digest = (digest ^ 0xff) &* 0x0000_0100_0000_01b3
    }
    func record(_ r: CleaningResult) {
        mix(r.text)
        mix("\(r.language ?? "-") \(r.flagReason?.rawValue ?? "-") \(r.linesBefore) \(r.linesAfter) \(r.wordsBefore) \(r.wordsAfter)")
        for removed in r.removed { mix(removed.ruleID); mix(removed.text) }
        if listing != nil {
            listing?.append("\(r.flagReason?.rawValue ?? "-") \(r.wordsBefore)/\(r.wordsAfter)")
            for removed in r.removed { listing?.append("  \(removed.ruleID) \(removed.text)") }
        }
    }
    for a in articles { record(cleaner.clean(a.text, source: a.source)) }
    // The digest's second half: steady-state results (learning has seen every article once).
    for a in articles { record(cleaner.clean(a.text, source: a.source)) }
    func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    var sink = 0
    var best = Double.infinity
    var total = 0.0
    var perRound: [Double] = []
    for _ in 0..<rounds {
        let start = cpuSeconds()
        for a in articles { sink &+= cleaner.clean(a.text, source: a.source).wordsAfter }
        let cpu = cpuSeconds() - start
        total += cpu
        best = min(best, cpu)
        if roundTimes { perRound.append(cpu) }
    }
    let n = Double(articles.count)
    if roundTimes {
        print("bench-corpus: rounds (µs per article) " + perRound.map { String(format: "%.2f", $0 / n * 1e6) }.joined(separator: " "))
    }
    print(String(format: "bench-corpus: %d articles (avg %.0f bytes), %d rounds, one thread (sink %d)",
                 articles.count, Double(bytes) / n, rounds, sink))
    print(String(format: "bench-corpus: cpu mean %.2f µs per article, best round %.2f µs, %.1f MB/s (mean)",
                 total / Double(rounds) / n * 1e6, best / n * 1e6, Double(bytes) * Double(rounds) / total / 1e6))
    print("bench-corpus: digest \(String(digest, radix: 16))")
    if let listingFile, let listing {
        try? (listing.joined(separator: "\n") + "\n").write(toFile: listingFile, atomically: true, encoding: .utf8)
    }
}
