/// Scores the 17 IPTC top-level topics by counting weighted keyword stems per language.
struct TopicClassifier: Sendable {
    let data: TaggerData
    var minimumEvidence = 3.0
    var maxTopics = 4

    /// - Parameter words: the words that may carry a stem (`TokenFacts.topicWords`); all words of
    ///   three scalars or more when nil.
    func classify(_ doc: TokenizedText, lex: LanguageLexicon, words given: UnsafeBufferPointer<Int32>? = nil) -> [Topic] {
        guard lex.hasTopics else { return [] }
        guard let words = given else {
            let list = doc.tokens.withUnsafeBufferPointer { tb in
                Candidates.collect(tb.count) { k in Candidates.bit(tb[k].kind == .word) & Candidates.bit(tb[k].length >= 3) != 0 }
            }
            return list.withUnsafeBufferPointer { classify(doc, lex: lex, words: $0) }
        }
        var raw = [Double](repeating: 0, count: data.topicLabels.count)
        for k32 in words {
            let stem = lex.topicStem(doc, Int(k32))
            guard stem >= 0 else { continue }
            let from = Int(lex.topicHitStart[stem]), to = Int(lex.topicHitStart[stem + 1])
            for h in from..<to {
                let hit = lex.topicHitList[h]
                if hit.topic < raw.count { raw[hit.topic] += hit.weight }
            }
        }
        let total = raw.reduce(0, +)
        guard total > 0 else { return [] }
        return raw.enumerated()
            .filter { $0.element >= minimumEvidence }
            .sorted { $0.element > $1.element }
            .prefix(maxTopics)
            .map { Topic(code: data.topicLabels[$0.offset].code, label: data.topicLabels[$0.offset].label,
                         score: ($0.element / total * 1000).rounded() / 1000) }
    }
}
