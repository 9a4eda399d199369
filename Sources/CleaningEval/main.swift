import ArticleCorpus
import Cleaning
import EvalSupport
import Foundation

// Quality on ../shared/eval-data/boilerplate and throughput of `Cleaner.clean`.
//   CleaningEval            precision / recall / F1 (skips when ../shared is absent)
//   CleaningEval --bench    MB/s and µs per 4 KB article on one core
//   CleaningEval --bench-corpus DIR [--corpus-count N] [--rounds R]
//                           the main repo's stage-benchmark mix (DIR = Config/samples), thread CPU
//                           µs per article, and a digest of every output (for "no change" checks);
//                           --listing FILE writes every call's removed lines, for diffing;
//                           --round-times prints every timed round's µs per article
//                           --stoplists: instead, how many articles each stoplist judged
//   CleaningEval --stoplists  the stoplist chosen for each page of half A (no language given)
//   CleaningEval --dump ID  the decisions for one page (debugging)
//   CleaningEval --halves   steady-state P/R/F1 for two fixed halves of the pages (by host)
//   CleaningEval --errors [A|B]  one half's wrong decisions, line by line, with counts per rule
//   CleaningEval --digest [FILE]  a fingerprint of every result, to check that speed work
//                           changed no behaviour (per-call lines to FILE for diffing)

func sharedDirectory() -> URL? {
    SharedEvalData.directory(containing: "eval-data/boilerplate")
}

struct Page {
    var id: String
    var text: String
    var truth: String
    var source: String?
}

func loadPages() -> [Page]? {
    guard let shared = sharedDirectory() else { return nil }
    let dir = shared.appendingPathComponent("eval-data/boilerplate")
    guard let pagesData = try? Data(contentsOf: dir.appendingPathComponent("page-text-lines.json")),
        let truthData = try? Data(contentsOf: dir.appendingPathComponent("ground-truth.json")),
        let pagesJSON = (try? JSONSerialization.jsonObject(with: pagesData)) as? [String: Any],
        let output = pagesJSON["output"] as? [String: Any],
        let truthJSON = (try? JSONSerialization.jsonObject(with: truthData)) as? [String: Any]
    else { return nil }
    var pages: [Page] = []
    for id in output.keys.sorted() {
        guard let page = output[id] as? [String: Any], let text = page["articleBody"] as? String,
            let truth = truthJSON[id] as? [String: Any], let body = truth["articleBody"] as? String
        else { continue }
        // The URL's host stands in for the daemon's source field.
        let host = (truth["url"] as? String).flatMap { URL(string: $0)?.host }
        pages.append(Page(id: id, text: text, truth: body, source: host))
    }
    return pages
}

func evaluate(_ pages: [Page], patterns: PatternSet, configuration: CleaningConfiguration, warmUp: Bool) -> ShingleMetric {
    var configuration = configuration
    let cleaner: Cleaner
    if warmUp {
        // Steady state, leave-one-out: every page is observed once, then each is cleaned
        // read-only with thresholds raised by one, since its own sighting is in the counts.
        configuration.learningMode = .applyOnly
        configuration.sourceThreshold += 1
        configuration.globalThreshold += 1
        cleaner = Cleaner(configuration: configuration, patterns: patterns)
        for page in pages { cleaner.observe(page.text, source: page.source) }
    } else {
        cleaner = Cleaner(configuration: configuration, patterns: patterns)
    }
    var metric = ShingleMetric()
    for page in pages {
        let result = cleaner.clean(page.text, language: nil, source: page.source)
        metric.add(predicted: result.text, truth: page.truth)
    }
    return metric
}

func line(_ label: String, _ m: ShingleMetric) {
    print(label.padding(toLength: 58, withPad: " ", startingAt: 0)
        + String(format: "P %.3f  R %.3f  F1 %.3f  (F1 %.5f)", m.precision, m.recall, m.f1, m.f1))
}

func bench(patterns: PatternSet, pages: [Page]?) {
    // ~4 KB articles: pages cut at line boundaries, or the committed seed fixture repeated.
    var corpus: [String] = []
    var texts = pages?.map(\.text) ?? []
    if texts.isEmpty {
        let seed = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Tests/CleaningTests/Fixtures/seed-nl-ukraine.txt")
        if let s = try? String(contentsOf: seed, encoding: .utf8) { texts = [s] }
    }
    for text in texts {
        var chunk = ""
        for l in text.split(separator: "\n", omittingEmptySubsequences: false) {
            chunk += l
            chunk += "\n"
            if chunk.utf8.count >= 4096 {
                corpus.append(chunk)
                chunk = ""
            }
        }
        if chunk.utf8.count >= 1024 { corpus.append(chunk) }
    }
    guard !corpus.isEmpty else {
        print("bench: no text available")
        return
    }
    let bytes = corpus.reduce(0) { $0 + $1.utf8.count }
    let cleaner = Cleaner(patterns: patterns)
    var sink = 0
    for text in corpus { sink &+= cleaner.clean(text).wordsAfter }  // warm-up (and learning)
    // Thread CPU time as well as wall time: on a shared machine the wall clock mostly measures
    // the neighbours.
    func cpuSeconds() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
    let clock = ContinuousClock()
    var rounds = 0
    let start = clock.now
    let cpuStart = cpuSeconds()
    var elapsed = Duration.zero
    // CLEANING_BENCH_SECONDS=0 runs one timed round (for callgrind and friends).
    let budget = ProcessInfo.processInfo.environment["CLEANING_BENCH_SECONDS"].flatMap(Double.init) ?? 3
    repeat {
        for text in corpus { sink &+= cleaner.clean(text, source: "bench").wordsAfter }
        rounds += 1
        elapsed = clock.now - start
    } while elapsed < .seconds(budget)
    let cpu = cpuSeconds() - cpuStart
    let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let totalBytes = Double(bytes * rounds)
    let articles = Double(corpus.count * rounds)
    print(String(format: "bench: %d articles (avg %.0f bytes), %d rounds, one thread", corpus.count,
                 Double(bytes) / Double(corpus.count), rounds))
    print(String(format: "bench: wall %.1f MB/s, %.2f µs per article, %.2f µs per 4 KB (checksum %d)",
                 totalBytes / seconds / 1e6, seconds / articles * 1e6, seconds / totalBytes * 4096 * 1e6, sink))
    print(String(format: "bench: cpu  %.1f MB/s, %.2f µs per article, %.2f µs per 4 KB",
                 totalBytes / cpu / 1e6, cpu / articles * 1e6, cpu / totalBytes * 4096 * 1e6))
}

let arguments = Array(CommandLine.arguments.dropFirst())
func option(_ name: String) -> String? {
    guard let i = arguments.firstIndex(of: name), i + 1 < arguments.count else { return nil }
    return arguments[i + 1]
}
let patterns = loadOrExit("CleaningEval") { try PatternSet.loadDefault() }
if let dir = option("--bench-corpus") {
    do {
        let corpus = try SampleCorpus(directory: URL(fileURLWithPath: dir))
        if arguments.contains("--stoplists") {
            stoplistsOfCorpus(corpus, patterns: patterns, count: option("--corpus-count").flatMap { Int($0) } ?? 1024)
            exit(0)
        }
        benchCorpus(corpus, patterns: patterns, count: option("--corpus-count").flatMap { Int($0) } ?? 1024,
                    rounds: option("--rounds").flatMap { Int($0) } ?? 20, listingFile: option("--listing"),
                    roundTimes: arguments.contains("--round-times"))
    } catch {
        print("CleaningEval: \(error)")
        exit(1)
    }
    exit(0)
}
let pages = loadPages()
if arguments.first == "--bench" {
    bench(patterns: patterns, pages: pages)
    exit(0)
}
guard let pages, !pages.isEmpty else {
    print("CleaningEval: ../shared/eval-data/boilerplate not found (set ARTICLED_SHARED); skipping")
    exit(0)
}
if arguments.first == "--digest" {
    digest(patterns: patterns, pages: pages, output: arguments.count > 1 ? arguments[1] : nil)
    exit(0)
}
if arguments.first == "--dump", arguments.count > 1 {
    var configuration = CleaningConfiguration()
    configuration.maxRemovedShare = 1
    let cleaner = Cleaner(configuration: configuration, patterns: patterns)
    for page in pages { cleaner.observe(page.text, source: page.source) }
    for page in pages where page.id.hasPrefix(arguments[1]) {
        let r = cleaner.clean(page.text, source: page.source)
        print("lang \(r.language ?? "-") flagged \(r.flagged)")
        // In document order: the removed lines and the kept text are both in order, so the
        // page's lines are matched against whichever comes next.
        var removed = r.removed[...]
        var kept = r.text.split(separator: "\n")[...]
        for original in page.text.split(separator: "\n") {
            let words = ShingleMetric.words(String(original))
            if let next = removed.first, ShingleMetric.words(next.text) == words {
                print("  - [\(next.ruleID)] \(next.text.prefix(140))")
                removed.removeFirst()
            } else if let next = kept.first, ShingleMetric.words(String(next)) == words {
                print("  +  \(next.prefix(140))")
                kept.removeFirst()
            }
        }
    }
    exit(0)
}
print("boilerplate: \(pages.count) pages; metric as in eval-data/README.md")
// Whole web pages are mostly navigation, so the 60 % guard (meant for article text with inline
// furniture) would refuse most pages: the main figures disable it; the last line keeps it.
var pageConfiguration = CleaningConfiguration()
pageConfiguration.maxRemovedShare = 1
// Development overrides, for checking that results are not a knife-edge of one setting.
if let v = ProcessInfo.processInfo.environment["CLEANING_PENALTY"].flatMap(Double.init) { pageConfiguration.shortLinePenalty = v }
if let v = ProcessInfo.processInfo.environment["CLEANING_PROSE_WORDS"].flatMap(Int.init) { pageConfiguration.proseMinWords = v }
if let v = ProcessInfo.processInfo.environment["CLEANING_DENSITY"].flatMap(Double.init) { pageConfiguration.minStopwordDensity = v }
if arguments.first == "--halves" {
    halves(pages, patterns: patterns, configuration: pageConfiguration, daemon: CleaningConfiguration())
    exit(0)
}
if arguments.first == "--stoplists" {
    stoplistsOfHalfA(pages, patterns: patterns, configuration: pageConfiguration)
    exit(0)
}
if arguments.first == "--errors" {
    errors(pages, patterns: patterns, configuration: pageConfiguration, half: arguments.count > 1 && arguments[1] == "B" ? 1 : 0)
    exit(0)
}
line("keep all lines", { var m = ShingleMetric(); for p in pages { m.add(predicted: p.text, truth: p.truth) }; return m }())
line("steady state (warm-up pass, leave-one-out)", evaluate(pages, patterns: patterns, configuration: pageConfiguration, warmUp: true))
line("cold stream (one pass, learns as it goes)", evaluate(pages, patterns: patterns, configuration: pageConfiguration, warmUp: false))
for (name, signals) in [("patterns only", CleaningConfiguration.Signals.patterns), ("structure only", .structure),
                        ("patterns + structure (no learning)", [.patterns, .structure])] as [(String, CleaningConfiguration.Signals)] {
    var c = pageConfiguration
    c.signals = signals
    line(name, evaluate(pages, patterns: patterns, configuration: c, warmUp: false))
}
line("daemon defaults (60 % guard on), steady state", evaluate(pages, patterns: patterns, configuration: CleaningConfiguration(), warmUp: true))
if arguments.first == "--worst" {
    let cleaner = Cleaner(configuration: pageConfiguration, patterns: patterns)
    var rows: [(Double, Double, String)] = []
    for page in pages {
        var m = ShingleMetric()
        m.add(predicted: cleaner.clean(page.text, source: page.source).text, truth: page.truth)
        rows.append((m.precision, m.recall, page.id))
    }
    for row in rows.sorted(by: { min($0.0, $0.1) < min($1.0, $1.1) }).prefix(40) {
        print(String(format: "%.2f %.2f %@", row.0, row.1, row.2))
    }
}
