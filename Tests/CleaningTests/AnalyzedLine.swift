@testable import Cleaning

/// Everything `LineAnalyzer` reports for one line, so that the bitmap paths can be compared with
/// the per-scalar rules field by field.
struct AnalyzedLine: Equatable {
    var tokens: [UInt64]
    var words, cjk, separators: Int
    var fingerprint: UInt64
    var endsSentence, endsWithColon: Bool

    /// `buffer[start..<end]` through the bitmap paths (`analyze`) or the per-scalar rules alone
    /// (`analyzeByScalars`).
    init(_ buffer: String, start: Int, end: Int, bitmap: Bool) {
        var copy = buffer
        self = copy.withUTF8 { p in
            let out = UnsafeMutablePointer<UInt64>.allocate(capacity: LineAnalyzer.maxTokens(bytes: p.count))
            defer { out.deallocate() }
            let shape = bitmap
                ? LineAnalyzer.analyze(p, start: start, end: end, tokens: out, firstToken: 0)
                : LineAnalyzer.analyzeByScalars(p, start: start, end: end, tokens: out, firstToken: 0)
            return AnalyzedLine(tokens: Array(UnsafeBufferPointer(start: out, count: shape.tokenEnd)), words: shape.words,
                                cjk: shape.cjk, separators: shape.separators, fingerprint: shape.fingerprint,
                                endsSentence: shape.endsSentence, endsWithColon: shape.endsWithColon)
        }
    }

    private init(tokens: [UInt64], words: Int, cjk: Int, separators: Int, fingerprint: UInt64, endsSentence: Bool, endsWithColon: Bool) {
        self.tokens = tokens
        self.words = words
        self.cjk = cjk
        self.separators = separators
        self.fingerprint = fingerprint
        self.endsSentence = endsSentence
        self.endsWithColon = endsWithColon
    }
}
