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
        // Per token: its weight when it is a content word, else 0 (weights are at least 0.2).
        // Phrases are runs of up to three content words: one stat at most per content word, per
        // pair and per triple of consecutive content words.
        var maxStats = 0
        let weight = [Double](unsafeUninitializedCapacity: n) { w, initialized in
            tokens.withUnsafeBufferPointer { tb in
                var run = 0
                for k in 0..<n {
                    let t = tb[k]
                    if t.kind == .word, t.length > 2, lex.flags(t) & Self.excluded == 0 {
                        w[k] = max(0.2, 7.0 - (lex.zipf(t) ?? 1.5))
                        run += 1
                        maxStats += min(run, 3)
                    } else {
                        w[k] = 0
                        run = 0
                    }
                }
            }
            initialized = n
        }
        let index = HashSlots(maxKeys: maxStats)
        let statBuffer = UnsafeMutablePointer<Stat>.allocate(capacity: max(1, maxStats))
        defer { statBuffer.deallocate() }
        var statCount = 0
        tokens.withUnsafeBufferPointer { tb in
            weight.withUnsafeBufferPointer { wb in
                let early = n / 5
                var i = 0
                while i < n {
                    guard wb[i] > 0 else { i += 1; continue }
                    var j = i
                    var key: UInt64 = 0
                    var w = 0.0
                    var words: (UInt64, UInt64, UInt64) = (0, 0, 0)
                    while j < n, wb[j] > 0, j - i < 3, !(j > i && tb[j].newlineBefore) {
                        let h = tb[j].lowerHash
                        let len = j - i + 1
                        key = (key ^ h) &* 0x9E37_79B9_7F4A_7C15 &+ UInt64(len)
                        switch len {
                        case 1: words.0 = h
                        case 2: words.1 = h
                        default: words.2 = h
                        }
                        w += wb[j]
                        let avg = w / Double(len)
                        // Longer phrases must repeat to count; single rare words count once.
                        let bonus = len == 1 ? 1.0 : 1.3
                        if let s = index.getOrInsert(key, Int32(statCount)) {
                            statBuffer[Int(s)].count += 1
                            statBuffer[Int(s)].score += avg * bonus
                        } else {
                            (statBuffer + statCount).initialize(to: Stat(words: words, length: len, count: 1,
                                                                         score: avg * bonus * (i < early ? 1.3 : 1.0), first: i))
                            statCount += 1
                        }
                        j += 1
                    }
                    i += 1
                }
            }
        }
        let stats = UnsafeBufferPointer(start: statBuffer, count: statCount)
        func before(_ a: Stat, _ b: Stat) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.first != b.first { return a.first < b.first }
            return a.length < b.length
        }
        // Most stats never make the top ten: rank a short list and fall back to all only if needed.
        var candidateCount = 0
        for s in stats where Self.isCandidate(s) { candidateCount += 1 }
        let shortList = maxKeywords * 4
        var chosen: [Stat] = []
        let pool: [Stat]
        if candidateCount > shortList {
            pool = topK(stats, shortList, before)
        } else {
            pool = stats.filter(Self.isCandidate).sorted(by: before)
        }
        choose(from: pool, into: &chosen)
        if chosen.count < maxKeywords, candidateCount > shortList {
            chosen = []
            choose(from: stats.filter(Self.isCandidate).sorted(by: before), into: &chosen)
        }
        let top = chosen.first?.score ?? 1
        return chosen.map { s in
            let t = tokens[s.first]
            let display = t.isCapitalized && !t.sentenceStart ? doc.join(s.first, s.first + s.length)
                : doc.joinLower(s.first, s.first + s.length)
            return Keyword(text: display, score: (s.score / top * 1000).rounded() / 1000, count: s.count)
        }
    }

    /// A phrase of several words must occur at least twice to be a keyword.
    static func isCandidate(_ s: Stat) -> Bool { s.length == 1 || s.count >= 2 }

    /// The best `k` candidate stats in order: binary search into a short sorted list (`before` is a
    /// total order on distinct phrases, so the position is the one a linear insertion sort finds).
    func topK(_ stats: UnsafeBufferPointer<Stat>, _ k: Int, _ before: (Stat, Stat) -> Bool) -> [Stat] {
        guard k > 0 else { return [] }
        let best = UnsafeMutablePointer<Stat>.allocate(capacity: k)
        defer { best.deallocate() }
        var count = 0
        for s in stats where Self.isCandidate(s) {
            if count == k, !before(s, best[k - 1]) { continue }
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo + hi) / 2
                if before(s, best[mid]) { hi = mid } else { lo = mid + 1 }
            }
            if count == k { count -= 1 }
            (best + lo + 1).moveInitialize(from: best + lo, count: count - lo)
            (best + lo).initialize(to: s)
            count += 1
        }
        return Array(UnsafeBufferPointer(start: best, count: count))
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
