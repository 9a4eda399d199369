/// Scores the 17 IPTC top-level topics by counting weighted keyword stems per language.
struct TopicClassifier: Sendable {
    let data: TaggerData
    var minimumEvidence = 3.0
    var maxTopics = 4

    func classify(_ tokens: [Token], lex: LanguageLexicon) -> [Topic] {
        guard !lex.topicStems.isEmpty else { return [] }
        var raw = [Double](repeating: 0, count: data.topicLabels.count)
        for t in tokens where t.kind == .word && t.lower.count >= 3 {
            let w = t.lower
            // Longest stem that prefixes the word; short stems must nearly match the whole word.
            var len = min(w.count, lex.maxStemLength)
            while len >= 3 {
                let stem = String(w.prefix(len))
                if let hits = lex.topicStems[stem], len >= 5 || w.count - len <= 2 {
                    for (topic, weight) in hits { raw[topic] += weight }
                    break
                }
                len -= 1
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
