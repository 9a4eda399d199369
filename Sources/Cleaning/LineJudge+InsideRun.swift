/// Part of `LineJudge` (LineJudge.swift): the furniture a page sets inside the story's run,
/// which the run's position alone keeps: teaser headlines, pictures' captions, the author's box
/// and the writer's closing note. Each rule reads a line's letters only after cheaper tests on
/// its shape and its neighbours' decisions passed.
extension LineJudge {
    /// Marks the furniture inside `region` (the story's run, widened) for removal.
    /// `bylineNames`: the first names of the page's bylines (`authorBioStart`).
    func removeFurnitureInside(_ region: ClosedRange<Int>, bylineNames: [Range<Int>], decisions: inout [Decision]) {
        // The run's first line opens it with prose: no teaser. Most lines end a sentence, and
        // that is asked first (a call per line cost some 400 instructions a document); of those,
        // a line right above a pattern may be a picture's caption (LineJudge+Caption.swift).
        var index = region.lowerBound
        while index <= region.upperBound {
            if lines[index].shape.endsSentence {
                if index < region.upperBound, decisions[index + 1].rule == .pattern,
                    isCaptionAbovePicture(index, region: region, decisions: decisions)
                {
                    decisions[index] = .remove(.outsideMainText, category: .caption)
                }
            } else if index > region.lowerBound, decisions[index].isKeep, isInlineTeaser(index),
                !isListRow(index, decisions: decisions)
            {
                decisions[index] = .remove(.outsideMainText, category: .headline)
            } else if decisions[index].isKeep, isAuthorBoxHeading(index, region: region, decisions: decisions) {
                // The author's box: its heading and the biography (LineJudge+AuthorBox.swift).
                decisions[index] = .remove(.sectionEnd)
                decisions[index + 1] = .remove(.sectionEnd)
            } else if decisions[index].isKeep, endsWithCreditTail(index, region: region, decisions: decisions) {
                // A caption with its picture's credit on the line (LineJudge+CreditTail.swift).
                decisions[index] = .remove(.outsideMainText, category: .caption)
            }
            index += 1
        }
        // The writer's note closes the story (LineJudge+AuthorBio.swift).
        if !bylineNames.isEmpty, let bio = authorBioStart(region: region, decisions: decisions, names: bylineNames) {
            for index in bio...region.upperBound where decisions[index].isKeep { decisions[index] = .remove(.sectionEnd) }
        }
    }
}
