/// Scores the 17 IPTC top-level topics by counting weighted keyword stems per language.
struct TopicClassifier: Sendable {
    let data: TaggerData
    var minimumEvidence = 3.0
    var maxTopics = 4

    func classify(_ doc: TokenizedText, lex: LanguageLexicon) -> [Topic] {
        guard lex.hasTopics else { return [] }
        var raw = [Double](repeating: 0, count: data.topicLabels.count)
        let words = doc.tokens.withUnsafeBufferPointer { tb in
            Candidates.collect(tb.count) { k in Candidates.bit(tb[k].kind == .word) & Candidates.bit(tb[k].length >= 3) != 0 }
        }
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
