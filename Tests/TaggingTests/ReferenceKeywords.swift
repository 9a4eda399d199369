@testable import Tagging

/// The keyword extractor as it was before its branch-free rewrite (a branch per token, `getOrInsert`
/// per phrase), kept as the reference the fast path must reproduce exactly.
enum ReferenceKeywords {
    static func extract(_ doc: TokenizedText, lex: LanguageLexicon, maxKeywords: Int = 10) -> [Keyword] {
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
                    if t.kind == .word, t.length > 2, lex.flags(t) & KeywordExtractor.excluded == 0 {
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
        let statBuffer = UnsafeMutablePointer<KeywordExtractor.Stat>.allocate(capacity: max(1, maxStats))
        defer { statBuffer.deallocate() }
        var statCount = 0
        // The words of every phrase, stored when it is first seen (the extractor reads them back
        // from the tokens), keyed by first occurrence and length (distinct for distinct phrases).
        var wordsOf: [Int: (UInt64, UInt64, UInt64)] = [:]
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
                            (statBuffer + statCount).initialize(to: KeywordExtractor.Stat(length: len, count: 1,
                                                                         score: avg * bonus * (i < early ? 1.3 : 1.0), first: i))
                            wordsOf[i * 4 + len] = words
                            statCount += 1
                        }
                        j += 1
                    }
                    i += 1
                }
            }
        }
        let stats = UnsafeBufferPointer(start: statBuffer, count: statCount)
        func before(_ a: KeywordExtractor.Stat, _ b: KeywordExtractor.Stat) -> Bool {
            if a.score != b.score { return a.score > b.score }
            if a.first != b.first { return a.first < b.first }
            return a.length < b.length
        }
        // Most stats never make the top ten: rank a short list and fall back to all only if needed.
        var candidateCount = 0
        for s in stats where KeywordExtractor.isCandidate(s) { candidateCount += 1 }
        let shortList = maxKeywords * 4
        // The selection as it was when stats carried their words' hashes.
        func choose(from ranked: [KeywordExtractor.Stat], into chosen: inout [KeywordExtractor.Stat]) {
            func words(_ s: KeywordExtractor.Stat) -> (UInt64, UInt64, UInt64) { wordsOf[s.first * 4 + s.length] ?? (0, 0, 0) }
            func contains(_ phrase: KeywordExtractor.Stat, _ word: UInt64) -> Bool {
                let w = words(phrase)
                return w.0 == word || (phrase.length > 1 && w.1 == word) || (phrase.length > 2 && w.2 == word)
            }
            for s in ranked {
                if chosen.count >= maxKeywords { break }
                let covered = chosen.contains { c in
                    (c.length > 1 && s.length == 1 && contains(c, words(s).0) && c.count >= s.count)
                        || (s.length > 1 && c.length == 1 && contains(s, words(c).0))
                }
                if !covered { chosen.append(s) }
            }
        }
        var chosen: [KeywordExtractor.Stat] = []
        let pool: [KeywordExtractor.Stat]
        if candidateCount > shortList {
            // The plain selection `ranked` replaces: sort every candidate, keep the first `shortList`.
            pool = Array(stats.filter(KeywordExtractor.isCandidate).sorted(by: before).prefix(shortList))
        } else {
            pool = stats.filter(KeywordExtractor.isCandidate).sorted(by: before)
        }
        choose(from: pool, into: &chosen)
        if chosen.count < maxKeywords, candidateCount > shortList {
            chosen = []
            choose(from: stats.filter(KeywordExtractor.isCandidate).sorted(by: before), into: &chosen)
        }
        return KeywordExtractor.keywords(chosen, doc)
    }

}
