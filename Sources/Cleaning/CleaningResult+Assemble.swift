extension CleaningResult {
    /// Applies the decisions, unless they would remove too much: then the text stays whole and
    /// the article is flagged, with `removed` listing what would have gone.
    /// `scratch`: a buffer `NormalizedText.joined` may gather the text in (see there).
    static func assemble(
        analysis: DocumentAnalysis, decisions: [LineJudge.Decision], configuration: CleaningConfiguration,
        scratch: UnsafeMutableBufferPointer<UInt8>? = nil
    ) -> CleaningResult {
        let text = analysis.text
        // No array of the kept lines' indices (the text is joined from the decisions), and
        // room for `removed` only once something goes: each array costs an allocation and a
        // generic metadata lookup.
        var keptCount = 0
        var removed: [RemovedLine] = []
        var wordsBefore = 0
        var wordsAfter = 0
        for (index, decision) in decisions.enumerated() {
            let shape = analysis.lines[index].shape
            let words = shape.words + shape.cjk
            wordsBefore += words
            guard let rule = decision.rule else {
                keptCount += 1
                wordsAfter += words
                continue
            }
            let category: String? = switch decision.category {
            case .none: nil
            case .pattern(let id): analysis.furniture[Int(id)].category
            case .commentThread: PatternSet.commentThreadCategory
            case .teaserList: "teaser-list"
            case .headline: "headline"
            case .caption: "caption"
            }
            if removed.isEmpty { removed.reserveCapacity(decisions.count - index) }
            removed.append(RemovedLine(text: text.string(text.lines[index]), rule: rule, category: category))
        }
        let linesBefore = text.lines.count
        var flag: FlagReason?
        if linesBefore > 0, keptCount == 0 {
            flag = .allRemoved
        } else if wordsBefore > 0, Double(wordsBefore - wordsAfter) > configuration.maxRemovedShare * Double(wordsBefore) {
            flag = .tooMuchRemoved
        }
        if let flag {
            return CleaningResult(
                text: text.joined(text.lines.indices, scratch: scratch), removed: removed, linesBefore: linesBefore, linesAfter: linesBefore,
                wordsBefore: wordsBefore, wordsAfter: wordsBefore, language: analysis.language,
                flagged: true, flagReason: flag)
        }
        return CleaningResult(
            text: text.joined(decisions.indices.lazy.filter { decisions[$0].rule == nil }, scratch: scratch), removed: removed,
            linesBefore: linesBefore, linesAfter: keptCount,
            wordsBefore: wordsBefore, wordsAfter: wordsAfter, language: analysis.language,
            flagged: false, flagReason: nil)
    }
}
