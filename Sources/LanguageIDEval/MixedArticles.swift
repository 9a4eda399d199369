import Foundation
import LanguageID

/// How the segmenter does on the case it exists for: an article in one language with a paragraph
/// in another. Articles are put together from the evaluation sentences without randomness, so
/// runs compare: article i has 3–6 paragraphs of 2–4 sentences, all in one language except the
/// third, which is in another. Exact means the segments' languages are the paragraphs' languages
/// in order (A, B, A …); found means the other language is among the segments.
func evaluateMixedArticles(_ identifier: LanguageIdentifier, sentences: [String], languages: [String], count: Int = 1_500) {
    var pools: [String: [String]] = [:]
    for (sentence, language) in zip(sentences, languages) { pools[language, default: []].append(sentence) }
    let codes = pools.keys.sorted()
    guard codes.count > 1 else { return }
    var cursors: [String: Int] = [:]
    func nextSentence(_ language: String) -> String {
        let pool = pools[language] ?? []
        let index = cursors[language, default: 0]
        cursors[language] = index + 1
        return pool.isEmpty ? "" : pool[index % pool.count]
    }
    var exact = 0, found = 0
    for i in 0..<count {
        // Each pass over the languages pairs every language with another one, at a different
        // distance (1 + 7 × pass) each pass, never itself.
        let main = codes[i % codes.count]
        let other = codes[(i % codes.count + 1 + (i / codes.count) * 7 % (codes.count - 1)) % codes.count]
        var paragraphs: [String] = []
        var expected: [String] = []
        for k in 0..<(3 + i % 4) {
            let language = k == 2 ? other : main
            paragraphs.append((0..<(2 + (i + k) % 3)).map { _ in nextSentence(language) }.joined(separator: " "))
            if expected.last != language { expected.append(language) }
        }
        let segments = identifier.segments(paragraphs.joined(separator: "\n\n"))
        let got = segments.isEmpty ? [identifier.identify(paragraphs.joined(separator: " ")).code] : segments.map(\.code)
        if got == expected { exact += 1 }
        if got.contains(other) { found += 1 }
    }
    print("segments, \(count) mixed articles (3–6 paragraphs, the third in another language): "
        + "\(percent(exact, count)) % exact language sequence, the other language found in \(percent(found, count)) %")
}

private func percent(_ part: Int, _ whole: Int) -> String {
    String(format: "%.1f", 100 * Double(part) / Double(max(1, whole)))
}
