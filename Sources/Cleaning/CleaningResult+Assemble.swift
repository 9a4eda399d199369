extension CleaningResult {
    /// Applies the decisions, unless they would remove too much: then the text stays whole and
    /// the article is flagged, with `removed` listing what would have gone.
    static func assemble(analysis: DocumentAnalysis, decisions: [LineJudge.Decision], configuration: CleaningConfiguration) -> CleaningResult {
        let text = analysis.text
        var kept: [Int] = []
        var removed: [RemovedLine] = []
        kept.reserveCapacity(decisions.count)
        removed.reserveCapacity(decisions.count)
        var wordsBefore = 0
        var wordsAfter = 0
        for (index, decision) in decisions.enumerated() {
            let shape = analysis.lines[index].shape
            let words = shape.words + shape.cjk
            wordsBefore += words
            guard let rule = decision.rule else {
                kept.append(index)
                wordsAfter += words
                continue
            }
            let category: String? = switch decision.category {
            case .none: nil
            case .pattern(let id): analysis.patterns.patterns[Int(id)].category
            case .commentThread: PatternSet.commentThreadCategory
            case .teaserList: "teaser-list"
            }
            removed.append(RemovedLine(text: text.string(text.lines[index]), rule: rule, category: category))
        }
        let linesBefore = text.lines.count
        var flag: FlagReason?
        if linesBefore > 0, kept.isEmpty {
            flag = .allRemoved
        } else if wordsBefore > 0, Double(wordsBefore - wordsAfter) > configuration.maxRemovedShare * Double(wordsBefore) {
            flag = .tooMuchRemoved
        }
        if let flag {
            return CleaningResult(
                text: text.joined(), removed: removed, linesBefore: linesBefore, linesAfter: linesBefore,
                wordsBefore: wordsBefore, wordsAfter: wordsBefore, language: analysis.language,
                flagged: true, flagReason: flag)
        }
        return CleaningResult(
            text: text.joined(kept), removed: removed, linesBefore: linesBefore, linesAfter: kept.count,
            wordsBefore: wordsBefore, wordsAfter: wordsAfter, language: analysis.language,
            flagged: false, flagReason: nil)
    }
}
