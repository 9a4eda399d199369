// Evaluates LanguageID on ../shared/eval-data/language-id and measures speed.
// Usage: LanguageIDEval [--bench-only] [--sets sentences,word-pairs,single-words] [--eval-dir DIR]
//        [--predict FILE [--with-confidence]]
// Skips (exit 0) when the shared evaluation data is absent.
import EvalSupport
import Foundation
import LanguageID

func sharedDirectory() -> URL? {
    SharedEvalData.directory(containing: "eval-data/language-id")
}

func readLines(_ url: URL) -> [String] {
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    return text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
}

func now() -> Double {
    var ts = timespec()
    clock_gettime(CLOCK_MONOTONIC, &ts)
    return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
}

let args = CommandLine.arguments
let benchOnly = args.contains("--bench-only")
var sets = ["sentences", "word-pairs", "single-words"]
if let i = args.firstIndex(of: "--sets"), i + 1 < args.count {
    sets = args[i + 1].split(separator: ",").map(String.init)
}

// `--eval-dir DIR` scores another set of the same layout (e.g. the development set written by
// Scripts/lid_devset.py from held-out training strings) instead of the evaluation files; it
// needs no ../shared.
let dataDir: URL
if let i = args.firstIndex(of: "--eval-dir"), i + 1 < args.count {
    dataDir = URL(fileURLWithPath: args[i + 1])
} else {
    guard let shared = sharedDirectory() else {
        print("LanguageIDEval: ../shared/eval-data/language-id not found (set ARTICLED_SHARED); skipping.")
        exit(0)
    }
    dataDir = shared.appendingPathComponent("eval-data/language-id")
}

let loadStart = now()
let identifier = loadOrExit("LanguageIDEval") { try LanguageIdentifier.loadDefault() }
print(String(format: "model load: %.1f ms", (now() - loadStart) * 1000))
do {
    let bytes = identifier.model.tableBytes
    let mb = { (n: Int) in Double(n) / 1_048_576 }
    // VmRSS right after load (what stays resident) and VmHWM (the peak while loading).
    let status = (try? String(contentsOfFile: "/proc/self/status", encoding: .utf8)) ?? ""
    let field = { (name: String) -> String in
        status.split(separator: "\n").first { $0.hasPrefix(name) }
            .map { $0.dropFirst(name.count).trimmingCharacters(in: .whitespaces) } ?? "?"
    }
    print(String(format: "model tables: slots %.1f MB, postings %.1f MB, dense rows %.1f MB; ", mb(bytes.slots),
                 mb(bytes.postings), mb(bytes.dense)) + "process RSS after load \(field("VmRSS:")), peak \(field("VmHWM:"))")
}

let languages = (try? FileManager.default.contentsOfDirectory(atPath: dataDir.appendingPathComponent("sentences").path))?
    .filter { $0.hasSuffix(".txt") }.map { String($0.dropLast(4)) }.sorted() ?? []

// Optional: write predictions for the side-by-side comparison script.
if let i = args.firstIndex(of: "--predict"), i + 1 < args.count {
    let lines = readLines(URL(fileURLWithPath: args[i + 1]))
    let start = now()
    // `--with-confidence` appends the confidence after a tab (for calibration analysis).
    let withConfidence = args.contains("--with-confidence")
    let codes = lines.map { line in
        let guess = identifier.identify(line)
        return withConfidence ? guess.code + "\t" + String(format: "%.3f", guess.confidence) : guess.code
    }
    let elapsed = now() - start
    print(codes.joined(separator: "\n"))
    FileHandle.standardError.write(Data(String(format: "%.0f\n", Double(lines.count) / elapsed).utf8))
    exit(0)
}

struct Calibration {
    var bins = [(right: Int, total: Int)](repeating: (0, 0), count: 10)
    mutating func add(_ confidence: Double, _ right: Bool) {
        let b = min(9, Int(confidence * 10))
        bins[b].total += 1
        if right { bins[b].right += 1 }
    }
    var highBand: (right: Int, total: Int) { bins[9] }
}

if !benchOnly {
    for set in sets {
        var perLanguage: [(String, Double)] = []
        var confusions: [String: Int] = [:]
        var calibration = Calibration()
        for lang in languages {
            let lines = readLines(dataDir.appendingPathComponent("\(set)/\(lang).txt"))
            guard !lines.isEmpty else { continue }
            var right = 0
            for line in lines {
                let guess = identifier.identify(line)
                let ok = guess.code == lang
                if ok { right += 1 } else { confusions["\(lang)→\(guess.code)", default: 0] += 1 }
                calibration.add(guess.confidence, ok)
            }
            perLanguage.append((lang, Double(right) / Double(lines.count)))
        }
        let mean = perLanguage.reduce(0) { $0 + $1.1 } / Double(max(1, perLanguage.count))
        print("\n== \(set): mean accuracy over \(perLanguage.count) languages: \(String(format: "%.2f", mean * 100)) %")
        let row = perLanguage.map { "\($0.0) \(String(format: "%5.1f", $0.1 * 100))" }
        for chunk in stride(from: 0, to: row.count, by: 8) {
            print("  " + row[chunk..<min(row.count, chunk + 8)].joined(separator: "  "))
        }
        let worst = confusions.sorted { $0.value > $1.value }.prefix(12)
        print("  worst confusions: " + worst.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        let high = calibration.highBand
        print(String(format: "  calibration: confidence ≥ 0.9 → %.2f %% right (%d of %d answers, %.1f %% of all)",
                     100 * Double(high.right) / Double(max(1, high.total)), high.right, high.total,
                     100 * Double(high.total) / Double(max(1, calibration.bins.reduce(0) { $0 + $1.total }))))
        print("  by confidence decile: " + calibration.bins.enumerated().filter { $0.element.total > 0 }.map {
            String(format: "%.1f:%.0f%%/%d", Double($0.offset) / 10, 100 * Double($0.element.right) / Double($0.element.total), $0.element.total)
        }.joined(separator: " "))
    }
}

// Speed: all sentences, one thread; then 4 KB articles built from consecutive sentences.
var sentences: [String] = []
var sentenceLanguages: [String] = []
var articles: [String] = []
var articleLanguages: [String] = []
for lang in languages {
    let lines = readLines(dataDir.appendingPathComponent("sentences/\(lang).txt"))
    sentences += lines
    sentenceLanguages += Array(repeating: lang, count: lines.count)
    var article = ""
    for line in lines {
        if article.utf8.count + line.utf8.count + 1 > 4096 {
            articles.append(article)
            articleLanguages.append(lang)
            article = ""
        }
        article += line + " "
    }
}
var sink = 0
var start = now()
let rounds = 3
for _ in 0..<rounds {
    for s in sentences { sink &+= identifier.identify(s).code.utf8.count }
}
let perSecond = Double(sentences.count * rounds) / (now() - start)
start = now()
for _ in 0..<rounds {
    for a in articles { sink &+= identifier.identify(a).code.utf8.count }
}
let perArticle = (now() - start) / Double(articles.count * rounds) * 1e6
var articleCalibration = Calibration()
var articlesRight = 0
for (article, lang) in zip(articles, articleLanguages) {
    let guess = identifier.identify(article)
    if guess.code == lang { articlesRight += 1 }
    articleCalibration.add(guess.confidence, guess.code == lang)
}
print(String(format: "\n4 KB articles: %.2f %% right (%d of %d); confidence ≥ 0.9 → %.2f %% right (%d answers)",
             100 * Double(articlesRight) / Double(max(1, articles.count)), articlesRight, articles.count,
             100 * Double(articleCalibration.highBand.right) / Double(max(1, articleCalibration.highBand.total)),
             articleCalibration.highBand.total))
// The segmenter judges lines over 120 bytes by whole words alone; its confidence cut (0.5) needs
// that pass's confidences to stay calibrated: one line → the segment found, if any.
var lineCalibration = Calibration()
var longLines = 0, segmented = 0, segmentedRight = 0
var confidentLineErrors: [String: Int] = [:]
for (index, sentence) in sentences.enumerated() where sentence.utf8.count > 120 && index % 4 == 0 {
    longLines += 1
    guard let segment = identifier.segments(sentence).first else { continue }
    segmented += 1
    let lang = sentenceLanguages[index]
    if segment.code == lang { segmentedRight += 1 }
    if segment.code != lang, segment.confidence >= 0.9 { confidentLineErrors["\(lang)→\(segment.code)", default: 0] += 1 }
    lineCalibration.add(segment.confidence, segment.code == lang)
}
print(String(format: "segmenter, one long sentence each: %d of %d get a segment, %.2f %% of those right; confidence ≥ 0.9 → %.2f %% right (%d)",
             segmented, longLines, 100 * Double(segmentedRight) / Double(max(1, segmented)),
             100 * Double(lineCalibration.highBand.right) / Double(max(1, lineCalibration.highBand.total)),
             lineCalibration.highBand.total))
print("  its confident errors: " + confidentLineErrors.sorted { $0.value > $1.value }.prefix(8)
    .map { "\($0.key) \($0.value)" }.joined(separator: ", "))
evaluateMixedArticles(identifier, sentences: sentences, languages: sentenceLanguages)
print(String(format: "speed (one thread): %.0f sentences/s; %.2f µs per 4 KB article (%d articles) [%d]",
             perSecond, perArticle, articles.count, sink % 10))
