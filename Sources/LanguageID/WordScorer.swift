/// A cheap first pass for long texts: whole-word features only (one lookup per word instead of
/// about sixteen), looked up in batches so the table reads overlap. News text in most languages is
/// settled by its first few dozen words; when it is not, the caller falls back to `FeatureScorer`.
/// The per-language back-off (`BackoffRows`) is deliberately left out here: it would hand every
/// unknown word (names, numbers) to the sparse languages, slowing the leader's escape on news
/// text, while articles in those languages are rarely settled by whole words and get the
/// n-gram pass, which does add it.
enum WordScorer {
    static let batchSize = 8

    /// Returns the tally, whether the leader got `decisiveMargin` ahead within `maxWords` words
    /// (checked after each batch once `minWords` words are in), and how many UTF-8 bytes of `text`
    /// the pass read. Words in scripts outside
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
    ) -> (tally: FeatureScorer.Tally, decisive: Bool, end: Int) {
        UTF8Scalars.of(text) { scalars in
            let (tally, decisive, _) = score(&scalars, model: model, chars: chars, into: scores, scoredScripts: scoredScripts,
                                             maxWords: maxWords, minWords: minWords, decisiveMargin: decisiveMargin,
                                             expected: -1)
            return (tally, decisive, scalars.offset)
        }
    }

    /// `score` over UTF-8 bytes (the segmenter's lines, which it reads in place) with buffers from
    /// `withTables`, whose scores the caller has zeroed. `expected`: a language (score index) the
    /// caller hopes leads; `expectedLeads` says the pass stopped because it was `decisiveMargin`
    /// ahead of every other score (the stop test asks that of it first, `FeatureScorer.leads`,
    /// before the general test; the pass stops where it would have). Inlined into the segmenter's
    /// join test, its one caller per line (no call or copy of the tally).
    @inline(__always)
    static func score(
        bytes: UnsafeBufferPointer<UInt8>,
        tables: Tables,
        chars: CharacterTable,
        scoredScripts: UInt32 = .max,
        maxWords: Int = 96,
        minWords: Int = 8,
        decisiveMargin: Int32 = 400,
        expected: Int = -1
    ) -> (tally: FeatureScorer.Tally, decisive: Bool, expectedLeads: Bool) {
        var scalars = UTF8Scalars(bytes)
        tables.counts.update(repeating: 0)
        return run(&scalars, tables: tables, chars: chars, scoredScripts: scoredScripts,
                   maxWords: maxWords, minWords: minWords, decisiveMargin: decisiveMargin, expected: expected)
    }

    @inline(__always)
    private static func score(
        _ scalars: inout UTF8Scalars,
        model: LanguageModel,
        chars: CharacterTable,
        into scores: UnsafeMutableBufferPointer<Int32>,
        scoredScripts: UInt32,
        maxWords: Int,
        minWords: Int,
        decisiveMargin: Int32,
        expected: Int
    ) -> (tally: FeatureScorer.Tally, decisive: Bool, expectedLeads: Bool) {
        withTables(model: model, scores: scores) { tables in
            run(&scalars, tables: tables, chars: chars, scoredScripts: scoredScripts,
                maxWords: maxWords, minWords: minWords, decisiveMargin: decisiveMargin, expected: expected)
        }
    }

    /// Runs `body` with the buffers a pass reads and writes, opened once: the segmenter keeps them
    /// across an article's lines (opening them, with the stack buffers and the call setup, was
    /// ~300 instructions a line). The pass runs in one plain function: its state lived in
    /// variables captured across these closures, which the compiler guarded with run-time
    /// exclusivity checks (seven `swift_beginAccess` calls, ~540 instructions, per line). The
    /// script counts live in a stack buffer: the per-letter increment is the hottest line. They
    /// are 32-bit, as in the tally, which takes them in one vector load.
    @inline(__always)
    static func withTables<Result>(model: LanguageModel, scores: UnsafeMutableBufferPointer<Int32>,
                                   _ body: (Tables) -> Result) -> Result {
        withUnsafeTemporaryAllocation(of: Int32.self, capacity: scriptSlots) { counts in
            counts.initialize(repeating: 0)
            return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: 2 * batchSize) { scratch in
                model.dense.withUnsafeBytes { dense in
                    model.slots.withUnsafeBufferPointer { table in
                        model.postings.withUnsafeBufferPointer { postings in
                            body(Tables(model: model, table: table, postings: postings, dense: dense,
                                        scratch: scratch, counts: counts, scores: scores))
                        }
                    }
                }
            }
        }
    }

    /// Room for the letters per `Script` raw value (all below 32; indices are masked to it).
    static let scriptSlots = 32

    /// The buffers one pass reads and writes.
    struct Tables {
        let model: LanguageModel
        let table: UnsafeBufferPointer<UInt64>
        let postings: UnsafeBufferPointer<UInt16>
        let dense: UnsafeRawBufferPointer
        /// Keys of the batch at 0..<batchSize, their slot words after them.
        let scratch: UnsafeMutableBufferPointer<UInt64>
        let counts: UnsafeMutableBufferPointer<Int32>
        let scores: UnsafeMutableBufferPointer<Int32>
    }

    @inline(__always)
    private static func run(
        _ scalars: inout UTF8Scalars, tables: Tables, chars: CharacterTable, scoredScripts: UInt32,
        maxWords: Int, minWords: Int, decisiveMargin: Int32, expected: Int
    ) -> (tally: FeatureScorer.Tally, decisive: Bool, expectedLeads: Bool) {
        // Counters in plain locals with wrapping adds (a text's counts are far from overflow): in
        // the tally they lived in memory, with an overflow check per add.
        var letters = 0
        var hits = 0
        let counts = tables.counts
        let scratch = tables.scratch
        var words = 0
        var n = 0
        var hash = FeatureScorer.wordSeed
        var length = 0
        var wordScript: UInt32 = 0
        var scorable = 0
        // `Verdict.open` while undecided. One variable for the stop test's outcome: with a second
        // captured flag, `batchEnds` was compiled with run-time exclusivity checks (~160
        // instructions a line in `swift_beginAccess`).
        var verdict = Verdict.open
        func endWord() {
            if scoredScripts & (1 << wordScript) != 0 {
                scratch[n] = hash
                n &+= 1
                scorable &+= 1
            }
            words &+= 1
            hash = FeatureScorer.wordSeed
            length = 0
        }
        // After a flush: whether the pass is over (the leader is far enough ahead, or enough words).
        func batchEnds() -> Bool {
            hits &+= flush(n, tables)
            n = 0
            if words >= minWords {
                verdict = stopTest(tables.scores, expected: expected, margin: decisiveMargin)
                if verdict != Verdict.open { return true }
            }
            return words >= maxWords
        }
        let latin = UInt32(Script.latin.rawValue)
        scan: do {
            while true {
                if length == 0 {
                    // Between words, ASCII separators change nothing (no word is open and the
                    // batch is not full here) and an ASCII word's start is Latin: both are taken
                    // in tight loops, skipping the decoder and the table (a test checks the table's
                    // ASCII entries). A word not ended by an ASCII separator goes on below.
                    scalars.skipASCIINonLetters()
                    let run = scalars.foldASCIILetters(into: &hash, limit: FeatureScorer.maxWord, prime: FeatureScorer.fnvPrime)
                    if run > 0 {
                        wordScript = latin
                        letters &+= run
                        counts[Int(latin)] &+= Int32(truncatingIfNeeded: run)
                        length = run
                        if length == FeatureScorer.maxWord {
                            endWord()
                            if n == batchSize, batchEnds() { break scan }
                            continue
                        }
                        if scalars.atASCIINonLetter {
                            // Ended by an ASCII separator: what the general path does for it (the
                            // separator itself is left to the skip above).
                            endWord()
                            if scorable == 0, words >= minWords { break scan }
                            if n == batchSize, batchEnds() { break scan }
                            continue
                        }
                    }
                }
                guard let value = scalars.next() else { break }
                let e = chars.entry(value)
                if e & CharacterTable.letterBit != 0 {
                    let script = Int(truncatingIfNeeded: e >> 24) & (scriptSlots - 1)
                    letters &+= 1
                    counts[script] &+= 1
                    if length == 0 { wordScript = e >> 24 }
                    hash = (hash ^ UInt64(e & 0x1F_FFFF)) &* FeatureScorer.fnvPrime
                    length &+= 1
                    if value < 0x80, length < FeatureScorer.maxWord {
                        // The rest of an ASCII word in one tight loop, as above.
                        let run = scalars.foldASCIILetters(into: &hash, limit: FeatureScorer.maxWord - length,
                                                           prime: FeatureScorer.fnvPrime)
                        letters &+= run
                        counts[script] &+= Int32(truncatingIfNeeded: run)
                        length &+= run
                    }
                    if length == FeatureScorer.maxWord { endWord() }
                } else if length > 0 {
                    endWord()
                    if scorable == 0, words >= minWords { break scan }
                }
                if n == batchSize, batchEnds() { break scan }
            }
            if length > 0 { endWord() }
            if n > 0 { hits &+= flush(n, tables) }
            if words >= minWords { verdict = stopTest(tables.scores, expected: expected, margin: decisiveMargin) }
        }
        var tally = FeatureScorer.Tally()
        tally.letters = letters
        tally.hits = hits
        tally.setScriptCounts(counts32: counts)
        return (tally, verdict != Verdict.open, verdict == Verdict.expectedAhead)
    }

    /// How a pass's stop test came out.
    enum Verdict {
        static let open = 0
        /// The leader is `decisiveMargin` ahead of every other score.
        static let decisive = 1
        /// … and it is the expected language.
        static let expectedAhead = 2
    }

    /// The stop test: whether the leader is `margin` ahead, asking first of the `expected` language
    /// (-1: none), which the segmenter's join test names and which leads most lines.
    @inline(__always)
    private static func stopTest(_ scores: UnsafeMutableBufferPointer<Int32>, expected: Int, margin: Int32) -> Int {
        if expected >= 0, FeatureScorer.leads(scores, index: expected, by: margin) { return Verdict.expectedAhead }
        return FeatureScorer.leaderLeads(scores, by: margin) ? Verdict.decisive : Verdict.open
    }

    /// Looks up the `n` word keys at the start of `scratch` and adds their postings to the
    /// scores; returns how many the model knows.
    @inline(__always)
    private static func flush(_ n: Int, _ tables: Tables) -> Int {
        let model = tables.model
        let table = tables.table
        let postings = tables.postings
        let dense = tables.dense
        let scratch = tables.scratch
        let scores = tables.scores
        // Slot 7 on too: see FeatureScorer.addWord. Each key is mixed once (the home and the
        // remainder are bits of the mixed key); the second loop reads it back.
        var touched: UInt64 = 0
        let shift = model.shift
        for i in 0..<n {
            let mixed = scratch[i] &* SlotTable.multiplier
            scratch[i] = mixed
            let home = Int(truncatingIfNeeded: mixed >> shift)
            scratch[batchSize &+ i] = table[home]
            touched &+= table[home &+ 7]
        }
        for i in 0..<n {
            let mixed = scratch[i]
            scratch[batchSize &+ i] = SlotTable.resolve(mixed: mixed, home: Int(truncatingIfNeeded: mixed >> shift),
                                                       first: scratch[batchSize &+ i], table: table)
        }
        // Touch the postings first so their cache misses overlap (as in FeatureScorer.addWord);
        // the keys' slots are free scratch by now.
        for i in 0..<n {
            let v = scratch[batchSize &+ i]
            if v == 0 || v & 0x7F == 1 { continue }  // one posting: in the slot
            let start = Int(truncatingIfNeeded: (v >> 7) & 0x1FF_FFFF)
            touched &+= v & 0x7F == LanguageModel.denseMarker
                ? UInt64(dense.load(fromByteOffset: start * LanguageModel.denseWidth, as: UInt8.self))
                : UInt64(postings[start])
        }
        scratch[0] = touched
        // Dense rows are summed in 16-bit halves of 32-bit lanes (bytes 0 and 2 of each lane in
        // one vector, 1 and 3 in another; see `LanguageModel.dense`) and added to the scores once
        // per batch: adding each row on its own cost ~100 instructions a row, and a third of the
        // line pass's hits are dense rows. A batch's at most `batchSize` rows of bytes stay below
        // 2^16 in a half. The scores wrap as before, so the order of the adds changes nothing.
        var rows = 0
        var evenBytes = SIMD16<UInt32>(), oddBytes = SIMD16<UInt32>()
        let halves = SIMD16<UInt32>(repeating: 0x00FF_00FF)
        var hits = 0
        for i in 0..<n {
            let v = scratch[batchSize &+ i]
            if v == 0 { continue }
            hits &+= 1
            if v & 0x7F == 1 {
                let p = UInt16(truncatingIfNeeded: v >> 7)
                scores[Int(p >> 8)] &+= Int32(p & 0xFF)
                continue
            }
            let start = Int(truncatingIfNeeded: (v >> 7) & 0x1FF_FFFF)
            if v & 0x7F == LanguageModel.denseMarker {
                let row = dense.loadUnaligned(fromByteOffset: start &* LanguageModel.denseWidth, as: SIMD16<UInt32>.self)
                evenBytes &+= row & halves
                oddBytes &+= (row &>> SIMD16(repeating: 8)) & halves
                rows &+= 1
                continue
            }
            for j in start..<start + Int(truncatingIfNeeded: v & 0x7F) {
                let p = postings[j]
                scores[Int(p >> 8)] &+= Int32(p & 0xFF)
            }
        }
        if rows > 0, let base = UnsafeMutableRawPointer(scores.baseAddress), scores.count >= LanguageModel.denseWidth {
            let low = SIMD16<UInt32>(repeating: 0xFFFF), high = SIMD16<UInt32>(repeating: 16)
            addBlock(evenBytes & low, at: base)
            addBlock(oddBytes & low, at: base + 64)
            addBlock(evenBytes &>> high, at: base + 128)
            addBlock(oddBytes &>> high, at: base + 192)
        }
        return hits
    }

    /// Adds 16 lane sums to the 16 scores at `base`.
    @inline(__always)
    private static func addBlock(_ sums: SIMD16<UInt32>, at base: UnsafeMutableRawPointer) {
        let total = base.loadUnaligned(as: SIMD16<Int32>.self) &+ unsafeBitCast(sums, to: SIMD16<Int32>.self)
        base.storeBytes(of: total, as: SIMD16<Int32>.self)
    }
}
