import Cleaning
import Foundation

/// `--halves`: the steady-state figures for two fixed halves of the pages, so that a change found
/// by looking at one half's errors is checked on pages never looked at. A page's half is a stable
/// hash of its host ("www." dropped), so one site never sits in both halves.
/// `--errors [A|B]`: one half's wrong decisions, line by line (false keeps, then false removals),
/// with the rule and the line's shape, and a count per rule and shape.

/// 0 for half A, 1 for half B.
func half(of page: Page) -> Int {
    var host = page.source ?? page.id
    if host.hasPrefix("www.") { host.removeFirst(4) }
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in host.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    h ^= h >> 29
    h &*= 0xbf58_476d_1ce4_e5b9
    h ^= h >> 32
    return Int(h & 1)
}

/// The steady-state cleaner (as `evaluate` with `warmUp`): all pages observed, then read-only with
/// thresholds raised by one.
func steadyCleaner(_ pages: [Page], patterns: PatternSet, configuration: CleaningConfiguration) -> Cleaner {
    var configuration = configuration
    configuration.learningMode = .applyOnly
    configuration.sourceThreshold += 1
    configuration.globalThreshold += 1
    let cleaner = Cleaner(configuration: configuration, patterns: patterns)
    for page in pages { cleaner.observe(page.text, source: page.source) }
    return cleaner
}

func halves(_ pages: [Page], patterns: PatternSet, configuration: CleaningConfiguration, daemon: CleaningConfiguration) {
    let counts = [0, 1].map { h in pages.filter { half(of: $0) == h }.count }
    print("halves: A \(counts[0]) pages, B \(counts[1]) pages (by host hash)")
    for (label, config) in [("steady state", configuration), ("daemon defaults (60 % guard)", daemon)] {
        let cleaner = steadyCleaner(pages, patterns: patterns, configuration: config)
        var metrics = [ShingleMetric(), ShingleMetric()]
        var all = ShingleMetric()
        for page in pages {
            let text = cleaner.clean(page.text, source: page.source).text
            metrics[half(of: page)].add(predicted: text, truth: page.truth)
            all.add(predicted: text, truth: page.truth)
        }
        line("\(label), half A", metrics[0])
        line("\(label), half B", metrics[1])
        line("\(label), all", all)
    }
}

/// Whether a line's words belong to the article: most of its 4-shingles are in the truth (lines
/// of under four words: the word sequence occurs in the truth's).
private func inTruth(_ line: String, truthWords: [Substring], truthShingles: [String: Int]) -> Bool {
    let words = ShingleMetric.words(line)
    if words.isEmpty { return true }
    if words.count < 4 {
        guard words.count <= truthWords.count else { return false }
        for start in 0...(truthWords.count - words.count) where truthWords[start] == words[0] {
            if zip(words, truthWords[start...]).allSatisfy({ $0 == $1 }) { return true }
        }
        return false
    }
    let shingles = ShingleMetric.shingles(line)
    var found = 0
    var total = 0
    for (key, count) in shingles {
        total += count
        found += min(count, truthShingles[key, default: 0])
    }
    return Double(found) >= 0.5 * Double(total)
}

private func shapeLabel(_ line: String) -> String {
    let words = ShingleMetric.words(line).count
    let bucket = words < 4 ? "1-3w" : words < 8 ? "4-7w" : words < 12 ? "8-11w" : words < 25 ? "12-24w" : "25+w"
    let trimmed = line.trimmingCharacters(in: .whitespaces)
    let end = trimmed.last.map { ".!?\"”’)".contains($0) ? "sent" : ":" == $0 ? "colon" : "open" } ?? "open"
    return "\(bucket) \(end)"
}

func errors(_ pages: [Page], patterns: PatternSet, configuration: CleaningConfiguration, half wanted: Int) {
    let cleaner = steadyCleaner(pages, patterns: patterns, configuration: configuration)
    var byRule: [String: (lines: Int, words: Int)] = [:]
    var byShape: [String: (lines: Int, words: Int)] = [:]
    func count(_ key: String, _ shape: String, _ words: Int) {
        let kind = "\(key.hasPrefix("keep") ? "false-keep" : "false-remove") \(shape)"
        byRule[key, default: (0, 0)].lines += 1
        byRule[key, default: (0, 0)].words += words
        byShape[kind, default: (0, 0)].lines += 1
        byShape[kind, default: (0, 0)].words += words
    }
    for page in pages where half(of: page) == wanted {
        let r = cleaner.clean(page.text, source: page.source)
        let truthWords = ShingleMetric.words(page.truth)
        let truthShingles = ShingleMetric.shingles(page.truth)
        var out: [String] = []
        for kept in r.text.split(separator: "\n") where inTruth(String(kept), truthWords: truthWords, truthShingles: truthShingles) {
            let words = ShingleMetric.words(String(kept)).count
            byShape["true-keep \(shapeLabel(String(kept)))", default: (0, 0)].lines += 1
            byShape["true-keep \(shapeLabel(String(kept)))", default: (0, 0)].words += words
            if ProcessInfo.processInfo.environment["CLEANING_ERRORS_ALL"] != nil {
                out.append("  = KEPT   [\(shapeLabel(String(kept)))] \(kept.prefix(150))")
            }
        }
        for kept in r.text.split(separator: "\n") where !inTruth(String(kept), truthWords: truthWords, truthShingles: truthShingles) {
            let words = ShingleMetric.words(String(kept)).count
            count("keep", shapeLabel(String(kept)), words)
            out.append("  + KEPT   [\(shapeLabel(String(kept)))] \(kept.prefix(150))")
        }
        for removed in r.removed where inTruth(removed.text, truthWords: truthWords, truthShingles: truthShingles) {
            let words = ShingleMetric.words(removed.text).count
            guard words > 0 else { continue }
            count("remove \(removed.ruleID)", shapeLabel(removed.text), words)
            out.append("  - REMOVED[\(removed.ruleID)] [\(shapeLabel(removed.text))] \(removed.text.prefix(150))")
        }
        var m = ShingleMetric()
        m.add(predicted: r.text, truth: page.truth)
        print(String(format: "== %@ %@ P %.2f R %.2f lang %@", String(page.id.prefix(12)), page.source ?? "-", m.precision, m.recall, r.language ?? "-"))
        out.forEach { print($0) }
    }
    print("== by rule (lines, words)")
    for (k, v) in byRule.sorted(by: { $0.value.words > $1.value.words }) { print("  \(k): \(v.lines) lines, \(v.words) words") }
    print("== by shape (lines, words)")
    for (k, v) in byShape.sorted(by: { $0.value.words > $1.value.words }) { print("  \(k): \(v.lines) lines, \(v.words) words") }
}
