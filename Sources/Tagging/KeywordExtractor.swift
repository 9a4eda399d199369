/// Key phrases by TF-IDF-lite: term frequency times rarity against the language's background
/// frequencies (zipf), phrases of up to three content words that never cross punctuation.
struct KeywordExtractor: Sendable {
    var maxKeywords = 10

    func extract(_ tokens: [Token], lex: LanguageLexicon) -> [Keyword] {
        struct Stat { var display: String; var count: Int; var score: Double; var first: Int }
        var stats: [String: Stat] = [:]
        let n = tokens.count
        func weight(_ t: Token) -> Double {
            let z = lex.background[t.lower] ?? 1.5
            return max(0.2, 7.0 - z)
        }
        func isContent(_ t: Token) -> Bool {
            t.kind == .word && t.lower.count > 2 && !lex.stopwords.contains(t.lower) && !lex.quoteVerbs.contains(t.lower)
                && !lex.titles.contains(t.lower) && !lex.pronouns.contains(t.lower)
        }
        var i = 0
        while i < n {
            guard isContent(tokens[i]) else { i += 1; continue }
            var j = i
            while j < n, isContent(tokens[j]), j - i < 3, !(j > i && tokens[j].newlineBefore) {
                let key = (i...j).map { tokens[$0].lower }.joined(separator: " ")
                let len = j - i + 1
                var w = 0.0
                for k in i...j { w += weight(tokens[k]) }
                w /= Double(len)
                // Longer phrases must repeat to count; single rare words count once.
                let bonus = len == 1 ? 1.0 : 1.3
                if var s = stats[key] {
                    s.count += 1
                    s.score += w * bonus
                    stats[key] = s
                } else {
                    let display = tokens[i].isCapitalized && !tokens[i].sentenceStart ? joinTokens(tokens, i, j + 1)
                        : key
                    stats[key] = Stat(display: display, count: 1, score: w * bonus * (i < n / 5 ? 1.3 : 1.0), first: i)
                }
                j += 1
            }
            i += 1
        }
        var ranked = stats.filter { $0.key.contains(" ") ? $0.value.count >= 2 : true }
            .sorted { $0.value.score != $1.value.score ? $0.value.score > $1.value.score : $0.value.first < $1.value.first }
        // Drop a word when a chosen phrase containing it is as frequent.
        var chosen: [(String, Stat)] = []
        for (key, s) in ranked {
            if chosen.count >= maxKeywords { break }
            let covered = chosen.contains { c in
                (c.0.contains(" ") && c.0.split(separator: " ").contains(Substring(key)) && c.1.count >= s.count)
                    || (key.contains(" ") && key.split(separator: " ").contains(Substring(c.0)))
            }
            if !covered { chosen.append((key, s)) }
        }
        ranked = []
        let top = chosen.first?.1.score ?? 1
        return chosen.map { Keyword(text: $0.1.display, score: ($0.1.score / top * 1000).rounded() / 1000, count: $0.1.count) }
    }
}
