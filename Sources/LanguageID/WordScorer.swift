/// A cheap first pass for long texts: whole-word features only (one lookup per word instead of
/// about sixteen), looked up in batches so the table reads overlap. News text in most languages is
/// settled by its first few dozen words; when it is not, the caller falls back to `FeatureScorer`.
/// The per-language back-off (`BackoffRows`) is deliberately left out here: it would hand every
/// unknown word (names, numbers) to the sparse languages, slowing the leader's escape on news
/// text, while articles in those languages are rarely settled by whole words and get the
/// n-gram pass, which does add it.
enum WordScorer {
    static let batchSize = 8

    /// Returns the tally and whether the leader got `decisiveMargin` ahead within `maxWords` words
    /// (checked after each batch once `minWords` words are in). Words in scripts outside
    /// `scoredScripts` (bit per `Script` raw value) are counted but not looked up; once `minWords`
    /// words are in and none was scorable, the script decides and the pass stops.
    static func score(
        _ text: Substring,
        model: LanguageModel,
        chars: CharacterTable,
        into scores: UnsafeMutableBufferPointer<Int32>,
        scoredScripts: UInt32 = .max,
        maxWords: Int = 96,
        minWords: Int = 8,
        decisiveMargin: Int32 = 400
    ) -> (tally: FeatureScorer.Tally, decisive: Bool) {
        UTF8Scalars.of(text) { scalars in
        var tally = FeatureScorer.Tally()
        var words = 0
        var decisive = false
        // Script counts live in a stack buffer: the per-letter increment is the hottest line.
        withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
        counts.initialize(repeating: 0)
        defer { tally.setScriptCounts(counts) }
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * batchSize) { scratch in
            model.dense.withUnsafeBytes { dense in
                model.slots.withUnsafeBufferPointer { table in
                    model.postings.withUnsafeBufferPointer { postings in
                        var n = 0
                        var hash = FeatureScorer.wordSeed
                        var length = 0
                        var wordScript: UInt32 = 0
                        var scorable = 0
                        func flushBatch() {
                            // Slot 7 on too: see FeatureScorer.addWord.
                            var touched: UInt64 = 0
                            for i in 0..<n {
                                let home = model.homeSlot(scratch[i])
                                scratch[batchSize + i] = table[home]
                                touched &+= table[home &+ 7]
                            }
                            for i in 0..<n {
                                let key = scratch[i]
                                scratch[batchSize + i] = LanguageModel.resolve(key, home: model.homeSlot(key),
                                                                               first: scratch[batchSize + i], table: table)
                            }
                            // Touch the postings first so their cache misses overlap (as in
                            // FeatureScorer.addWord); the keys' slots are free scratch by now.
                            for i in 0..<n {
                                let v = scratch[batchSize + i]
                                if v == 0 || v & 0x7F == 1 { continue }  // one posting: in the slot
                                let start = Int(truncatingIfNeeded: (v >> 7) & 0x1FF_FFFF)
                                touched &+= v & 0x7F == LanguageModel.denseMarker
                                    ? UInt64(dense.load(fromByteOffset: start * LanguageModel.denseWidth, as: UInt8.self))
                                    : UInt64(postings[start])
                            }
                            scratch[0] = touched
                            for i in 0..<n {
                                let v = scratch[batchSize + i]
                                if v == 0 { continue }
                                tally.hits += 1
                                if v & 0x7F == 1 {
                                    let p = UInt16(truncatingIfNeeded: v >> 7)
                                    scores[Int(p >> 8)] &+= Int32(p & 0xFF)
                                    continue
                                }
                                let start = Int(truncatingIfNeeded: (v >> 7) & 0x1FF_FFFF)
                                if v & 0x7F == LanguageModel.denseMarker {
                                    FeatureScorer.addDense(row: start, dense: dense, scores: scores)
                                    continue
                                }
                                for j in start..<start + Int(truncatingIfNeeded: v & 0x7F) {
                                    let p = postings[j]
                                    scores[Int(p >> 8)] &+= Int32(p & 0xFF)
                                }
                            }
                            n = 0
                        }
                        func endWord() {
                            if scoredScripts & (1 << wordScript) != 0 {
                                scratch[n] = hash
                                n += 1
                                scorable += 1
                            }
                            words += 1
                            hash = FeatureScorer.wordSeed
                            length = 0
                        }
                        while let value = scalars.next() {
                            let e = chars.entry(value)
                            if e & CharacterTable.letterBit != 0 {
                                tally.letters += 1
                                counts[Int(e >> 24)] &+= 1
                                if length == 0 { wordScript = e >> 24 }
                                hash = (hash ^ UInt64(e & 0x1F_FFFF)) &* FeatureScorer.fnvPrime
                                length += 1
                                if value < 0x80, length < FeatureScorer.maxWord {
                                    // The rest of an ASCII word in one tight loop: all ASCII letters
                                    // are Latin, lower-cased by setting bit 5 (a test checks both
                                    // against the table).
                                    let run = scalars.foldASCIILetters(into: &hash, limit: FeatureScorer.maxWord - length,
                                                                       prime: FeatureScorer.fnvPrime)
                                    tally.letters += run
                                    counts[Int(e >> 24)] &+= run
                                    length += run
                                }
                                if length == FeatureScorer.maxWord { endWord() }
                            } else if length > 0 {
                                endWord()
                                if scorable == 0, words >= minWords { return }
                            }
                            if n == batchSize {
                                flushBatch()
                                if words >= minWords,
                                   FeatureScorer.leaderMargin(scores) >= decisiveMargin {
                                    decisive = true
                                    return
                                }
                                if words >= maxWords { return }
                            }
                        }
                        if length > 0 { endWord() }
                        if n > 0 { flushBatch() }
                        decisive = words >= minWords && FeatureScorer.leaderMargin(scores) >= decisiveMargin
                    }
                }
            }
        }
        }
        return (tally, decisive)
        }
    }
}
