/// Tokenises text and adds up model scores per language. Must mirror Scripts/lid_train.py exactly:
/// words are runs of letters/marks, lower-cased; each word is padded with one space on each side
/// and contributes its 1–4-grams (minus the bare padding space) plus the whole word.
struct FeatureScorer {
    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01B3
    static let wordSeed: UInt64 = fnvOffset ^ 0x9E37_79B9_7F4A_7C15
    static let maxWord = 32
    /// Smallest n-gram order looked up. Unigrams are in the model but carry little that bigrams
    /// (which include the word-boundary space) do not, and each costs ~50 posting adds.
    static let minOrder = 2

    /// What a pass over the text found.
    struct Tally {
        var letters = 0
        /// Looked-up features the model knows; with back-off offsets a language can score above
        /// zero on text the model knows nothing of, so "nothing known" is told by this count.
        var hits = 0
        /// Letters per `Script` raw value; a SIMD value so a tally needs no heap allocation.
        var scriptCounts = SIMD32<Int32>()

        /// Written through the vector's bytes: a variable index into a SIMD value compiles to a
        /// whole-vector shuffle per element.
        mutating func setScriptCounts(_ counts: UnsafeMutableBufferPointer<Int>) {
            let n = min(Script.count, counts.count, SIMD32<Int32>.scalarCount)
            withUnsafeMutableBytes(of: &scriptCounts) { raw in
                for i in 0..<n {
                    raw.storeBytes(of: Int32(truncatingIfNeeded: counts[i]), toByteOffset: i &* 4, as: Int32.self)
                }
            }
        }

        /// The word pass's 32-bit counts (one slot per `Script` raw value, at least 32), in one load.
        mutating func setScriptCounts(counts32 counts: UnsafeMutableBufferPointer<Int32>) {
            guard counts.count >= SIMD32<Int32>.scalarCount, let base = UnsafeRawPointer(counts.baseAddress) else {
                for i in 0..<min(Script.count, counts.count) { scriptCounts[i] = counts[i] }
                return
            }
            scriptCounts = base.loadUnaligned(as: SIMD32<Int32>.self)
        }
    }

    /// `scoredScripts` has bit `Script.rawValue` set for scripts whose words are looked up.
    /// Scores at most `maxScalars` scalars; stops earlier once the leader is ahead by
    /// `decisiveMargin` (quantised units) after `minLettersForStop` letters, since further text
    /// would not change the answer and long articles must stay cheap.
    static func score(
        _ text: Substring,
        model: LanguageModel,
        chars: CharacterTable,
        into scores: UnsafeMutableBufferPointer<Int32>,
        scoredScripts: UInt32 = .max,
        maxScalars: Int = 400,
        minLettersForStop: Int = 150,
        decisiveMargin: Int32 = 400,
        wordWeight: Int32? = nil
    ) -> Tally {
        // A short text's larger word weight applies to the listed words only: the back-off rows
        // keep the model's weight, since a sparse language's back-off is a guess for unlisted
        // words, not evidence (scaled with the weight, every rare word leaned to sn/lg).
        let weight = wordWeight ?? model.wordWeight
        return UTF8Scalars.of(text) { scalars in
        var tally = Tally()
        var word = (UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                    UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                    UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                    UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                    UInt32(0), UInt32(0))
        var seen = 0
        let cap = maxKeysPerWord
        // Script counts live in a stack buffer: the per-letter increment is the hottest line.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 256) { counts in
        counts.initialize(repeating: 0)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * cap) { keyValues in
        withUnsafeTemporaryAllocation(of: Int.self, capacity: cap) { homes in
        let batch = Batch(keys: UnsafeMutableBufferPointer(rebasing: keyValues[0..<cap]), homes: homes,
                          values: UnsafeMutableBufferPointer(rebasing: keyValues[cap..<2 * cap]))
        withUnsafeMutableBytes(of: &word) { raw in
            let buf = raw.bindMemory(to: UInt32.self)
            var len = 0  // letters in the current word (buffer holds them at 1...len)
            buf[0] = 0x20
            model.dense.withUnsafeBytes { dense in
            model.offsetRows.withUnsafeBytes { offsetRows in
            model.slots.withUnsafeBufferPointer { table in
            model.postings.withUnsafeBufferPointer { postings in
                var wordScript: UInt32 = 0
                var pending = BackoffRows.Pending()
                let backoff = !offsetRows.isEmpty
                defer { if backoff { pending.flush(rows: offsetRows, scores: scores) } }
                func flush() {
                    // Words in scripts no modelled language uses (Thai, Greek, …) cannot score:
                    // skip their lookups, which would all miss the table.
                    if scoredScripts & (1 << wordScript) != 0 {
                        buf[len + 1] = 0x20
                        tally.hits += addWord(buf, length: len, wordWeight: weight, model: model, table: table,
                                              postings: postings, batch: batch, dense: dense, scores: scores)
                        if backoff {
                            pending.addPart(script: wordScript, length: len, rows: offsetRows, scores: scores)
                        }
                    }
                    len = 0
                }
                while let value = scalars.next() {
                    seen += 1
                    let e = chars.entry(value)
                    if e & CharacterTable.letterBit != 0 {
                        tally.letters += 1
                        counts[Int(e >> 24)] &+= 1
                        if len == 0 { wordScript = e >> 24 }
                        len += 1
                        buf[len] = e & 0x1F_FFFF
                        if len == maxWord { flush() }  // unspaced scripts (Han, Thai) form long runs
                    } else if len > 0 {
                        flush()
                        if tally.letters >= minLettersForStop {
                            if backoff { pending.flush(rows: offsetRows, scores: scores) }
                            if leaderLeads(scores, by: decisiveMargin) { return }
                        }
                        if seen >= maxScalars { return }
                    }
                }
                if len > 0 { flush() }
            }
            }
            }
            }
        }
        }
        }
        tally.setScriptCounts(counts)
        return tally
        }
        }
    }

    /// Most feature hashes one word yields: 3 orders per padded position plus the word itself.
    static let maxKeysPerWord = 3 * (maxWord + 2) + 1

    /// Scratch space for one word's lookups, allocated once per text.
    struct Batch {
        let keys: UnsafeMutableBufferPointer<UInt64>
        let homes: UnsafeMutableBufferPointer<Int>
        let values: UnsafeMutableBufferPointer<UInt64>
    }

    /// `buf[0]` and `buf[length + 1]` are the padding spaces around the word in `buf[1...length]`.
    /// All hashes of the word are computed first and their home slots loaded in one tight loop, so
    /// the (mostly cache-missing) table reads overlap instead of running one after another.
    @inline(__always) @discardableResult
    private static func addWord(
        _ buf: UnsafeMutableBufferPointer<UInt32>,
        length: Int,
        wordWeight: Int32,
        model: LanguageModel,
        table: UnsafeBufferPointer<UInt64>,
        postings: UnsafeBufferPointer<UInt16>,
        batch: Batch,
        dense: UnsafeRawBufferPointer,
        scores: UnsafeMutableBufferPointer<Int32>
    ) -> Int {
        let padded = length + 2
        var n = 0
        for start in 0..<padded {
            var h = (fnvOffset ^ UInt64(buf[start])) &* fnvPrime
            let maxN = min(4, padded - start)
            if maxN < minOrder { continue }
            for k in 1..<maxN {
                h = (h ^ UInt64(buf[start + k])) &* fnvPrime
                batch.keys[n] = h
                n += 1
            }
        }
        var w = wordSeed
        for i in 1...length {
            w = (w ^ UInt64(buf[i])) &* fnvPrime
        }
        batch.keys[n] = w
        n += 1
        // Also touch the slot 7 on: a probe run may go on into the next cache line (the table is
        // ≈ 0.86 full, see `SlotTable`), and that miss should overlap the others too.
        var touched: UInt64 = 0
        for i in 0..<n {
            let home = model.homeSlot(batch.keys[i])
            batch.homes[i] = home
            batch.values[i] = table[home]
            touched &+= table[home &+ 7]
        }
        for i in 0..<n {
            let v = LanguageModel.resolve(batch.keys[i], home: batch.homes[i], first: batch.values[i], table: table)
            batch.values[i] = v
        }
        // Touch each hit's postings (or dense row) first: these loads are independent, so their
        // cache misses overlap, where the adding loop below would wait for them one by one (it
        // spent most of its time there). The sum goes to scratch memory so it is not optimised away.
        for i in 0..<n {
            let v = batch.values[i]
            if v == 0 || v & 0x7F == 1 { continue }  // a single posting is in the slot itself
            let start = Int(truncatingIfNeeded: (v >> 7) & 0x1FF_FFFF)
            touched &+= v & 0x7F == LanguageModel.denseMarker
                ? UInt64(dense.load(fromByteOffset: start * LanguageModel.denseWidth, as: UInt8.self))
                : UInt64(postings[start])
        }
        batch.homes[0] = Int(truncatingIfNeeded: touched)
        var hits = 0
        for i in 0..<n {
            let v = batch.values[i]
            if v == 0 { continue }
            hits += 1
            // The whole word (last key) counts `wordWeight` times; see LanguageModel.wordWeight.
            let weight: Int32 = i == n - 1 ? wordWeight : 1
            if v & 0x7F == 1 {
                let p = UInt16(truncatingIfNeeded: v >> 7)
                scores[Int(p >> 8)] &+= Int32(p & 0xFF) &* weight
                continue
            }
            let start = Int(truncatingIfNeeded: (v >> 7) & 0x1FF_FFFF)
            if v & 0x7F == LanguageModel.denseMarker {
                addDense(row: start, dense: dense, scores: scores, times: weight)
                continue
            }
            let end = start + Int(truncatingIfNeeded: v & 0x7F)
            for j in start..<end {
                let p = postings[j]
                scores[Int(p >> 8)] &+= Int32(p & 0xFF) &* weight
            }
        }
        return hits
    }

    /// Adds one dense row; `scores` must hold at least `LanguageModel.denseWidth` entries.
    @inline(__always)
    static func addDense(row: Int, dense: UnsafeRawBufferPointer, scores: UnsafeMutableBufferPointer<Int32>,
                         times: Int32 = 1) {
        guard let base = UnsafeMutableRawPointer(scores.baseAddress),
              scores.count >= LanguageModel.denseWidth else { return }
        let row = dense.loadUnaligned(fromByteOffset: row * LanguageModel.denseWidth, as: SIMD16<UInt32>.self)
        let k = SIMD16<Int32>(repeating: times)
        let byte = SIMD16<UInt32>(repeating: 0xFF)
        for block in 0..<4 {
            let lanes = (row &>> SIMD16<UInt32>(repeating: UInt32(truncatingIfNeeded: block &* 8))) & byte
            let sum = base.loadUnaligned(fromByteOffset: block * 64, as: SIMD16<Int32>.self)
                &+ unsafeBitCast(lanes, to: SIMD16<Int32>.self) &* k
            base.storeBytes(of: sum, toByteOffset: block * 64, as: SIMD16<Int32>.self)
        }
    }

    /// Words (runs of letters) in `text`, counting no further than `limit + 1`; mirrors the
    /// training script's `tokens`, so short-text word weights match its calibration.
    static func countWords(_ text: Substring, chars: CharacterTable, limit: Int) -> Int {
        var words = 0
        var inWord = false
        return UTF8Scalars.of(text) { scalars in
        while let value = scalars.next() {
            let letter = chars.entry(value) & CharacterTable.letterBit != 0
            if letter && !inWord {
                words += 1
                if words > limit { return words }
            }
            inWord = letter
        }
        return words
        }
    }

    /// Whether `leaderMargin(scores) >= margin`, in two passes of vector compares over blocks of
    /// 16 scores without a branch per score: the highest score, then how many come within
    /// `margin` of it (only the leader itself when it is that far ahead; a shared highest counts
    /// twice). The word pass asks this per batch, once or twice per line of the segmenter: the
    /// scan with its two branches was ~540 instructions a call.
    static func leaderLeads(_ scores: UnsafeMutableBufferPointer<Int32>, by margin: Int32) -> Bool {
        // A lone score's "second" is Int32.min, whose margin wraps: left to the scan, as is a margin
        // every buffer meets.
        guard scores.count > 1, margin > 0, let base = UnsafeRawPointer(scores.baseAddress) else {
            return leaderMargin(scores) >= margin
        }
        let best = highest(scores)
        // Scores are sums of small weights, far from the bottom of the range; the scan stays exact.
        guard best >= Int32.min + margin else { return leaderMargin(scores) >= margin }
        return count(scores, base, above: best - margin) == 1
    }

    /// Whether `scores[index]` is ahead of every other score by at least `margin` (> 0): then it
    /// is the leader and `leaderLeads(scores, by: margin)` holds. One pass of vector compares
    /// counting the scores above `scores[index] - margin`, which only that score itself is. The
    /// segmenter's join test asks it of the running segment's language, which leads most lines:
    /// `leaderLeads` and then a maximum to name the leader cost two passes more.
    static func leads(_ scores: UnsafeMutableBufferPointer<Int32>, index: Int, by margin: Int32) -> Bool {
        guard margin > 0, scores.indices.contains(index), let base = UnsafeRawPointer(scores.baseAddress) else {
            return false
        }
        let own = scores[index]
        guard own >= Int32.min + margin else { return false }
        return count(scores, base, above: own - margin) == 1
    }

    /// How many of the scores (at `base`) are above `bar`: 16 lanes of vector compares a step.
    @inline(__always)
    private static func count(_ scores: UnsafeMutableBufferPointer<Int32>, _ base: UnsafeRawPointer, above bar: Int32) -> Int32 {
        let blocks = scores.count / 16
        let bars = SIMD16<Int32>(repeating: bar)
        var near = SIMD16<Int32>()
        for b in 0..<blocks {
            near &-= unsafeBitCast(base.loadUnaligned(fromByteOffset: b &* 64, as: SIMD16<Int32>.self) .> bars,
                                   to: SIMD16<Int32>.self)
        }
        var count = near.wrappedSum()
        for s in scores[(blocks &* 16)...] where s > bar { count &+= 1 }
        return count
    }

    /// The highest of the scores (Int32.min for none): a plain loop, which the compiler turns into
    /// vector code.
    static func highest(_ scores: UnsafeMutableBufferPointer<Int32>) -> Int32 {
        var best = Int32.min
        for s in scores { best = max(best, s) }
        return best
    }

    static func leaderMargin(_ scores: UnsafeMutableBufferPointer<Int32>) -> Int32 {
        var best = Int32.min, second = Int32.min
        for s in scores {
            if s > best {
                second = best
                best = s
            } else if s > second {
                second = s
            }
        }
        return best &- second
    }
}
