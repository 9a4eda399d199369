// Evaluates the Tagging module's Dutch NER on ../shared/eval-data/ner-nl (CoNLL-2002) with
// exact-match entity precision/recall/F1 (conlleval convention), typed and untyped, and measures
// speed (µs per 4 KB article, all sub-taggers on).
// Usage: TaggingEval [--memory] [--split ned.testa] [--digits N] [--bench-only] [--errors N] [--bench-file FILE] [--golden OUT]
//        [--bench-corpus DIR [--corpus-count N] [--corpus-lang LL] [--rounds R]]
// Skips (exit 0) when the shared evaluation data is absent.
import ArticleCorpus
import EvalSupport
import Foundation
import Tagging

func sharedDirectory() -> URL? {
    SharedEvalData.directory(containing: "eval-data/ner-nl")
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

/// CPU time of this thread: on the shared build machine other jobs take the core away, and wall time
/// would count their share.
func cpuNow() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

struct Span: Hashable { var sentence: Int; var start: Int; var end: Int; var type: String }

struct Document {
    var text = ""
    /// Per token: (sentence, index in sentence, byte start, byte end)
    var tokens: [(sentence: Int, index: Int, start: Int, end: Int)] = []
    var gold: [Span] = []
}

/// Reads CoNLL-2002 (token POS IOB2), documents split at -DOCSTART-.
func readConll(_ url: URL) -> [Document] {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    var docs: [Document] = []
    var doc = Document()
    var sentence = 0
    var index = 0
    var open: (start: Int, type: String)?
    func closeSpan(_ doc: inout Document) {
        if let o = open { doc.gold.append(Span(sentence: sentence, start: o.start, end: index, type: o.type)) }
        open = nil
    }
    for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
        let cols = line.split(separator: " ")
        if cols.isEmpty {
            closeSpan(&doc)
            if index > 0 { sentence += 1; index = 0 }
            continue
        }
        if cols[0] == "-DOCSTART-" {
            closeSpan(&doc)
            if !doc.tokens.isEmpty { docs.append(doc) }
            doc = Document()
            index = 0
            continue
        }
        let token = String(cols[0]), tag = String(cols[cols.count - 1])
        if tag.hasPrefix("B-") || tag == "O" || (tag.hasPrefix("I-") && open?.type != String(tag.dropFirst(2))) {
            closeSpan(&doc)
        }
        if tag.hasPrefix("B-") || (tag.hasPrefix("I-") && open == nil) { open = (index, String(tag.dropFirst(2))) }
        if !doc.text.isEmpty { doc.text += index == 0 ? "\n" : " " }
        let start = doc.text.utf8.count
        doc.text += token
        doc.tokens.append((sentence, index, start, doc.text.utf8.count))
        index += 1
    }
    closeSpan(&doc)
    if !doc.tokens.isEmpty { docs.append(doc) }
    return docs
}

func prf(_ tp: Int, _ fp: Int, _ fn: Int) -> (Double, Double, Double) {
    let p = tp + fp == 0 ? 0 : Double(tp) / Double(tp + fp)
    let r = tp + fn == 0 ? 0 : Double(tp) / Double(tp + fn)
    return (p, r, p + r == 0 ? 0 : 2 * p * r / (p + r))
}

let args = CommandLine.arguments
func option(_ name: String) -> String? {
    guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
    return args[i + 1]
}
/// `VmRSS` and `RssAnon` of this process in MB, from /proc/self/status (nil off Linux).
func residentMemory() -> (rss: Double, anonymous: Double)? {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
    func field(_ name: String) -> Double? {
        guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return nil }
        return line.split(separator: " ").dropFirst().first.flatMap { Double($0) }.map { $0 / 1024 }
    }
    guard let rss = field("VmRSS"), let anon = field("RssAnon") else { return nil }
    return (rss, anon)
}

// --memory: resident and anonymous memory before and after loading the data (what the loaded
// tables cost a daemon), then exit.
if args.contains("--memory") {
    let before = residentMemory()
    let loaded = loadOrExit("TaggingEval") { try Tagger.loadDefault() }
    let after = residentMemory()
    if let before, let after {
        print(String(format: "memory: RSS %.1f -> %.1f MB (+%.1f), anonymous %.1f -> %.1f MB (+%.1f) [%d languages]",
                     before.rss, after.rss, after.rss - before.rss, before.anonymous, after.anonymous,
                     after.anonymous - before.anonymous, loaded.supportedLanguages.count))
    } else {
        print("memory: /proc/self/status not readable")
    }
    let parts = loaded.data.memoryFootprint
    print(String(format: "tables allocated: %.1f MB", Double(parts.reduce(0) { $0 + $1.bytes }) / 1_048_576))
    for part in parts.prefix(12) { print(String(format: "  %8.0f KB  %@", Double(part.bytes) / 1024, part.component)) }
    exit(0)
}

let loadStart = now()
let tagger = loadOrExit("TaggingEval") { try Tagger.loadDefault() }
print(String(format: "data load: %.0f ms", (now() - loadStart) * 1000))

// --dump FILE LANG: print the full result for one article (development aid).
if let file = option("--dump"), let text = try? String(contentsOf: URL(fileURLWithPath: file), encoding: .utf8) {
    let lang = option("--lang") ?? "nl"
    let r = tagger.tag(text: text, language: lang, publishedAt: option("--published"))
    for e in r.entities { print("ENTITY \(e.type.rawValue) \(e.name) [\(e.canonical)] x\(e.count) conf \(e.confidence) forms \(Array(r.surfaceForms(of: e)))") }
    for k in r.keywords { print("KEYWORD \(k.text) \(k.score) x\(k.count)") }
    for t in r.topics { print("TOPIC \(t.code) \(t.label) \(t.score)") }
    for d in r.dates { print("DATE \(d.text) -> \(d.value ?? "-") \(d.granularity) \(d.qualifier ?? "")") }
    for q in r.quantities { print("QUANTITY \(q.text) = \(q.value) unit \(q.unit ?? "-") counted \(q.counted ?? "-")") }
    for q in r.quotes { print("QUOTE [\(q.speaker ?? "?") / \(q.speakerCanonical ?? "-") \(q.confidence)] \(q.text.prefix(60))") }
    exit(0)
}

// --bench-corpus DIR: the main repo's stage-benchmark mix (4 KB articles from Config/samples in nine
// languages), `--corpus-count` articles (default 1024, as the stage bench), `--rounds` passes over
// them, optionally only `--corpus-lang LL`. Prints CPU µs per article overall and per language.
let corpus: SampleCorpus?
if let dir = option("--bench-corpus") {
    do {
        corpus = try SampleCorpus(directory: URL(fileURLWithPath: dir))
    } catch {
        print("TaggingEval: \(error)")
        exit(1)
    }
} else {
    corpus = nil
}
func corpusArticles(_ corpus: SampleCorpus, count: Int) -> [SampleCorpus.Article] {
    let only = option("--corpus-lang")
    return (0..<count).map { corpus.article(index: $0, approximateBytes: 4096) }.filter { only == nil || $0.language == only }
}
if let corpus, option("--golden") == nil {
    let articles = corpusArticles(corpus, count: option("--corpus-count").flatMap { Int($0) } ?? 1024)
    let rounds = option("--rounds").flatMap { Int($0) } ?? 5
    var sink = 0
    for a in articles { sink &+= tagger.tag(text: a.text, language: a.language, publishedAt: "2026-11-25T12:00:00Z").entities.count }
    var perLanguage: [String: (time: Double, count: Int, bytes: Int)] = [:]
    var total = 0.0
    for _ in 0..<rounds {
        for a in articles {
            let t0 = cpuNow()
            sink &+= tagger.tag(text: a.text, language: a.language, publishedAt: "2026-11-25T12:00:00Z").entities.count
            let dt = cpuNow() - t0
            total += dt
            perLanguage[a.language, default: (0, 0, 0)].time += dt
            perLanguage[a.language, default: (0, 0, 0)].count += 1
            perLanguage[a.language, default: (0, 0, 0)].bytes += a.text.utf8.count
        }
    }
    let calls = max(1, articles.count * rounds)
    let bytes = articles.reduce(0) { $0 + $1.text.utf8.count }
    print(String(format: "corpus speed: %.1f µs CPU per article (%d articles, mean %d bytes, %d rounds; %.0f articles/s per core) [sink %d]",
                 total / Double(calls) * 1e6, articles.count, bytes / max(1, articles.count), rounds,
                 Double(calls) / total, sink))
    for (lang, v) in perLanguage.sorted(by: { $0.key < $1.key }) {
        print(String(format: "  %@: %.1f µs per article (%d bytes mean)", lang, v.time / Double(v.count) * 1e6, v.bytes / v.count))
    }
    exit(0)
}

// Speed: the bench article (default: the seed fixture) tagged repeatedly, scaled to 4 KB.
let benchURL = option("--bench-file").map { URL(fileURLWithPath: $0) }
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Tests/TaggingTests/Fixtures/seed-nl-poetin.txt").standardizedFileURL
if let article = try? String(contentsOf: benchURL, encoding: .utf8) {
    var sink = 0
    for _ in 0..<50 { sink &+= tagger.tag(text: article, language: "nl", publishedAt: "2022-10").entities.count }
    let rounds = option("--rounds").flatMap { Int($0) } ?? 2000
    let t0 = cpuNow()
    for _ in 0..<rounds { sink &+= tagger.tag(text: article, language: "nl", publishedAt: "2022-10").entities.count }
    let per = (cpuNow() - t0) / Double(rounds) * 1e6
    let bytes = article.utf8.count
    print(String(format: "speed: %.1f µs CPU per article of %d bytes = %.1f µs per 4 KB (%.0f articles/s per core) [sink %d]",
                 per, bytes, per * 4096 / Double(bytes), 1e6 / (per * 4096 / Double(bytes)), sink))
}
if args.contains("--bench-only") { exit(0) }

/// Full results of every document of a split, one line per field: the regression check for speed work
/// (any change in output shows up as a diff).
func goldenLines(_ r: TaggingResult) -> [String] {
    var out: [String] = []
    for e in r.entities {
        out.append("E \(e.type.rawValue)|\(e.name)|\(e.canonical)|\(e.confidence)|\(Array(r.surfaceForms(of: e)))|"
                   + r.mentions(of: e).map { "\(r.surfaceForms[$0.surfaceForm])@\($0.range.lowerBound)-\($0.range.upperBound)" }
                       .joined(separator: ","))
    }
    for k in r.keywords { out.append("K \(k.text)|\(k.score)|\(k.count)") }
    for t in r.topics { out.append("T \(t.code)|\(t.label)|\(t.score)") }
    for d in r.dates { out.append("D \(d.text)|\(d.range)|\(d.value ?? "-")|\(d.granularity)|\(d.qualifier ?? "-")") }
    for q in r.quantities { out.append("Q \(q.text)|\(q.range)|\(q.value)|\(q.unit ?? "-")|\(q.counted ?? "-")") }
    for q in r.quotes {
        out.append("U \(q.text)|\(q.range)|\(q.speaker ?? "-")|\(q.speakerCanonical ?? "-")|\(q.speakerEntity ?? -1)|\(q.confidence)")
    }
    return out
}

guard let shared = sharedDirectory() else {
    print("TaggingEval: ../shared/eval-data/ner-nl not found (set ARTICLED_SHARED); skipping.")
    exit(0)
}
if let goldenPath = option("--golden") {
    // Every split, plus the bench article in each supported language and with several publication dates.
    var lines: [String] = []
    if let article = try? String(contentsOf: benchURL, encoding: .utf8) {
        for lang in ["nl", "en", "de", "fr", "xx"] {
            for published in [nil, "2022", "2022-10", "2022-10-15T08:00:00Z"] as [String?] {
                lines.append("## bench \(lang) \(published ?? "-")")
                lines += goldenLines(tagger.tag(text: article, language: lang, publishedAt: published))
            }
        }
    }
    if let corpus {
        for (k, a) in corpusArticles(corpus, count: option("--corpus-count").flatMap { Int($0) } ?? 1024).enumerated() {
            lines.append("## corpus \(k) \(a.language)")
            lines += goldenLines(tagger.tag(text: a.text, language: a.language, publishedAt: "2026-11-25T12:00:00Z"))
        }
    }
    for name in ["ned.testa", "ned.train"] {
        for (d, doc) in readConll(shared.appendingPathComponent("eval-data/ner-nl/\(name)")).enumerated() {
            lines.append("## \(name) \(d)")
            lines += goldenLines(tagger.tag(text: doc.text, language: "nl", publishedAt: "2022-10-15"))
        }
    }
    let joined = lines.joined(separator: "\n") + "\n"
    do {
        try joined.write(toFile: goldenPath, atomically: true, encoding: .utf8)
    } catch {
        print("TaggingEval: cannot write \(goldenPath): \(error)")
        exit(1)
    }
    print("golden: \(lines.count) lines written to \(goldenPath)")
    exit(0)
}
let split = option("--split") ?? "ned.testa"
let docs = readConll(shared.appendingPathComponent("eval-data/ner-nl/\(split)"))
var gold = Set<Span>(), pred = Set<Span>()
var tokenCount = 0
var sentenceWords: [Int: [String]] = [:]
var elapsed = 0.0
for (d, doc) in docs.enumerated() {
    tokenCount += doc.tokens.count
    let t0 = now()
    let result = tagger.tag(text: doc.text, language: "nl", publishedAt: nil)
    elapsed += now() - t0
    var byStart: [Int: Int] = [:], byEnd: [Int: Int] = [:]
    for (k, t) in doc.tokens.enumerated() { byStart[t.start] = k; byEnd[t.end] = k }
    if args.contains("--errors") {
        for t in doc.tokens {
            let u = Array(doc.text.utf8)[t.start..<t.end]
            sentenceWords[d * 100_000 + t.sentence, default: []].append(String(decoding: u, as: UTF8.self))
        }
    }
    for s in doc.gold { gold.insert(Span(sentence: d * 100_000 + s.sentence, start: s.start, end: s.end, type: s.type)) }
    for e in result.entities {
        for m in result.mentions(of: e) {
            guard let a = byStart[m.range.lowerBound], let b = byEnd[m.range.upperBound] else { continue }
            let ta = doc.tokens[a], tb = doc.tokens[b]
            guard ta.sentence == tb.sentence else { continue }
            pred.insert(Span(sentence: d * 100_000 + ta.sentence, start: ta.index, end: tb.index + 1, type: e.type.rawValue))
        }
    }
}
print("split \(split): \(docs.count) documents, \(tokenCount) tokens, \(gold.count) gold entities; "
      + String(format: "%.0f tokens/s", Double(tokenCount) / elapsed))
/// Decimals of the printed scores (`--digits N`, default 3): four tell apart changes of a few entities.
let digits = option("--digits").flatMap { Int($0) }.map { min(max($0, 1), 6) } ?? 3
func untyped(_ s: Set<Span>) -> Set<Span> { Set(s.map { Span(sentence: $0.sentence, start: $0.start, end: $0.end, type: "") }) }
for type in ["PER", "LOC", "ORG", "MISC"] {
    let g = gold.filter { $0.type == type }, p = pred.filter { $0.type == type }
    let tp = g.intersection(p).count
    let (pp, r, f) = prf(tp, p.count - tp, g.count - tp)
    print(type.padding(toLength: 5, withPad: " ", startingAt: 0)
          + String(format: " P %.\(digits)f  R %.\(digits)f  F1 %.\(digits)f  (gold %d, predicted %d)", pp, r, f, g.count, p.count))
}
let tp = gold.intersection(pred).count
let (tpP, tpR, tpF) = prf(tp, pred.count - tp, gold.count - tp)
print(String(format: "typed    P %.\(digits)f  R %.\(digits)f  F1 %.\(digits)f", tpP, tpR, tpF))
let ug = untyped(gold), up = untyped(pred)
let utp = ug.intersection(up).count
let (uP, uR, uF) = prf(utp, up.count - utp, ug.count - utp)
print(String(format: "untyped  P %.3f  R %.3f  F1 %.3f", uP, uR, uF))
if let nStr = option("--errors"), let n = Int(nStr) {
    // Development aid: sample of false positives and negatives (token sequences are not printed
    // beyond what is needed; nothing is saved).
    func show(_ s: Span) -> String {
        let w = sentenceWords[s.sentence] ?? []
        return s.type + " " + w[max(0, s.start)..<min(w.count, s.end)].joined(separator: " ")
    }
    print("false negatives (typed):")
    for s in gold.subtracting(pred).sorted(by: { $0.sentence * 1000 + $0.start < $1.sentence * 1000 + $1.start }).prefix(n) { print("  ", show(s)) }
    print("false positives (typed):")
    for s in pred.subtracting(gold).sorted(by: { $0.sentence * 1000 + $0.start < $1.sentence * 1000 + $1.start }).prefix(n) { print("  ", show(s)) }
}
