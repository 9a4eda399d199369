/// Removes site furniture from article text, line by line, recording why each line went.
///
/// Thread-safe: the configuration and patterns are immutable and the cross-document memory
/// guards itself, so one instance serves all workers. Memory is bounded by
/// `configuration.learningCapacity` whatever the number of sources.
public final class Cleaner: Sendable {
    public let configuration: CleaningConfiguration
    public let patterns: PatternSet
    private let memory: LineMemory
    private let scratch = ScratchPool()

    public init(configuration: CleaningConfiguration = .init(), patterns: PatternSet) {
        self.configuration = configuration
        self.patterns = patterns
        memory = LineMemory(capacity: configuration.learningCapacity, window: configuration.learningWindow)
    }

    /// Cleans one article. `language` (ISO 639-1, optional) selects the stoplist; without it the
    /// best-covering stoplist is used. `source` (domain or feed id) scopes the learned furniture.
    public func clean(_ text: String, language: String? = nil, source: String? = nil) -> CleaningResult {
        // The scratch is held to the end: the analysis borrows its bytes, and the result text
        // is gathered in it.
        let scratch = self.scratch.take()
        defer { self.scratch.give(scratch) }
        let analysis = analyze(text, language: language, usePatterns: configuration.signals.contains(.patterns), scratch: scratch)
        let learned = scratch.keyBuffer(2 * analysis.lines.count)
        learnedCounts(analysis, source: source, record: configuration.learningMode == .learnAndApply, into: learned)
        let decisions = LineJudge(configuration: configuration, analysis: analysis, learned: UnsafeBufferPointer(learned)).decide()
        let join = scratch.joinBuffer(analysis.text.bytes.count + 2 * analysis.text.lines.count + 1)
        return CleaningResult.assemble(analysis: analysis, decisions: decisions, configuration: configuration, scratch: join)
    }

    /// Feeds an article to the cross-document memory without cleaning it: warms a fresh
    /// instance from a backlog so that learned furniture applies from the first live article.
    public func observe(_ text: String, source: String? = nil) {
        let scratch = self.scratch.take()
        defer { self.scratch.give(scratch) }
        let analysis = analyze(text, language: nil, usePatterns: false, scratch: scratch)
        learnedCounts(analysis, source: source, record: true, into: scratch.keyBuffer(2 * analysis.lines.count))
    }

    /// `analyze(_:language:usePatterns:scratch:)` with a scratch of its own, the text's bytes
    /// copied out of it (tests compare such analyses with the reference path's).
    func analyze(_ text: String, language: String?, usePatterns: Bool) -> DocumentAnalysis {
        let scratch = self.scratch.take()
        defer { self.scratch.give(scratch) }
        return analyze(text, language: language, usePatterns: usePatterns, scratch: scratch, borrow: false)
    }

    /// One pass that normalises and tokenises each line as it is written
    /// (`TextNormalizer.Writer` with `fused`), then the lookups over the tokens. Equal to
    /// `DocumentAnalysis(text: TextNormalizer.normalize(UnicodeNFC.normalize(…)))`, the
    /// reference path. With `borrow`, the analysis's text borrows the scratch's bytes: it must
    /// not be used once the scratch is given back or used again.
    ///
    /// NFC is checked by the pass itself (`Writer.mayNeedComposition`: the per-scalar rules
    /// see every scalar from U+0300 of the lines), not by a scan of the input ahead of it (some
    /// 1,900 instructions a 4 KB article): almost all text is NFC, and NFC then changes
    /// nothing. When the pass met a scalar NFC may change, the text is composed
    /// (`UnicodeNFC.composed`, with its own scan) and, if that changed it, written again.
    func analyze(_ text: String, language: String?, usePatterns: Bool, scratch: CleaningScratch, borrow: Bool = true) -> DocumentAnalysis {
        var input = text
        var composed = false  // whether `input` is known to be NFC
        while true {
            var again: String?
            let analysis = input.withUTF8 { p -> DocumentAnalysis? in
                var w = TextNormalizer.Writer(scratch: scratch, inputCount: p.count, fused: true)
                TextNormalizer.write(p, into: &w)
                if !composed, w.mayNeedComposition, let nfc = UnicodeNFC.composed(text) {
                    w.finish(into: scratch)
                    again = nfc
                    return nil
                }
                let lines = w.finishedLines
                let normalized = borrow ? NormalizedText(borrowing: w.written, lines: lines) : NormalizedText(copying: w.written, lines: lines)
                let tokenCount = w.tokenCount
                scratch.reservePayloads(tokenCount)
                let analysis = DocumentAnalysis(
                    text: normalized, shapes: w.lineShapes, tokens: w.tokenHashes, tokenCount: tokenCount,
                    payloads: scratch.payloads, starts: scratch.starts, patterns: patterns, language: language,
                    usePatterns: usePatterns, lineInfos: borrow ? scratch.infoBuffer(lines.count) : nil,
                    lineLanes: scratch.laneBuffer(3 * lines.count))
                w.finish(into: scratch)
                return analysis
            }
            if let analysis { return analysis }
            if let again { input = again }
            composed = true
        }
    }

    /// Per line: earlier documents of the same source, and of any source, holding the line,
    /// written to `counts` (two words a line: source, global). Two keys per line (0 = not looked
    /// up) go to the memory in one locked call; repeats of a line inside the document are
    /// counted once by the memory itself, so no per-document map is needed. The counts come back
    /// in the key buffer itself, which `LineJudge` reads as it is: an array of `LearnedCount`
    /// built from it (`Array(unsafeUninitializedCapacity:)`, not specialised) looked up its
    /// storage metadata at run time, some 500 instructions a document.
    private func learnedCounts(_ analysis: DocumentAnalysis, source: String?, record: Bool, into keys: UnsafeMutableBufferPointer<UInt64>) {
        let lines = analysis.lines
        guard configuration.signals.contains(.learned), configuration.learningMode != .off else {
            keys.update(repeating: 0)
            return
        }
        let sourceSalt = source.map(Self.salt(of:))
        let globalMaxWords = Double(configuration.globalMaxWords)
        var any = false
        for (index, line) in lines.enumerated() {
            var sourceKey: UInt64 = 0
            var globalKey: UInt64 = 0
            if line.shape.words + line.shape.cjk > 0 {
                let fingerprint = line.shape.fingerprint
                if let sourceSalt { sourceKey = LineAnalyzer.finish(fingerprint ^ sourceSalt) }
                if line.shape.effectiveWords <= globalMaxWords { globalKey = LineAnalyzer.finish(fingerprint ^ Self.globalSalt) }
                any = any || sourceKey != 0 || globalKey != 0
            }
            keys[2 * index] = sourceKey
            keys[2 * index + 1] = globalKey
        }
        if any { memory.lookup(keys, record: record) } else { keys.update(repeating: 0) }
    }

    /// A per-source salt: the source's bytes hashed as they are (host names differing only in
    /// punctuation stay distinct).
    private static func salt(of source: String) -> UInt64 {
        // Over the contiguous bytes: iterating `utf8` cost some 15 instructions a byte.
        var copy = source
        return copy.withUTF8 { bytes in
            var h = LineAnalyzer.fnvOffset ^ 0x736f_7572_6365  // "source"
            for b in bytes { h = (h ^ UInt64(b)) &* LineAnalyzer.fnvPrime }
            return LineAnalyzer.finish(h)
        }
    }

    private static let globalSalt: UInt64 = 0x5bd1_e995_2f1c_3a77
}

/// A line's counts in the cross-document memory.
struct LearnedCount {
    var source = 0
    var global = 0

    /// Line `index`'s counts in `learnedCounts`' buffer (two words a line).
    init(_ counts: UnsafeBufferPointer<UInt64>, line index: Int) {
        source = Int(truncatingIfNeeded: counts[2 &* index])
        global = Int(truncatingIfNeeded: counts[2 &* index &+ 1])
    }
}
