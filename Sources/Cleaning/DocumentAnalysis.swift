/// Everything the decision needs about one document's lines, as per-line summaries: shape
/// (words, fingerprint, separators, ending), stopword density, furniture pattern.
///
/// Built from the fused pass (`Cleaner.analyze`: lines tokenised a few at a time as the
/// normaliser writes them), or, as the reference the tests hold it to, from a whole normalised
/// text.
struct DocumentAnalysis {
    struct LineInfo {
        var shape: LineShape
        /// Stopword share under the chosen language, over the line's sample of tokens (its first
        /// `LineAnalyzer.sampleTokens`); nil when no stoplist applies.
        var stopwordDensity: Double?
        /// The first matching furniture pattern (index into `PatternSet.patterns`), or -1.
        var pattern: Int32 = -1
    }

    var text: NormalizedText
    /// Per line. Borrowed, like the text's bytes, from the scratch of the `clean` call that
    /// made the analysis (`Cleaner.analyze(…, scratch:)`), or owned (`lineOwner`): an array
    /// of them was allocated through the generic path (its storage's metadata looked up at run
    /// time), some 800 instructions a document with its free.
    let lines: UnsafeBufferPointer<LineInfo>
    private let lineOwner: OwnedLines?
    var language: String?
    /// The line repeating the page title's headline (`titleRepeat(shapes:tokens:)`), if any.
    var titleLine: Int?
    /// The pattern set's patterns (`LineInfo.pattern` indexes them): one array, not the whole
    /// set, whose dozen arrays each cost a retain and a release whenever the analysis is copied.
    let furniture: [FurniturePattern]

    /// The line's matching furniture pattern, if any.
    func pattern(of line: LineInfo) -> FurniturePattern? {
        line.pattern >= 0 ? furniture[Int(line.pattern)] : nil
    }

    /// The reference path: tokenises the whole normalised text, then as the fused path.
    init(text: NormalizedText, patterns: PatternSet, language requested: String?, usePatterns: Bool) {
        // At most `maxTokens(bytes:)` per line, which sums to no more than this.
        let capacity = text.bytes.count / 2 + text.lines.count + 1
        // Token hashes, their table payloads and the indices of pattern-starting tokens live in
        // one scratch buffer for this call only (one allocation, not three).
        let scratch = UnsafeMutableRawPointer.allocate(byteCount: capacity * 16, alignment: 8)
        defer { scratch.deallocate() }
        let tokens = scratch.bindMemory(to: UInt64.self, capacity: capacity)
        let payloads = (scratch + capacity * 8).bindMemory(to: UInt32.self, capacity: capacity)
        let starts = (scratch + capacity * 12).bindMemory(to: Int32.self, capacity: capacity)
        var shapes: [LineShape] = []
        shapes.reserveCapacity(text.lines.count)
        var tokenCount = 0
        do {
            let p = text.bytes
            let words = WordBitmap(p)
            for line in text.lines {
                let shape = LineAnalyzer.analyze(p, words: words.view, start: line.start, end: line.end, tokens: tokens, firstToken: tokenCount)
                tokenCount = shape.tokenEnd
                shapes.append(shape)
            }
        }
        self = shapes.withUnsafeBufferPointer { shapes in
            DocumentAnalysis(
                text: text, shapes: shapes, tokens: tokens, tokenCount: tokenCount, payloads: payloads, starts: starts,
                patterns: patterns, language: requested, usePatterns: usePatterns)
        }
    }

    /// From the lines' shapes and token hashes (the fused pass's, or the reference path's):
    /// table lookups, language, stopword densities and furniture patterns. `payloads` and
    /// `starts` are scratch for `tokenCount` entries each. `lineInfos`, room for one per line,
    /// is where the lines' summaries go when the caller lends it (the analysis then borrows it);
    /// without it the analysis owns them. `lineLanes`, when lent, has room for three words a
    /// line (the per-line stoplist counters; otherwise allocated for the call).
    init(
        text: NormalizedText, shapes: UnsafeBufferPointer<LineShape>, tokens: UnsafePointer<UInt64>, tokenCount: Int,
        payloads: UnsafeMutablePointer<UInt32>, starts: UnsafeMutablePointer<Int32>,
        patterns: PatternSet, language requested: String?, usePatterns: Bool,
        lineInfos lent: UnsafeMutablePointer<LineInfo>? = nil, lineLanes lentLanes: UnsafeMutablePointer<UInt64>? = nil
    ) {
        self.text = text
        furniture = patterns.patterns
        titleLine = Self.titleRepeat(shapes: shapes, tokens: tokens)
        let requestedBit = Self.requestedLanguage(requested, patterns: patterns)
        var hits = LanguageHits()
        let storage: UnsafeMutablePointer<LineInfo>
        if let lent {
            storage = lent
            lineOwner = nil
        } else {
            let owner = OwnedLines(count: shapes.count)
            storage = owner.pointer
            lineOwner = owner
        }
        for (index, shape) in shapes.enumerated() {
            (storage + index).initialize(to: LineInfo(shape: shape, stopwordDensity: nil, pattern: -1))
        }
        let infos = UnsafeMutableBufferPointer(start: storage, count: shapes.count)
        let table = patterns.table
        let stoplists = patterns.stoplistLanguages.count
        // Per line, in one loop over its tokens: lookups, the line's stoplist counts (byte
        // counters, see `LanguageHits`), which also go into the document's, and pattern starts.
        // The densities then read one byte per line, not every token again. Lines of 256
        // tokens or more would overflow a byte counter: such documents, and more than 24
        // stoplists, take the loops over all tokens.
        var startCount = 0
        var perLine = stoplists <= 24
        for shape in shapes where shape.tokenEnd - shape.tokenStart > 255 { perLine = false }
        var ownLanes: UnsafeMutablePointer<UInt64>?
        if perLine, lentLanes == nil { ownLanes = .allocate(capacity: 3 * shapes.count) }
        defer { ownLanes?.deallocate() }
        let lineLanes = perLine ? lentLanes ?? ownLanes : nil  // set exactly when `perLine`
        if let lineLanes {
            startCount = hits.lookUpLines(tokens, shapes: shapes, in: table, lanes: lineLanes, starts: starts)
        } else {
            // The table lookups, stoplist counts and pattern starts each in a loop of their own over
            // all tokens: short loops whose loads overlap, instead of one loop per line doing all.
            // Counted even when a language was requested (the counts then go unused): alone, in a
            // loop of its own, the lookup's selects were compiled to branches that mispredict.
            hits.lookUp(tokens, count: tokenCount, in: table, into: payloads, stoplists: stoplists)
            // The few tokens that start patterns, gathered without a branch per token (which
            // one does is a coin toss the predictor loses).
            for t in 0..<tokenCount {
                starts[startCount] = Int32(truncatingIfNeeded: t)
                startCount &+= Int(truncatingIfNeeded: payloads[t] &>> 31)
            }
        }
        if usePatterns {
            let maxPhraseWords = patterns.maxPhraseWords
            patterns.phrases.withUnsafeBufferPointer { phrases in
            patterns.phraseTokens.withUnsafeBufferPointer { phraseTokens in
            patterns.patternOrder.withUnsafeBufferPointer { order in
            patterns.patternReach.withUnsafeBufferPointer { reach in
                var line = 0
                for index in 0..<startCount {
                    let t = Int(starts[index])
                    while infos[line].shape.tokenEnd <= t { line += 1 }
                    let shape = infos[line].shape
                    let size = shape.words + shape.cjk
                    // Prose lines are longer than any pattern allows: no lookup of their patterns.
                    guard infos[line].pattern < 0, size <= maxPhraseWords else { continue }
                    let lineTokens = UnsafeBufferPointer(start: tokens + shape.tokenStart, count: shape.tokenEnd - shape.tokenStart)
                    // A sampled line's tokens stop before its end: phrases that must end the
                    // line cannot be matched on them (none allows so long a line today).
                    let sampled = shape.tokenEnd - shape.tokenStart < shape.words
                    for k in table.patternRange(tokens[t]) {
                        // None of the group's remaining patterns allows a line this long.
                        if size > Int(reach[k]) { break }
                        let id = order[k]
                        let phrase = phrases[Int(id)]
                        guard size <= phrase.maxWords, let base = phraseTokens.baseAddress else { continue }
                        // A sampled line's tokens stop before its end: phrases tied to the end are not matched there.
                        if sampled, phrase.anchor == .line || phrase.anchor == .end || phrase.anchor == .tail { continue }
                        // A caption's credit closes an unpunctuated line; a sentence that ends
                        // in "… credit to small firms." is prose.
                        if phrase.anchor == .tail, shape.endsSentence { continue }
                        let phraseBuffer = UnsafeBufferPointer(start: base + Int(phrase.start), count: Int(phrase.count))
                        if PatternPhrase.matches(phraseBuffer, anchor: phrase.anchor, line: lineTokens, at: t - shape.tokenStart) {
                            infos[line].pattern = id
                            break
                        }
                    }
                }
            }
            }
            }
            }
        }
        let bit = requestedBit ?? hits.bestLanguage(count: patterns.stoplistLanguages.count, tokens: tokenCount)
        language = bit.map { patterns.stoplistLanguages[$0] }
        if let bit, let lineLanes {
            let lane = bit >> 3
            let shift = UInt64(8 * (bit & 7))
            for index in infos.indices {
                // Over the line's sample of tokens (LineAnalyzer+Sample.swift), not all its words.
                let sampled = infos[index].shape.tokenEnd &- infos[index].shape.tokenStart
                guard sampled > 0 else { continue }
                let hits = (lineLanes[3 * index + lane] &>> shift) & 0xFF
                infos[index].stopwordDensity = Double(hits) / Double(sampled)
            }
        } else if let bit {
            // A shift and a mask per token, no branch: whether a word is a stopword is a coin
            // toss the branch predictor loses.
            let shift = UInt32(bit)
            for index in infos.indices {
                let shape = infos[index].shape
                guard shape.tokenEnd > shape.tokenStart else { continue }
                var hits: UInt32 = 0
                for t in shape.tokenStart..<shape.tokenEnd { hits &+= (payloads[t] &>> shift) & 1 }
                infos[index].stopwordDensity = Double(hits) / Double(shape.tokenEnd - shape.tokenStart)
            }
        }
        lines = UnsafeBufferPointer(infos)
    }

    /// The requested language's stoplist bit, when it has one.
    private static func requestedLanguage(_ requested: String?, patterns: PatternSet) -> Int? {
        guard let requested else { return nil }
        let code = requested.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
        guard let code else { return nil }
        return patterns.stoplistLanguages.firstIndex(of: code)
    }

}

/// Per-stoplist counts of the tokens each stoplist holds, for guessing the language.
///
/// A common word sits in many stoplists at once ("a", "de", "in"): counting bit by bit cost
/// more than the lookup. Instead the 31 stoplist bits are spread, eight at a time through a
/// 256-entry table, into one byte counter per bit; four additions count one token for every
/// list. The byte counters are emptied into totals before they can overflow.
struct LanguageHits {
    private var lanes: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    private var pending = 0
    /// Per stoplist bit, inline (an array here cost an allocation per document).
    private var totals = SIMD32<Int>()
    /// A reference to the shared table, taken once: reading the global in the loop costs a
    /// lazy-initialisation check per token.
    private let table = Self.spread

    /// Byte i of `spread[b]` is bit i of b.
    private static let spread: [UInt64] = (0..<256).map { spread(UInt32($0)) }

    /// Byte i of the result is bit i of `byte` (0...255).
    static func spread(_ byte: UInt32) -> UInt64 {
        var v: UInt64 = 0
        for bit in 0..<8 where byte & (1 << bit) != 0 { v |= UInt64(1) << UInt64(8 * bit) }
        return v
    }

    /// Counts one token; 0 (a word in no list) adds nothing, without a branch.
    @inline(__always)
    mutating func add(_ mask: UInt32) {
        table.withUnsafeBufferPointer { s in
            lanes.0 &+= s[Int(mask & 0xFF)]
            lanes.1 &+= s[Int((mask >> 8) & 0xFF)]
            lanes.2 &+= s[Int((mask >> 16) & 0xFF)]
            lanes.3 &+= s[Int((mask >> 24) & 0xFF)]
        }
        pending += 1
        if pending == 255 { flush() }
    }

    @inline(never)
    private mutating func flush() {
        // Without an array of the four words (a flush per line batch made that show).
        let words = lanes
        withUnsafeMutableBytes(of: &totals) { raw in
            guard let t = raw.baseAddress?.assumingMemoryBound(to: Int.self) else { return }
            @inline(__always) func add(_ word: UInt64, _ group: Int) {
                guard word != 0 else { return }
                for byte in 0..<8 { t[group &* 8 &+ byte] &+= Int(truncatingIfNeeded: (word &>> UInt64(8 &* byte)) & 0xFF) }
            }
            add(words.0, 0)
            add(words.1, 1)
            add(words.2, 2)
            add(words.3, 3)
        }
        lanes = (0, 0, 0, 0)
        pending = 0
    }

    /// Looks up `count` tokens in `table`, writing their payloads to `out`, and counts their
    /// stoplist bits (the pattern flag, bit 31, left out) as `add` does, with the byte counters
    /// in registers for up to 255 tokens at a time. (Lookup and count in one loop: alone, the
    /// lookup's selects were compiled to branches, which mispredict on prose.)
    /// With at most 24 stoplists (bits 0-23) the fourth byte holds only the pattern flag, and
    /// its counter is skipped.
    mutating func lookUp(_ tokens: UnsafePointer<UInt64>, count: Int, in table: borrowing TokenTable, into out: UnsafeMutablePointer<UInt32>, stoplists: Int) {
        flush()
        table.withProbe { probe in
            var t = 0
            while t < count {
                let stop = min(count, t + 255)
                var l0: UInt64 = 0, l1: UInt64 = 0, l2: UInt64 = 0, l3: UInt64 = 0
                while t < stop {
                    let raw = probe.payload(tokens[t])
                    out[t] = probe.stoplists(raw) | (raw & TokenTable.patternFlag)
                    let c = Int(truncatingIfNeeded: raw & TokenTable.classMask)
                    l0 &+= probe.lanes[c]
                    l1 &+= probe.lanes[c &+ 1]
                    l2 &+= probe.lanes[c &+ 2]
                    l3 &+= probe.lanes[c &+ 3]
                    t += 1
                }
                lanes = (l0, l1, l2, l3)
                flush()
            }
        }
    }

    /// `lookUp` a line at a time, for at most 24 stoplists and lines of fewer than 256 tokens:
    /// each line's three byte-counter words go to `lanes[3 * line ...]` and into the document's
    /// counts; the indices of pattern-starting tokens go to `starts` (returns how many). The
    /// payloads themselves are not kept. Out of line: inside the caller the word loop's values
    /// were spilled (35 against 28 instructions a token).
    @inline(never)
    mutating func lookUpLines(
        _ tokens: UnsafePointer<UInt64>, shapes: UnsafeBufferPointer<LineShape>, in table: borrowing TokenTable,
        lanes: UnsafeMutablePointer<UInt64>, starts: UnsafeMutablePointer<Int32>
    ) -> Int {
        flush()
        var startCount = 0
        // The lines' lookups first, the document's counts from their counter words after: the
        // lookup loop then has no document totals to keep live (they had pushed one of its
        // counters to the stack).
        table.withProbe { probe in
            for (index, shape) in shapes.enumerated() {
                var l0: UInt64 = 0, l1: UInt64 = 0, l2: UInt64 = 0
                var found = starts + startCount
                lookUpLine(tokens, from: shape.tokenStart, to: shape.tokenEnd, probe: probe, lanes: &l0, &l1, &l2, starts: &found)
                startCount = starts.distance(to: found)
                lanes[3 &* index] = l0
                lanes[3 &* index &+ 1] = l1
                lanes[3 &* index &+ 2] = l2
            }
        }
        var d0: UInt64 = 0, d1: UInt64 = 0, d2: UInt64 = 0
        var waiting = 0
        for (index, shape) in shapes.enumerated() {
            let count = shape.tokenEnd &- shape.tokenStart
            if waiting &+ count > 255 {
                lanes3 = (d0, d1, d2)
                flush()
                d0 = 0; d1 = 0; d2 = 0
                waiting = 0
            }
            d0 &+= lanes[3 &* index]; d1 &+= lanes[3 &* index &+ 1]; d2 &+= lanes[3 &* index &+ 2]
            waiting &+= count
        }
        lanes3 = (d0, d1, d2)
        flush()
        return startCount
    }

    /// One line's lookups for `lookUpLines`: its three counter words, and the indices of its
    /// pattern-starting tokens written at `found` (which moves past them). The lookup is
    /// `payload`'s branch-free hit (a branch on the hit, tried here, mispredicted on 60 % of
    /// prose tokens: ten times the function's mispredicts in callgrind's model, for 5 fewer
    /// instructions a token).
    @inline(__always)
    private func lookUpLine(
        _ tokens: UnsafePointer<UInt64>, from: Int, to end: Int, probe: TokenTable.Probe,
        lanes l0: inout UInt64, _ l1: inout UInt64, _ l2: inout UInt64, starts found: inout UnsafeMutablePointer<Int32>
    ) {
        var a = l0, b = l1, c = l2
        var out = found
        var t = from
        while t < end {
            let raw = probe.payload(tokens[t])
            // The class's counter words: four a class, the fourth (bits 24-30) unused here.
            let words = probe.lanes + Int(truncatingIfNeeded: raw & TokenTable.classMask)
            a &+= words[0]
            b &+= words[1]
            c &+= words[2]
            out.pointee = Int32(truncatingIfNeeded: t)
            out += Int(truncatingIfNeeded: raw &>> 31)
            t &+= 1
        }
        (l0, l1, l2, found) = (a, b, c, out)
    }

    /// Sets the first three byte-counter words (the fourth, bit 24 up, stays empty).
    private var lanes3: (UInt64, UInt64, UInt64) {
        get { (lanes.0, lanes.1, lanes.2) }
        set { lanes = (newValue.0, newValue.1, newValue.2, 0) }
    }

    /// Counts per stoplist bit, for the first `count` bits.
    mutating func totals(count: Int) -> [Int] {
        flush()
        return (0..<count).map { totals[$0] }
    }

    /// The stoplist (among the first `count` bits) that covers the most of `tokens` tokens
    /// (the first of equals), if it covers enough of them to be a real match rather than
    /// shared words.
    mutating func bestLanguage(count: Int, tokens: Int) -> Int? {
        flush()
        guard count > 0 else { return nil }
        // Over the totals' bytes: a variable index into the SIMD value cost some 38 instructions.
        let (best, top) = withUnsafeBytes(of: totals) { raw -> (Int, Int) in
            var best = 0
            var top = raw.load(as: Int.self)
            for bit in 1..<min(count, 32) {
                let total = raw.load(fromByteOffset: bit &* 8, as: Int.self)
                if total > top { (best, top) = (bit, total) }
            }
            return (best, top)
        }
        return top >= max(5, tokens / 8) ? best : nil
    }
}
