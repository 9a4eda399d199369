/// Everything the decision needs about one document's lines, computed in one pass.
struct DocumentAnalysis {
    struct LineInfo {
        var shape: LineShape
        /// Stopword share under the chosen language; nil when no stoplist applies.
        var stopwordDensity: Double?
        /// The first matching furniture pattern.
        var pattern: FurniturePattern?
    }

    var text: NormalizedText
    var lines: [LineInfo]
    var language: String?

    init(text: NormalizedText, patterns: PatternSet, language requested: String?, usePatterns: Bool) {
        self.text = text
        var capacity = 1
        for line in text.lines { capacity += LineAnalyzer.maxTokens(bytes: line.end - line.start) }
        // Token hashes and their table payloads live in scratch buffers for this call only.
        let tokens = UnsafeMutablePointer<UInt64>.allocate(capacity: capacity)
        let payloads = UnsafeMutablePointer<UInt32>.allocate(capacity: capacity)
        defer {
            tokens.deallocate()
            payloads.deallocate()
        }
        var languageHits = Array(repeating: 0, count: patterns.stoplistLanguages.count)
        var infos: [LineInfo] = []
        infos.reserveCapacity(text.lines.count)
        var tokenCount = 0
        let table = patterns.table
        text.bytes.withUnsafeBufferPointer { p in
            for line in text.lines {
                let shape = LineAnalyzer.analyze(p, start: line.start, end: line.end, tokens: tokens, firstToken: tokenCount)
                tokenCount = shape.tokenEnd
                var matched: FurniturePattern?
                let size = shape.words + shape.cjk
                let lineTokens = UnsafeBufferPointer(start: tokens + shape.tokenStart, count: shape.tokenEnd - shape.tokenStart)
                for t in shape.tokenStart..<shape.tokenEnd {
                    let payload = table.payload(tokens[t])
                    payloads[t] = payload
                    guard payload != 0 else { continue }
                    var mask = payload & ~TokenTable.patternFlag
                    while mask != 0 {
                        languageHits[mask.trailingZeroBitCount] += 1
                        mask &= mask - 1
                    }
                    guard usePatterns, matched == nil, payload & TokenTable.patternFlag != 0 else { continue }
                    for k in table.patternRange(tokens[t]) {
                        let pattern = patterns.patterns[Int(patterns.patternOrder[k])]
                        if size <= pattern.maxWords, pattern.matches(lineTokens, at: t - shape.tokenStart) {
                            matched = pattern
                            break
                        }
                    }
                }
                infos.append(LineInfo(shape: shape, stopwordDensity: nil, pattern: matched))
            }
        }
        let bit = Self.chooseLanguage(requested, patterns: patterns, hits: languageHits, tokens: tokenCount)
        language = bit.map { patterns.stoplistLanguages[$0] }
        if let bit {
            let want = UInt32(1) << UInt32(bit)
            for index in infos.indices {
                let shape = infos[index].shape
                guard shape.words > 0 else { continue }
                var hits = 0
                for t in shape.tokenStart..<shape.tokenEnd where payloads[t] & want != 0 { hits += 1 }
                infos[index].stopwordDensity = Double(hits) / Double(shape.words)
            }
        }
        lines = infos
    }

    /// The requested language when it has a stoplist; otherwise the stoplist that covers the
    /// most tokens, if it covers enough of them to be a real match rather than shared words.
    private static func chooseLanguage(_ requested: String?, patterns: PatternSet, hits: [Int], tokens: Int) -> Int? {
        if let requested {
            let code = requested.lowercased().split(whereSeparator: { $0 == "-" || $0 == "_" }).first.map(String.init)
            if let code, let index = patterns.stoplistLanguages.firstIndex(of: code) { return index }
        }
        guard let best = hits.indices.max(by: { hits[$0] < hits[$1] }) else { return nil }
        let needed = max(5, tokens / 8)
        return hits[best] >= needed ? best : nil
    }
}
