/// Key phrases by TF-IDF-lite: term frequency times rarity against the language's background
/// frequencies (zipf), phrases of up to three content words that never cross punctuation.
struct KeywordExtractor: Sendable {
    var maxKeywords = 10

    /// A phrase seen in the document: identified by the lower-case hashes of its words.
    struct Stat {
        var words: (UInt64, UInt64, UInt64)
        var length: Int
        var count: Int
        var score: Double
        /// First occurrence (token index); the phrase's text is rebuilt from there only if chosen.
        var first: Int
    }

    static let excluded = LanguageLexicon.stopword | LanguageLexicon.quoteVerb | LanguageLexicon.title | LanguageLexicon.pronoun

    func extract(_ doc: TokenizedText, lex: LanguageLexicon) -> [Keyword] {
        let tokens = doc.tokens
        let n = tokens.count
        var content = [Bool](repeating: false, count: n)
        var weight = [Double](repeating: 0, count: n)
        for k in 0..<n {
            let t = tokens[k]
            guard t.kind == .word, t.length > 2, lex.flags(t) & Self.excluded == 0 else { continue }
            content[k] = true
            weight[k] = max(0.2, 7.0 - (lex.zipf(t) ?? 1.5))
        }
        var stats: [Stat] = []
        stats.reserveCapacity(n)
        var index = IntMap(capacity: n / 2)
        var i = 0
        while i < n {
            guard content[i] else { i += 1; continue }
            var j = i
            var key: UInt64 = 0
            var w = 0.0
            var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
            while j < n, content[j], j - i < 3, !(j > i && tokens[j].newlineBefore) {
                let h = tokens[j].lowerHash
                key = (key ^ h) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(j - i + 1)
                switch j - i {
                case 0: words.0 = h
                case 1: words.1 = h
                default: words.2 = h
                }
                let len = j - i + 1
                w += weight[j]
                let avg = w / Double(len)
                // Longer phrases must repeat to count; single rare words count once.
                let bonus = len == 1 ? 1.0 : 1.3
                if let s = index.get(key) {
                    stats[Int(s)].count += 1
                    stats[Int(s)].score += avg * bonus
                } else {
                    index.set(key, Int32(stats.count))
                    stats.append(Stat(words: words, length: len, count: 1,
                                      score: avg * bonus * (i < n / 5 ? 1.3 : 1.0), first: i))
                }
                j += 1
            }
            i += 1
        }
        func before(_ a: Stat, _ b: Stat) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.first != b.first { return a.first < b.first }
            return a.length < b.length
        }
        // Most stats never make the top ten: rank a short list and fall back to all only if needed.
        var candidates = stats.filter { $0.length == 1 || $0.count >= 2 }
        let shortList = maxKeywords * 4
        var chosen: [Stat] = []
        var pool: [Stat]
        if candidates.count > shortList {
            pool = topK(candidates, shortList, before)
        } else {
            pool = candidates.sorted(by: before)
        }
        choose(from: pool, into: &chosen)
        if chosen.count < maxKeywords, candidates.count > shortList {
            chosen = []
            candidates.sort(by: before)
            choose(from: candidates, into: &chosen)
        }
        let top = chosen.first?.score ?? 1
        return chosen.map { s in
            let t = tokens[s.first]
            let display = t.isCapitalized && !t.sentenceStart ? doc.join(s.first, s.first + s.length)
                : doc.joinLower(s.first, s.first + s.length)
            return Keyword(text: display, score: (s.score / top * 1000).rounded() / 1000, count: s.count)
        }
    }

    /// The best `k` stats in order, by insertion into a short sorted list.
    func topK(_ stats: [Stat], _ k: Int, _ before: (Stat, Stat) -> Bool) -> [Stat] {
        var best: [Stat] = []
        best.reserveCapacity(k + 1)
        for s in stats {
            if best.count == k, let last = best.last, !before(s, last) { continue }
            var pos = best.count
            while pos > 0, before(s, best[pos - 1]) { pos -= 1 }
            best.insert(s, at: pos)
            if best.count > k { best.removeLast() }
        }
        return best
    }

    /// Drops a word when a chosen phrase containing it is as frequent, and a phrase containing a chosen word.
    func choose(from ranked: [Stat], into chosen: inout [Stat]) {
        func contains(_ phrase: Stat, _ word: UInt64) -> Bool {
            phrase.words.0 == word || (phrase.length > 1 && phrase.words.1 == word) || (phrase.length > 2 && phrase.words.2 == word)
        }
        for s in ranked {
            if chosen.count >= maxKeywords { break }
            let covered = chosen.contains { c in
                (c.length > 1 && s.length == 1 && contains(c, s.words.0) && c.count >= s.count)
                    || (s.length > 1 && c.length == 1 && contains(s, c.words.0))
            }
            if !covered { chosen.append(s) }
        }
    }
}
