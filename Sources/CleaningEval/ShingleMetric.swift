/// The article-extraction-benchmark metric: `\w+` tokens (Unicode), 4-token shingles, multiset
/// TP/FP/FN per document normalised to sum 1, precision and recall averaged over documents,
/// F1 of the two averages.
struct ShingleMetric {
    private(set) var precisions: [Double] = []
    private(set) var recalls: [Double] = []

    mutating func add(predicted: String, truth: String) {
        let p = Self.shingles(predicted)
        let t = Self.shingles(truth)
        var tp = 0
        var fp = 0
        for (key, count) in p {
            let both = min(count, t[key, default: 0])
            tp += both
            fp += count - both
        }
        var fn = 0
        for (key, count) in t { fn += max(0, count - p[key, default: 0]) }
        let total = Double(tp + fp + fn)
        if total == 0 {
            precisions.append(1)
            recalls.append(1)
            return
        }
        let ntp = Double(tp) / total
        let nfp = Double(fp) / total
        let nfn = Double(fn) / total
        precisions.append(ntp + nfp > 0 ? ntp / (ntp + nfp) : 0)
        recalls.append(ntp + nfn > 0 ? ntp / (ntp + nfn) : 0)
    }

    var precision: Double { precisions.isEmpty ? 0 : precisions.reduce(0, +) / Double(precisions.count) }
    var recall: Double { recalls.isEmpty ? 0 : recalls.reduce(0, +) / Double(recalls.count) }
    var f1: Double { precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0 }

    /// Python's `\w`: letters, numbers and the underscore.
    static func words(_ text: String) -> [Substring] {
        var out: [Substring] = []
        var start: String.Index?
        var index = text.startIndex
        for scalar in text.unicodeScalars {
            let next = text.unicodeScalars.index(after: index)
            if isWord(scalar) {
                if start == nil { start = index }
            } else if let s = start {
                out.append(text[s..<index])
                start = nil
            }
            index = next
        }
        if let s = start { out.append(text[s..<text.endIndex]) }
        return out
    }

    private static func isWord(_ s: Unicode.Scalar) -> Bool {
        if s == "_" { return true }
        switch s.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber:
            return true
        default:
            return false
        }
    }

    static func shingles(_ text: String) -> [String: Int] {
        let w = words(text)
        var out: [String: Int] = [:]
        guard w.count >= 4 else { return out }
        for i in 0...(w.count - 4) {
            out[w[i..<(i + 4)].joined(separator: "\u{1}"), default: 0] += 1
        }
        return out
    }
}
