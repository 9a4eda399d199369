/// Key phrases by TF-IDF-lite: term frequency times rarity against the language's background
/// frequencies (zipf), phrases of up to three content words that never cross punctuation.
struct KeywordExtractor: Sendable {
    var maxKeywords = 10

    /// A phrase seen in the document (the table's key is the lower-case hashes of its words, which
    /// `choose` reads back from the tokens at `first`). 24 bytes: one is written per phrase
    /// occurrence and updated at a random place in the array, so its size is cache traffic (the
    /// stats of a 4 KB article were ~40 KB at 56 bytes, past the 32 KB L1).
    struct Stat {
        var score: Double
        private var first32: Int32
        private var count32: Int32
        private var length8: UInt8

        init(length: Int, count: Int, score: Double, first: Int) {
            self.score = score
            first32 = Int32(truncatingIfNeeded: first)
            count32 = Int32(truncatingIfNeeded: count)
            length8 = UInt8(truncatingIfNeeded: length)
        }

        /// Words in the phrase (1...3).
        var length: Int { @inline(__always) get { Int(length8) } }
        /// Occurrences (at most the token count, which `Tokenizer.maxBytes` keeps below 2^31).
        var count: Int {
            @inline(__always) get { Int(count32) }
            @inline(__always) set { count32 = Int32(truncatingIfNeeded: newValue) }
        }
        /// First occurrence (token index); the phrase's text is rebuilt from there only if chosen.
        var first: Int { @inline(__always) get { Int(first32) } }
    }

    static let excluded = LanguageLexicon.stopword | LanguageLexicon.quoteVerb | LanguageLexicon.title | LanguageLexicon.pronoun

    /// - Parameter scratch: working memory reused across calls (else allocated per call).
    /// - Parameter features: `lex.feature` of every token (`TokenFacts.feature`); read here when nil.
    /// - Parameter words: the words of three scalars or more, ascending (`TokenFacts.topicWords`), with
    ///   `features`: the content words are picked from them; from all tokens when nil.
    func extract(_ doc: TokenizedText, lex: LanguageLexicon, scratch: Scratch? = nil,
                 features: UnsafeBufferPointer<UInt32>? = nil, words: UnsafeBufferPointer<Int32>? = nil) -> [Keyword] {
        let scratch = scratch ?? Scratch()
        let n = doc.tokens.count
        let given = features
        let features = features ?? Self.features(doc.tokens, lex: lex, into: scratch.buffer(.tokenFeatures, UInt32.self, count: n))
        // The content words' list is preceded by -2, the content word before the first (which none
        // continues): `countPhrases` reads the one before each word from the list.
        let block = scratch.buffer(.keywordPositions, Int32.self, count: n + 2)
        block[0] = -2
        let position = block + 1
        let count: Int
        if given != nil, let words, let wordBase = words.baseAddress, let featureBase = features.baseAddress {
            count = Self.listContent(words: wordBase, words.count, featureBase, position)
        } else {
            count = doc.tokens.withUnsafeBufferPointer { tb in
                guard let tokenBase = tb.baseAddress, let featureBase = features.baseAddress else { return 0 }
                return Self.listContent(tokenBase, n, featureBase, position)
            }
        }
        return extract(doc, in: scratch, features: features, content: UnsafeBufferPointer(start: position, count: count))
    }

    /// Lists the content words (three scalars or more, no excluded feature) into `out`, ascending,
    /// without a branch per token (whether a word is a stopword is unpredictable); returns how many.
    /// A pass of its own, lean enough to keep in registers, so the per-word work (weights, phrase
    /// runs) is done for the content words only, about two tokens in five.
    private static func listContent(_ tb: UnsafePointer<Token>, _ n: Int, _ features: UnsafePointer<UInt32>,
                                    _ out: UnsafeMutablePointer<Int32>) -> Int {
        var c = 0
        for k in 0..<n {
            out[c] = Int32(truncatingIfNeeded: k)
            let t = tb[k]
            c &+= Int(Candidates.bit(t.kind == .word) & Candidates.bit(t.length > 2) & Candidates.bit(features[k] & Self.excluded == 0))
        }
        return c
    }

    /// `listContent` over the words of three scalars or more (about half the tokens): only the
    /// excluded features are left to test.
    private static func listContent(words: UnsafePointer<Int32>, _ count: Int, _ features: UnsafePointer<UInt32>,
                                    _ out: UnsafeMutablePointer<Int32>) -> Int {
        var c = 0
        for w in 0..<count {
            let k = words[w]
            out[c] = k
            c &+= Int(Candidates.bit(features[Int(k)] & Self.excluded == 0))
        }
        return c
    }

    private func extract(_ doc: TokenizedText, in scratch: Scratch, features: UnsafeBufferPointer<UInt32>,
                         content position: UnsafeBufferPointer<Int32>) -> [Keyword] {
        let tokens = doc.tokens
        let n = tokens.count
        // Phrases are runs of up to three content words: one stat at most per content word, pair and
        // triple ending there.
        let contentCount = position.count
        let maxStats = 3 * contentCount
        let index = HashSlots(maxKeys: maxStats, scratch: scratch, block: .keywordIndex)
        // One spare slot: every phrase is first written, as if new, to the next free stat.
        let statBuffer = scratch.buffer(.keywordStats, Stat.self, count: maxStats + 1)
        let work = scratch.buffer(.keywordRuns, Int32.self, count: 2 * (contentCount + 1))
        let weightOf = scratch.buffer(.keywordWeights, Double.self, count: contentCount)
        let statCount = Self.weights.withUnsafeBufferPointer { weightTable in
            tokens.withUnsafeBufferPointer { tb in
                guard let tokenBase = tb.baseAddress, let featureBase = features.baseAddress,
                      let weightBase = weightTable.baseAddress, let positionBase = position.baseAddress else { return 0 }
                return Self.countPhrases(tokenBase, n, positionBase, contentCount, featureBase, weightBase, index, statBuffer,
                                         work: work, weightOf: weightOf)
            }
        }
        let stats = UnsafeBufferPointer(start: statBuffer, count: statCount)
        // Most stats never make the top ten: rank a short list and rank all only if needed (with no
        // more candidates than the short list, it is all of them, ranked). Twice the keywords wanted
        // suffice for 99 % of the corpus articles (22 of 2048 calls rank all); four times cost
        // ~1.1 k instructions per article more in the insertion sorts, one and a half times ranked
        // all for 382 calls (~4.6 k more).
        let shortList = maxKeywords * 2
        var chosen: [Stat] = []
        chosen.reserveCapacity(maxKeywords)
        let (pool, candidateCount) = ranked(stats, shortList)
        choose(from: pool, doc, into: &chosen)
        if chosen.count < maxKeywords, candidateCount > shortList {
            chosen = []
            choose(from: ranked(stats, candidateCount).best, doc, into: &chosen)
        }
        return Self.keywords(chosen, doc)
    }

    /// Counts every phrase of up to three content words (`listContent`'s list, in order, with -2 at
    /// `position[-1]`) into `index` and the stats at `statBuffer` (room for three per content word);
    /// returns the number of stats. `work` has room for 2 × (contentCount + 1) indices, `weightOf`
    /// for contentCount weights.
    ///
    /// Three passes, each over a list: every content word alone (its weight, at least 0.2, kept in
    /// `weightOf`), listing the words that continue the phrase of the content word before (adjacent,
    /// no line break between); the pair ending at each listed word, listing those whose word before
    /// continued too; the triple ending at each of those. Why: whether a word continues a phrase is as
    /// unpredictable as the text, and one pass that looked back branched on it (and on whether a
    /// triple ends there) at every content word, mispredicting ~110 times per corpus article; the
    /// lists are written without a branch, and a loop over a list mispredicts once, at its end.
    /// Every phrase's occurrences still come in text order (same first occurrence, same sums in the
    /// same order: a triple's weight is still (w1 + w2) + w3), and the ranking is a total order on
    /// the phrases, so the keywords are those the one pass gave, though the stats come in another
    /// order. (Earlier measures, one pass: a first pass writing every content word's weight and
    /// whether it continues, read back to count the phrases starting at each word, cost ~3.4k
    /// instructions per corpus article more; counting pairs and triples only of words occurring
    /// twice or more, 43.1 k -> 45.4 k instructions per article.)
    private static func countPhrases(_ tb: UnsafePointer<Token>, _ n: Int, _ position: UnsafePointer<Int32>, _ contentCount: Int,
                                     _ features: UnsafePointer<UInt32>, _ weightTable: UnsafePointer<Double>,
                                     _ index: borrowing HashSlots, _ statBuffer: UnsafeMutablePointer<Stat>,
                                     work: UnsafeMutablePointer<Int32>, weightOf: UnsafeMutablePointer<Double>) -> Int {
        var statCount = 0
        /// Counts one occurrence of a phrase with no branch on new versus seen: the phrase is written
        /// as a fresh stat (count 0, score 0) to the next free slot, which it keeps only if the table
        /// says it is new (0 + x is x, so the sums match a stat made with its first score).
        @inline(__always)
        func count(_ key: UInt64, _ length: Int, _ first: Int, _ score: Double, early: Bool) {
            (statBuffer + statCount).initialize(to: Stat(length: length, count: 0, score: 0, first: first))
            let (found, isNew) = index.upsert(key, Int32(truncatingIfNeeded: statCount))
            let st = statBuffer + Int(found)
            st.pointee.count += 1
            st.pointee.score += early ? score * (isNew ? 1.3 : 1.0) : score
            statCount &+= Int(Candidates.bit(isNew))
        }
        /// The key of a phrase of `length` words: the key of its first `length - 1` words (0 for
        /// none) chained with the last word's hash.
        @inline(__always)
        func phraseKey(_ before: UInt64, _ h: UInt64, length: UInt64) -> UInt64 { (before ^ h) &* 0x9E37_79B9_7F4A_7C15 &+ length }
        @inline(__always)
        func key1(_ h: UInt64) -> UInt64 { phraseKey(0, h, length: 1) }
        // The words continuing a phrase (their content-word index), after a -2 that continues none;
        // then those ending a triple.
        let continuing = work + 1
        work[0] = -2
        let tripleEnds = continuing + contentCount + 1
        var continuingCount = 0
        let early = n / 5
        /// Word `c` alone; lists it when it continues the content word before.
        @inline(__always)
        func single(_ c: Int, early isEarly: Bool) {
            let i = Int(position[c])
            let z = features[i] >> 16
            let w = z < 1024 ? weightTable[Int(z)] : Self.weightFormula(zipfField: z)
            weightOf[c] = w
            count(key1(tb[i].lowerHash), 1, i, w, early: isEarly)
            let previous = Int(position[c &- 1])
            continuing[continuingCount] = Int32(truncatingIfNeeded: c)
            continuingCount &+= Int(Candidates.bit(i == previous &+ 1) & ~Candidates.bit(tb[i].newlineBefore) & 1)
        }
        // The content words in the early fifth come first (the list ascends): their words all start
        // there, and none after. (The bonus selected per phrase and its multiply cost ~5 instructions.)
        var c = 0
        while c < contentCount, Int(position[c]) < early {
            single(c, early: true)
            c += 1
        }
        while c < contentCount {
            single(c, early: false)
            c += 1
        }
        // Pairs: few, so the early test is made on each.
        var tripleCount = 0
        for j in 0..<continuingCount {
            let c = Int(continuing[j])
            let i = Int(position[c]), previous = Int(position[c &- 1])
            let key2 = phraseKey(key1(tb[previous].lowerHash), tb[i].lowerHash, length: 2)
            count(key2, 2, previous, (weightOf[c &- 1] + weightOf[c]) / 2 * 1.3, early: previous < early)
            tripleEnds[tripleCount] = Int32(truncatingIfNeeded: c)
            tripleCount &+= Int(Candidates.bit(Int(continuing[j &- 1]) == c &- 1))
        }
        for j in 0..<tripleCount {
            let c = Int(tripleEnds[j])
            let i = Int(position[c]), previous = Int(position[c &- 1]), first = Int(position[c &- 2])
            let key2 = phraseKey(key1(tb[first].lowerHash), tb[previous].lowerHash, length: 2)
            let key3 = phraseKey(key2, tb[i].lowerHash, length: 3)
            count(key3, 3, first, (weightOf[c &- 2] + weightOf[c &- 1] + weightOf[c]) / 3 * 1.3, early: first < early)
        }
        return statCount
    }

    /// `lex.feature` of every token, written to `out` (room for `tokens.count`).
    static func features(_ tokens: [Token], lex: LanguageLexicon, into out: UnsafeMutablePointer<UInt32>) -> UnsafeBufferPointer<UInt32> {
        for (k, t) in tokens.enumerated() { out[k] = lex.feature(t.id) }
        return UnsafeBufferPointer(start: out, count: tokens.count)
    }

    /// The chosen phrases as the result shows them: as written when they are names (capitalised
    /// mid-sentence), lower-cased otherwise; scores relative to the best, in thousandths.
    static func keywords(_ chosen: [Stat], _ doc: TokenizedText) -> [Keyword] {
        let top = chosen.first?.score ?? 1
        return chosen.map { s in
            let t = doc.tokens[s.first]
            let display = t.isCapitalized && !t.sentenceStart ? doc.join(s.first, s.first + s.length)
                : doc.joinLower(s.first, s.first + s.length)
            return Keyword(text: display, score: (s.score / top * 1000).rounded() / 1000, count: s.count)
        }
    }

    /// Rarity weight of a word: 7 − Zipf frequency, at least 0.2; words without a frequency count as
    /// Zipf 1.5. `zipfField` is the feature's high half (Zipf × 100 + 1, 0 = absent).
    @inline(__always)
    static func weightFormula(zipfField z: UInt32) -> Double {
        let zipf = z == 0 ? 1.5 : Double(z &- 1) / 100
        return max(0.2, 7.0 - zipf)
    }

    /// `weightFormula` for every field value a Zipf frequency of 0...10 gives, precomputed: the
    /// division was on every token of the document.
    static let weights: [Double] = (0..<1024).map { weightFormula(zipfField: UInt32($0)) }

    /// A phrase of several words must occur at least twice to be a keyword.
    @inline(__always)
    static func isCandidate(_ s: Stat) -> Bool { Candidates.bit(s.length == 1) | Candidates.bit(s.count >= 2) != 0 }

    /// The ranking: higher score first, then earlier first occurrence, then shorter phrase. A total
    /// order on distinct phrases (same first token and length is the same phrase).
    @inline(__always)
    static func ranksBefore(_ a: Stat, _ b: Stat) -> Bool {
        Candidates.bit(a.score > b.score)
            | (Candidates.bit(a.score == b.score)
                & (Candidates.bit(a.first < b.first) | (Candidates.bit(a.first == b.first) & Candidates.bit(a.length < b.length)))) != 0
    }

    /// Puts candidate `x` into `sorted[0...count]` (its first `count` ranked), shifting the ones it
    /// outranks up by one.
    @inline(__always)
    private static func insert(_ x: Int32, into sorted: UnsafeMutablePointer<Int32>, sortedCount count: Int,
                               _ base: UnsafePointer<Stat>) {
        let s = base[Int(x)]
        var j = count
        while j > 0, ranksBefore(s, base[Int(sorted[j - 1])]) {
            sorted[j] = sorted[j - 1]
            j -= 1
        }
        sorted[j] = x
    }

    /// The best `k` candidate stats in ranking order (`stats.filter(isCandidate).sorted(by: ranksBefore).prefix(k)`),
    /// and how many candidates there are.
    ///
    /// One pass lists the candidates with their score buckets (without a branch) and makes a
    /// histogram of them (`scoreBucket`, monotone in the score), noting the highest bucket used; from
    /// there down, the highest bucket `floor` with at least `k` candidates at or above it holds the
    /// k-th best candidate (were it lower, `k` candidates would score strictly more). Every candidate
    /// above `floor` (fewer than `k`) outranks every one in it, so the best `k` are those, in order,
    /// then the best of the floor bucket. A counting sort by bucket, highest first, puts the listed
    /// candidates in bucket order (those below `floor` go past the end, no branch); an insertion
    /// sort then only orders within a bucket (mostly one or two candidates), and the floor bucket
    /// keeps its best `k - above` in a short sorted list.
    /// Why: scores are unpredictable, so ranking all candidates mispredicted on most of them, and
    /// moving 24-byte stats cost more than comparing. (Counting the candidates in a pass of its own,
    /// histogram and listing in two more over every stat cost ~3.5k more instructions per corpus
    /// article; placing each listed candidate in a sorted list by binary search and memmove, ~9k
    /// more than the counting sort.)
    func ranked(_ stats: UnsafeBufferPointer<Stat>, _ k: Int) -> (best: [Stat], candidates: Int) {
        guard let base = stats.baseAddress else { return ([], 0) }
        let n = stats.count
        // Per bucket a count, then a position; one more slot past the buckets collects the
        // candidates below the floor.
        let sink = Self.scoreBuckets
        return withUnsafeTemporaryAllocation(of: Int32.self, capacity: sink + 1 + 3 * n) { memory in
            guard let histogram = memory.baseAddress else { return ([], 0) }
            let listed = histogram + sink + 1, listedBucket = listed + n, order = listedBucket + n
            histogram.initialize(repeating: 0, count: sink + 1)
            var candidateCount = 0, top = 0
            for index in 0..<n {
                let s = base[index]
                let isCandidate = Self.isCandidate(s)
                let bucket = Self.scoreBucket(s.score)
                histogram[bucket] &+= Int32(Candidates.bit(isCandidate))
                top = max(top, bucket & Int(bitPattern: Candidates.mask(isCandidate)))
                listed[candidateCount] = Int32(truncatingIfNeeded: index)
                listedBucket[candidateCount] = Int32(truncatingIfNeeded: bucket)
                candidateCount &+= Int(Candidates.bit(isCandidate))
            }
            guard k > 0 else { return ([], candidateCount) }
            var floor = top
            var atOrAbove = Int(histogram[floor])
            while floor > 0, atOrAbove < k {
                floor -= 1
                atOrAbove += Int(histogram[floor])
            }
            // Positions by bucket, highest first; the sink's entries land after the listed ones.
            var next: Int32 = 0
            for b in stride(from: top, through: floor, by: -1) {
                let h = histogram[b]
                histogram[b] = next
                next &+= h
            }
            let above = Int(histogram[floor]), listedCount = Int(next)
            histogram[sink] = next
            for l in 0..<candidateCount {
                let b = Int(listedBucket[l])
                let slot = b >= floor ? b : sink
                let p = histogram[slot]
                order[Int(p)] = listed[l]
                histogram[slot] = p &+ 1
            }
            // Above the floor: in bucket order, sorted within each bucket.
            var i = 1
            while i < above {
                Self.insert(order[i], into: order, sortedCount: i, base)
                i += 1
            }
            // The floor bucket: its best `k - above`, kept sorted at `order + above` (written at
            // most as far as read).
            let keep = k - above
            let kept = order + above
            var count = 0
            for r in above..<listedCount {
                let x = order[r], s = base[Int(x)]
                if count == keep {
                    if !Self.ranksBefore(s, base[Int(kept[keep - 1])]) { continue }
                    count -= 1
                }
                Self.insert(x, into: kept, sortedCount: count, base)
                count += 1
            }
            return ((0..<(above + count)).map { base[Int(order[$0])] }, candidateCount)
        }
    }

    static let scoreBuckets = 256

    /// A bucket of `score`, non-decreasing in it: sign, exponent and the top four mantissa bits of a
    /// positive Double order like the value; 16 buckets per octave from 0.125 (below: 0, above 8192:
    /// 255). Negative scores (none occur) go to bucket 0, which keeps the order: their top 16 bits,
    /// shifted with the sign, are negative, and the lower clamp takes them (a mask of the sign bit
    /// and one of the exponent were ~4 instructions more on every stat). Selects instead of
    /// branching (the clamps were branches, on every stat).
    @inline(__always)
    static func scoreBucket(_ score: Double) -> Int {
        let top = Int(truncatingIfNeeded: Int64(bitPattern: score.bitPattern) >> 48)
        return min(max(top - 0x3FC0, 0), scoreBuckets - 1)
    }

    /// Drops a word when a chosen phrase containing it is as frequent, and a phrase containing a chosen word.
    /// Words are compared by their lower-case hashes, read from the phrase's first occurrence in `doc`.
    func choose(from ranked: [Stat], _ doc: TokenizedText, into chosen: inout [Stat]) {
        let tokens = doc.tokens
        func word(_ phrase: Stat, _ j: Int) -> UInt64 { tokens[phrase.first + j].lowerHash }
        func contains(_ phrase: Stat, _ w: UInt64) -> Bool {
            word(phrase, 0) == w || (phrase.length > 1 && word(phrase, 1) == w) || (phrase.length > 2 && word(phrase, 2) == w)
        }
        for s in ranked {
            if chosen.count >= maxKeywords { break }
            let covered = chosen.contains { c in
                (c.length > 1 && s.length == 1 && contains(c, word(s, 0)) && c.count >= s.count)
                    || (s.length > 1 && c.length == 1 && contains(s, word(c, 0)))
            }
            if !covered { chosen.append(s) }
        }
    }
}
