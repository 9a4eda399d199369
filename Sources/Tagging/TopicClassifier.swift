/// Scores the 17 IPTC top-level topics by counting weighted keyword stems per language.
struct TopicClassifier: Sendable {
    let data: TaggerData
    var minimumEvidence = 3.0
    var maxTopics = 4

    /// - Parameter words: the words that may carry a stem (`TokenFacts.topicWords`: all words of
    ///   three scalars or more, as when nil).
    func classify(_ doc: TokenizedText, lex: LanguageLexicon, words given: UnsafeBufferPointer<Int32>? = nil) -> [Topic] {
        guard lex.hasTopics else { return [] }
        guard let words = given else {
            let list = doc.tokens.withUnsafeBufferPointer { tb in
                Candidates.collect(tb.count) { k in Candidates.bit(tb[k].kind == .word) & Candidates.bit(tb[k].length >= 3) != 0 }
            }
            return list.withUnsafeBufferPointer { classify(doc, lex: lex, words: $0) }
        }
        // The evidence per topic and the chosen topics in memory of the call (a handful of values):
        // the array of sums and the filter-sort-prefix chain over it allocated four arrays per article
        // (~2k instructions per corpus article with the sort).
        let labelCount = data.topicLabels.count
        return withUnsafeTemporaryAllocation(of: Double.self, capacity: labelCount) { raw in
            raw.initialize(repeating: 0)
            // Most listed words have no stem: their `topicOf` entry is read here, in the loop, and
            // only unknown words (id -1, which reads the table's sentinel) go on to walk the trie.
            let stemTable = lex.topicOf.isEmpty ? [-1] : lex.topicOf
            // The lower-cased text and the stem prefix filter are opened once, for the unknown words.
            doc.lower.withUnsafeBufferPointer { lower in
                lex.stemPrefixBits.withUnsafeBufferPointer { bits in
                    doc.tokens.withUnsafeBufferPointer { tb in
                        stemTable.withUnsafeBufferPointer { sb in
                            guard let tokens = tb.baseAddress, let stems = sb.baseAddress else { return }
                            let filter = LanguageLexicon.prefixFilter(bits)
                            let last = UInt(sb.count - 1)
                            for k32 in words {
                                let k = Int(k32)
                                let id = tokens[k].id
                                var stem = Int(stems[Int(bitPattern: min(UInt(bitPattern: Int(id)), last))])
                                if stem < 0 {
                                    guard id < 0 else { continue }
                                    stem = lex.unknownTopicStem(lower: lower, filter: filter, tokens[k])
                                    guard stem >= 0 else { continue }
                                }
                                let from = Int(lex.topicHitStart[stem]), to = Int(lex.topicHitStart[stem + 1])
                                for h in from..<to {
                                    let hit = lex.topicHitList[h]
                                    if hit.topic < labelCount { raw[hit.topic] += hit.weight }
                                }
                            }
                        }
                    }
                }
            }
            var total = 0.0
            for v in raw { total += v }
            guard total > 0, maxTopics > 0 else { return [] }
            return withUnsafeTemporaryAllocation(of: Int.self, capacity: maxTopics) { best in
                let count = Self.best(raw, minimum: minimumEvidence, into: best)
                return (0..<count).map { r in
                    let t = best[r]
                    return Topic(code: data.topicLabels[t].code, label: data.topicLabels[t].label,
                                 score: (raw[t] / total * 1000).rounded() / 1000)
                }
            }
        }
    }

    /// The topics with at least `minimum` evidence, most first and equal scores in topic order (what
    /// a stable sort by score gives), at most `best.count` of them, written to `best`; returns how many.
    static func best(_ raw: UnsafeMutableBufferPointer<Double>, minimum: Double, into best: UnsafeMutableBufferPointer<Int>) -> Int {
        var count = 0
        for t in raw.indices where raw[t] >= minimum {
            // Place after every listed topic scoring at least as much.
            var at = count
            while at > 0, raw[best[at - 1]] < raw[t] { at -= 1 }
            guard at < best.count else { continue }
            var k = min(count, best.count - 1)
            while k > at {
                best[k] = best[k - 1]
                k -= 1
            }
            best[at] = t
            count = min(count + 1, best.count)
        }
        return count
    }
}
