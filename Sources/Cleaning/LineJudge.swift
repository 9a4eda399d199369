/// Turns line evidence into keep/remove decisions.
///
/// Lines with their own evidence (a furniture pattern, learned recurrence, a link list, a
/// sentence-length line repeated in the document) go wherever they are. The rest is judged by
/// position: the article is the densest run of prose, found as the maximum-sum run of line
/// scores (prose lines score their length, other lines a fixed penalty, twice that without a
/// stopword). Inside it short lines (subheadings, list items, captions of the story) stay, but
/// for teaser headlines; before and after it they go, but for the sentences right next to it and
/// a list that closes or opens the story (`extendOverLists`). A
/// section-end marker ("Related articles") cuts the run when little prose follows it; the
/// comment thread (two attributions, or the comments' heading well after the story's start) is
/// cut off before the run is sought.
struct LineJudge {
    /// Keep, or remove by `rule`. A plain value (no strings): the category text is looked
    /// up only for the lines that end up in `removed`.
    struct Decision: Equatable {
        /// nil: keep.
        var rule: RemovalRule?
        var category: Category = .none

        enum Category: Equatable {
            case none
            /// The category of this pattern (index into `PatternSet.patterns`).
            case pattern(Int32)
            case commentThread
            case teaserList
            /// A teaser headline inside the run (`isInlineTeaser`).
            case headline
            /// A picture's caption inside the run (`isCaptionAbovePicture`).
            case caption
        }

        static let keep = Decision(rule: nil)

        /// `== .keep`, from the rule alone (only `keep` has none): the synthesized `==`
        /// compares the category's payload too, once a line in the judge's loops.
        var isKeep: Bool { rule == nil }

        static func remove(_ rule: RemovalRule, category: Category = .none) -> Decision {
            Decision(rule: rule, category: category)
        }
    }

    let configuration: CleaningConfiguration
    /// The analysis's lines and patterns, not the whole analysis: a copy of that went through
    /// its value witnesses (four references retained, and released again), ~200 instructions.
    let lines: UnsafeBufferPointer<DocumentAnalysis.LineInfo>
    let furniture: [FurniturePattern]
    /// The line repeating the page title's headline (`DocumentAnalysis.titleLine`), if any.
    let titleLine: Int?
    /// Per line, its counts in the cross-document memory: two words, source and global
    /// (`Cleaner.learnedCounts`).
    let learned: UnsafeBufferPointer<UInt64>
    /// The normalised text's bytes and lines, for the few lines whose letters are read
    /// (`isInlineTeaser`); borrowed like `lines`.
    let textBytes: UnsafeBufferPointer<UInt8>
    let textLines: UnsafeBufferPointer<NormalizedText.Line>

    init(configuration: CleaningConfiguration, analysis: borrowing DocumentAnalysis, learned: UnsafeBufferPointer<UInt64>) {
        self.configuration = configuration
        lines = analysis.lines
        furniture = analysis.furniture
        titleLine = analysis.titleLine
        self.learned = learned
        textBytes = analysis.text.bytes
        textLines = analysis.text.lines
    }

    /// The line's matching furniture pattern, if any (`DocumentAnalysis.pattern(of:)`).
    private func pattern(of line: DocumentAnalysis.LineInfo) -> FurniturePattern? {
        line.pattern >= 0 ? furniture[Int(line.pattern)] : nil
    }

    /// Line `index` of the normalised text, when its bytes lie inside the text: the rules that
    /// read a line's letters (teasers, captions, lists, bylines) start here.
    func textLine(_ index: Int) -> NormalizedText.Line? {
        guard index >= 0, index < textLines.count else { return nil }
        let line = textLines[index]
        guard line.start >= 0, line.end <= textBytes.count else { return nil }
        return line
    }

    /// Whether line `index` is removed by a furniture pattern of `category` ("credit", "byline").
    func isRemoved(_ index: Int, byPatternOf category: String, decisions: [Decision]) -> Bool {
        guard decisions[index].rule == .pattern, case .pattern(let id) = decisions[index].category else { return false }
        return furniture[Int(id)].category == category
    }

    func decide() -> [Decision] {
        guard !lines.isEmpty else { return [] }
        let structure = configuration.signals.contains(.structure)
        let repeats = structure ? RepeatedLines(lines, minWords: Double(configuration.proseMinWords)) : RepeatedLines()
        var own: [Decision] = []
        own.reserveCapacity(lines.count)
        var commentsHeading = false
        // The first names of the bylines ("By Jane Doe"), for the writer's note
        // (LineJudge+AuthorBio.swift): of the first `maxBylineNames` pattern lines shaped like one,
        // those a `byline` pattern removed.
        var bylineShapes = 0
        var bylineNames: [Range<Int>] = []
        for (index, line) in lines.enumerated() {
            let decision = ownEvidence(line, learned: LearnedCount(learned, line: index), repeats: repeats)
            if decision.rule == .sectionEnd, pattern(of: line)?.role == .commentsHeading { commentsHeading = true }
            own.append(decision)
            if decision.rule == .pattern, structure, bylineShapes < Self.maxBylineNames, let name = bylineName(index) {
                bylineShapes += 1
                if isRemoved(index, byPatternOf: "byline", decisions: own) { bylineNames.append(name) }
            }
        }
        guard structure else { return own }

        // The scores in a temporary buffer (on the stack for a usual document), not an array:
        // its allocation, `map` and free cost some 200 instructions a document.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: lines.count) { scores in
            for index in lines.indices { scores.initializeElement(at: index, to: score(lines[index], own: own[index])) }
            var thread = commentThreadStart()
            if commentsHeading, let heading = commentsHeadingStart(before: thread, scores: UnsafeBufferPointer(scores)) {
                thread = heading
            }
            if let thread {
                // Everything from the first reader comment on is the thread, however much prose
                // it holds; the main run is sought before it.
                for index in thread..<lines.count {
                    if own[index].isKeep { own[index] = .remove(.sectionEnd, category: .commentThread) }
                    scores[index] = -max(configuration.shortLinePenalty, lines[index].shape.effectiveWords)
                }
            }
            // The decisions are `own`, changed in place (a copy would be a second array).
            guard var region = Self.bestRun(UnsafeBufferPointer(scores)) else {
                for index in own.indices where own[index].isKeep { own[index] = .remove(.outsideMainText) }
                return
            }
            if let title = titleLine, region.contains(title), title < region.upperBound,
                cutsOffFurniture(region.lowerBound..<title, scores: UnsafeBufferPointer(scores)),
                let after = Self.bestRun(UnsafeBufferPointer(scores)[(title + 1)...])
            {
                // The story starts below its headline: what the run held above it was teasers and
                // menus, and the run is sought again after the headline.
                region = after
            }
            region = applySectionEnds(region, scores: UnsafeBufferPointer(scores), decisions: &own)
            region = extendOverSentences(region, decisions: own)
            let listed = extendOverLists(region, decisions: own)
            // The sentences next to a list are the story's too ("Below, the figures:").
            if listed != region { region = extendOverSentences(listed, decisions: own) }
            if repeats.hasRepeats { keepOneCopyInside(region, decisions: &own) }
            removeFurnitureInside(region, bylineNames: bylineNames, decisions: &own)
            for index in lines.indices where !region.contains(index) && own[index].isKeep {
                own[index] = .remove(.outsideMainText)
            }
        }
        return own
    }

    /// A paragraph that occurs twice, once in the story and once outside it, is the story's
    /// own: the copy outside is the summary a page repeats above the story, or a teaser of it.
    /// The copy in the story stays; copies that are both in it (a notice repeated in the text)
    /// or both outside go, as before. (Counting a copy just above the run as in it, the lede
    /// under its summary, lost more than it won on the evaluation pages.)
    private func keepOneCopyInside(_ region: ClosedRange<Int>, decisions: inout [Decision]) {
        var inside: [UInt64: Int] = [:]
        var outside: Set<UInt64> = []
        for (index, decision) in decisions.enumerated() where decision.rule == .repeated {
            let fingerprint = lines[index].shape.fingerprint
            if region.contains(index) {
                // A second copy inside: neither stays.
                inside[fingerprint] = inside[fingerprint] == nil ? index : -1
            } else {
                outside.insert(fingerprint)
            }
        }
        // The headline is not a paragraph: the repeat of the page title stays out.
        let headline = titleLine.map { lines[$0].shape.fingerprint }
        for (fingerprint, index) in inside where index >= 0 && outside.contains(fingerprint) && fingerprint != headline {
            decisions[index] = .keep
        }
    }

    /// Whether the lines of `range` look like page furniture rather than story: no fewer short
    /// or unpunctuated lines than prose lines. A story cut off above a later repeat of its
    /// headline (a "most read" list after it) is mostly prose; the teaser block above a story's
    /// headline alternates teasers with section names and menu items.
    private func cutsOffFurniture(_ range: Range<Int>, scores: UnsafeBufferPointer<Double>) -> Bool {
        var prose = 0
        var other = 0
        for index in range where lines[index].shape.words + lines[index].shape.cjk > 0 {
            if scores[index] > 0 { prose += 1 } else { other += 1 }
        }
        return other >= prose
    }

    /// The first comment attribution ("Anna says:"), when the document has at least two: one
    /// alone may be a story's "The report says:", two or more are a thread.
    private func commentThreadStart() -> Int? {
        var first: Int?
        var count = 0
        for (index, line) in lines.enumerated() where isCommentAttribution(line) {
            if first == nil { first = index }
            count += 1
            if count >= 2 { return first }
        }
        return nil
    }

    /// The first heading of the reader comments with at least a tenth of the page's prose,
    /// and two prose lines' worth, above it: the thread starts there, however much prose the
    /// comments hold (a long thread outweighed the story it follows). Higher up, a "Comment"
    /// button beside the byline under a headline and its summary, it is only a section end.
    private func commentsHeadingStart(before limit: Int?, scores: UnsafeBufferPointer<Double>) -> Int? {
        var total = 0.0
        for score in scores where score > 0 { total += score }
        let needed = max(2 * Double(configuration.proseMinWords), 0.1 * total)
        var prose = 0.0
        for index in 0..<(limit ?? lines.count) {
            if prose >= needed, pattern(of: lines[index])?.role == .commentsHeading { return index }
            if scores[index] > 0 { prose += scores[index] }
        }
        return nil
    }

    private func isCommentAttribution(_ line: DocumentAnalysis.LineInfo) -> Bool {
        line.shape.endsWithColon && pattern(of: line)?.role == .commentThread
    }

    private func ownEvidence(_ line: DocumentAnalysis.LineInfo, learned: LearnedCount, repeats: RepeatedLines) -> Decision {
        let shape = line.shape
        if let pattern = pattern(of: line), pattern.role != .commentThread {
            let rule: RemovalRule = pattern.role == .sectionEnd || pattern.role == .commentsHeading ? .sectionEnd : .pattern
            return .remove(rule, category: .pattern(line.pattern))
        }
        if learned.source >= configuration.sourceThreshold { return .remove(.learnedSource) }
        if learned.global >= configuration.globalThreshold,
            shape.effectiveWords <= Double(configuration.globalMaxWords)
        {
            // A short label with a colon that many sites print ("More:", "Related:") heads a
            // box, as a section-end phrase does.
            if shape.endsWithColon, shape.words <= 3 { return .remove(.sectionEnd) }
            return .remove(.learnedGlobal)
        }
        guard configuration.signals.contains(.structure) else { return .keep }
        if shape.separators >= 2, shape.effectiveWords / Double(shape.separators + 1) <= 4 {
            return .remove(.linkList)
        }
        if shape.effectiveWords >= Double(configuration.proseMinWords), repeats.occursMoreThanOnce(shape.fingerprint) {
            return .remove(.repeated)
        }
        return .keep
    }


    private func isProse(_ line: DocumentAnalysis.LineInfo) -> Bool {
        guard line.shape.effectiveWords >= Double(configuration.proseMinWords) else { return false }
        return hasProseStopwords(line)
    }

    /// The stopword share of prose, or no stoplist to tell by.
    func hasProseStopwords(_ line: DocumentAnalysis.LineInfo) -> Bool {
        guard let density = line.stopwordDensity else { return true }
        return density >= configuration.minStopwordDensity
    }

    private func score(_ line: DocumentAnalysis.LineInfo, own: Decision) -> Double {
        let size = line.shape.effectiveWords
        let penalty = configuration.shortLinePenalty
        switch own.rule {
        case nil: break
        // A repeated paragraph may be a recurring recipe step or a duplicated notice: it
        // neither anchors nor breaks the main run.
        case .repeated: return 0
        default: return -max(penalty, size)
        }
        if isProse(line) { return line.shape.endsSentence ? size : size * 0.5 }
        if size >= Double(configuration.proseMinWords) { return 0 }
        // Not one stopword: a menu item, a name, a tag, a date or a vote count. Such lines part
        // a story from what is around it more surely than a short line of words (a subheading,
        // a fragment of a sentence), and cost twice as much.
        if line.stopwordDensity == 0 { return -Self.bareLineFactor * penalty }
        return -penalty
    }

    /// The penalty of a short line without stopwords, in short-line penalties.
    static let bareLineFactor = 2.0

    /// Maximum-sum contiguous run (Kadane); nil when no run scores above zero.
    /// Over all the scores or part of them (a slice, in the whole's indices: no copy of the part).
    static func bestRun<Scores: Collection<Double>>(_ scores: Scores) -> ClosedRange<Int>? where Scores.Index == Int {
        var best = 0.0
        var bestRange: ClosedRange<Int>?
        var current = 0.0
        var start = scores.startIndex
        for index in scores.indices {
            let value = scores[index]
            if current <= 0 {
                current = value
                start = index
            } else {
                current += value
            }
            if current > best {
                best = current
                bestRange = start...index
            }
        }
        return bestRange
    }

    /// A marker with little prose after it ends the article; one with real prose after it
    /// (an inline "Related:" box) removes only itself and the teaser lines up to the story's next
    /// paragraph: the next prose line that ends a sentence (a teaser title long enough to count
    /// as prose has no closing punctuation).
    private func applySectionEnds(_ region: ClosedRange<Int>, scores: UnsafeBufferPointer<Double>, decisions: inout [Decision]) -> ClosedRange<Int> {
        var proseBefore = 0.0
        var index = region.lowerBound
        while index <= region.upperBound {
            if decisions[index].rule == .sectionEnd, proseBefore > 0 {
                var proseAfter = 0.0
                for later in (index + 1)..<(region.upperBound + 1) where scores[later] > 0 { proseAfter += scores[later] }
                if proseAfter < 0.3 * proseBefore {
                    guard index > region.lowerBound else { return region }
                    // The run ends at the marker, and like any run on its last prose: the
                    // teaser titles between the story and the marker were only in it because
                    // the teasers after the marker carried it on.
                    return Self.bestRun(scores[region.lowerBound..<index]) ?? region.lowerBound...(index - 1)
                }
                var next = index + 1
                while next <= region.upperBound, !(scores[next] > 0 && lines[next].shape.endsSentence) {
                    if decisions[next].isKeep {
                        decisions[next] = .remove(.sectionEnd, category: .teaserList)
                    }
                    next += 1
                }
                index = next
                continue
            }
            if scores[index] > 0 { proseBefore += scores[index] }
            index += 1
        }
        return region
    }
}

/// The fingerprints that two or more sentence-length lines of one document share, for the
/// in-document repeat test. Found once, through a small open-addressing table on the stack:
/// most documents have none, and then every line's test is one look at an empty array.
/// (A sorted array of all the fingerprints, searched once per prose line, cost some 1,600
/// instructions a document: its allocation, the sort and a binary search a line.)
struct RepeatedLines {
    /// Fingerprints held by at least two eligible lines; usually none, and then not allocated.
    private var repeated: [UInt64] = []

    init() {}

    init(_ lines: some Collection<DocumentAnalysis.LineInfo>, minWords: Double) {
        var slots = 32
        while slots < 2 &* lines.count { slots &<<= 1 }
        var found: [UInt64] = []
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: slots) { table in
            guard let base = table.baseAddress else { return }
            base.initialize(repeating: 0, count: slots)  // 0: an empty slot (a zero fingerprint is counted apart)
            let mask = slots &- 1
            var zeros = 0
            for line in lines where line.shape.effectiveWords >= minWords {
                let fingerprint = line.shape.fingerprint
                guard fingerprint != 0 else {
                    zeros &+= 1
                    if zeros == 2 { found.append(0) }
                    continue
                }
                var slot = Int(truncatingIfNeeded: fingerprint ^ (fingerprint &>> 31)) & mask
                while true {
                    let held = base[slot]
                    if held == 0 {
                        base[slot] = fingerprint
                        break
                    }
                    if held == fingerprint {
                        if !found.contains(fingerprint) { found.append(fingerprint) }
                        break
                    }
                    slot = (slot &+ 1) & mask
                }
            }
        }
        repeated = found
    }

    /// Whether any fingerprint occurs twice (some line is `.repeated`).
    var hasRepeats: Bool { !repeated.isEmpty }

    func occursMoreThanOnce(_ fingerprint: UInt64) -> Bool {
        !repeated.isEmpty && repeated.contains(fingerprint)
    }
}
