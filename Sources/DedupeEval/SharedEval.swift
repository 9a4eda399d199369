import Dedupe
import Foundation

/// Pairs built from the real news bodies of `eval-data/boilerplate` (ground-truth article bodies),
/// with the edits of `Editor`; negatives are each body's most similar other body (the hardest
/// case: same site, same topic) and random other bodies, plain and edited.
enum SharedEval {
    static func run(shared: URL, configuration: DedupeConfiguration) throws {
        let folder = shared.appendingPathComponent("eval-data/boilerplate")
        let truth = try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("ground-truth.json"))) as? [String: Any] ?? [:]
        let pages = (try JSONSerialization.jsonObject(with: Data(contentsOf: folder.appendingPathComponent("page-text-lines.json"))) as? [String: Any])?["output"] as? [String: Any] ?? [:]
        var bodies: [(id: String, body: String, page: String?)] = []
        for id in truth.keys.sorted() {
            guard let body = (truth[id] as? [String: Any])?["articleBody"] as? String,
                  body.split(separator: " ").count >= 50 else { continue }
            bodies.append((id, body, (pages[id] as? [String: Any])?["articleBody"] as? String))
        }
        guard bodies.count > 10 else {
            print("eval-data/boilerplate: too few documents, skipped")
            return
        }
        var editor = Editor(random: SplitMix(seed: 2024), others: bodies.map(\.body))
        var pairs: [LabelledPair] = []
        var pagePairs: [LabelledPair] = []
        let texts = bodies.map(\.body)
        let neighbours = nearestNeighbours(texts, configuration: configuration)
        var random = SplitMix(seed: 99)
        for (i, doc) in bodies.enumerated() {
            let body = doc.body
            pairs.append(LabelledPair(category: "headline", first: body, second: editor.headline(body), isCopy: true))
            pairs.append(LabelledPair(category: "furniture", first: body, second: editor.furniture(body), isCopy: true))
            pairs.append(LabelledPair(category: "furniture-removed", first: editor.furniture(body), second: body, isCopy: true))
            pairs.append(LabelledPair(category: "paragraph-appended", first: body, second: editor.appendParagraph(body), isCopy: true))
            pairs.append(LabelledPair(category: "reworded", first: body, second: editor.reword(body), isCopy: true))
            pairs.append(LabelledPair(category: "truncated", first: body, second: editor.truncate(body), isCopy: true))
            pairs.append(LabelledPair(category: "number-changed", first: body, second: editor.changeNumber(body), isCopy: true))
            pairs.append(LabelledPair(category: "combined", first: body, second: editor.combined(body), isCopy: true))
            let nearest = texts[neighbours[i]]
            pairs.append(LabelledPair(category: "neg-nearest", first: body, second: nearest, isCopy: false))
            pairs.append(LabelledPair(category: "neg-nearest-edited", first: editor.combined(body), second: editor.furniture(nearest), isCopy: false))
            var other = random.below(texts.count)
            if other == i { other = (other + 1) % texts.count }
            pairs.append(LabelledPair(category: "neg-random", first: body, second: texts[other], isCopy: false))
            if let page = doc.page {
                pagePairs.append(LabelledPair(category: "whole-page", first: body, second: page, isCopy: true))
            }
        }
        print("eval-data/boilerplate: \(bodies.count) bodies (≥ 50 words), \(pairs.count) pairs "
            + "(\(pairs.filter(\.isCopy).count) copies, \(pairs.filter { !$0.isCopy }.count) non-copies)")
        let overall = evaluate(pairs, configuration: configuration, showCategories: true)
        print("  OVERALL precision \(fmt(overall.precision)) recall \(fmt(overall.recall)) F1 \(fmt(overall.f1))")
        let page = evaluate(pagePairs, configuration: configuration, showCategories: false)
        print("  (separate) body vs. whole uncleaned page text, recall \(fmt(page.recall)) — "
            + "pages carry 2–10× their body in navigation; run `clean` before `dedupe` for these")
    }

    static func evaluate(_ pairs: [LabelledPair], configuration: DedupeConfiguration, showCategories: Bool) -> Tally {
        var overall = Tally()
        var categories: [String: (Tally, [Double])] = [:]
        for (n, pair) in pairs.enumerated() {
            let index = DedupeIndex(configuration: configuration)
            index.insert(index.fingerprinter.fingerprint(id: "a\(n)", url: nil, text: pair.first), firstSeenMilliseconds: 0)
            let verdict = index.check(index.fingerprinter.fingerprint(id: "b\(n)", url: nil, text: pair.second))
            let predicted = verdict.status != .unique
            overall.add(predicted: predicted, actual: pair.isCopy)
            categories[pair.category, default: (Tally(), [])].0.add(predicted: predicted, actual: pair.isCopy)
            categories[pair.category, default: (Tally(), [])].1.append(verdict.similarity)
        }
        if showCategories {
            for (name, (tally, similarities)) in categories.sorted(by: { $0.key < $1.key }) {
                let sorted = similarities.sorted()
                let rate = name.hasPrefix("neg") ? "false-match rate \(fmt(1 - Double(tally.trueNegatives) / Double(sorted.count)))"
                    : "recall \(fmt(tally.recall))"
                print("  \(name.padding(toLength: 20, withPad: " ", startingAt: 0)) n=\(sorted.count) \(rate)  "
                    + "similarity min \(fmt(sorted.first ?? 0)) median \(fmt(sorted[sorted.count / 2])) max \(fmt(sorted.last ?? 0))")
            }
        }
        return overall
    }

    /// For each text, the other text with the highest estimated Jaccard similarity.
    static func nearestNeighbours(_ texts: [String], configuration: DedupeConfiguration) -> [Int] {
        let fingerprinter = Fingerprinter(configuration: configuration)
        let signatures = texts.enumerated().map { fingerprinter.fingerprint(id: "\($0.offset)", url: nil, text: $0.element).signature }
        return signatures.indices.map { i in
            var best = (i + 1) % texts.count
            var bestScore = -1.0
            for j in signatures.indices where j != i {
                guard let a = signatures[i], let b = signatures[j] else { continue }
                let score = a.jaccard(b)
                if score > bestScore {
                    bestScore = score
                    best = j
                }
            }
            return best
        }
    }
}
