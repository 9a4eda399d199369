/// Per-language back-off for features a language does not list. A language trained on a few
/// thousand words lists few n-grams, and charging every unlisted one the shared floor makes it
/// lose to well-resourced neighbours on its own text; the training script gives such languages
/// their own, higher back-off and stores postings relative to it, so the back-off must be added
/// back for every lookup. A word part of `len` letters is looked up as len + 1 bigrams, len
/// trigrams, len − 1 four-grams and one word, so it adds b2·(len+1) + b3·len + b4·(len−1) + bw
/// = len·A + B with A = b2 + b3 + b4 and B = b2 − b4 + w·bw (the n-gram pass counts the word
/// `LanguageModel.wordWeight` = w times); the whole-word pass adds W = bw.
/// A word only charges languages written in its script (Urdu words inside a mostly Latin line
/// must not add Latin languages' back-off); Han languages are charged for kana words too.
enum BackoffRows {
    /// Int32 rows per script: A, B, W, each `LanguageModel.denseWidth` wide.
    static let rowsPerScript = 3
    static let rowA = 0, rowB = 1, rowW = 2

    /// Byte offset of row `row` of script `script` (raw value) in `LanguageModel.offsetRows`.
    @inline(__always)
    static func byteOffset(script: UInt32, row: Int) -> Int {
        (Int(script) * rowsPerScript + row) * LanguageModel.denseWidth * 4
    }

    /// `backoff` holds per language the quantised back-off of orders 2, 3, 4 and the word.
    static func make(backoff: [UInt8], languages: [String], wordWeight: Int32 = 1) -> [Int32] {
        let width = LanguageModel.denseWidth
        guard backoff.count == 4 * languages.count, languages.count <= width,
              backoff.contains(where: { $0 != 0 }) else { return [] }
        var rows = [Int32](repeating: 0, count: Script.allCases.count * rowsPerScript * width)
        for (language, code) in languages.enumerated() {
            let own = LanguageCatalog.script(of: code)
            let scripts = own == .han ? [Script.han, .kana] : [own]
            let b = (0..<4).map { Int32(backoff[4 * language + $0]) }
            for script in scripts {
                let base = Int(script.rawValue) * rowsPerScript * width + language
                rows[base + rowA * width] = b[0] + b[1] + b[2]
                rows[base + rowB * width] = b[0] - b[2] + wordWeight * b[3]
                rows[base + rowW * width] = b[3]
            }
        }
        return rows
    }

    /// Collects word parts of one script and adds their back-off in one go (two scaled row adds
    /// instead of one row add per word); `flush` before reading the scores.
    struct Pending {
        var script: UInt32 = 0
        var letters: Int32 = 0
        var parts: Int32 = 0
        var words: Int32 = 0

        /// A word part of the n-gram scorer.
        @inline(__always)
        mutating func addPart(script: UInt32, length: Int, rows: UnsafeRawBufferPointer,
                              scores: UnsafeMutableBufferPointer<Int32>) {
            if script != self.script { flush(rows: rows, scores: scores); self.script = script }
            letters &+= Int32(truncatingIfNeeded: length)
            parts &+= 1
        }

        /// A word of the whole-word pass.
        @inline(__always)
        mutating func addWord(script: UInt32, rows: UnsafeRawBufferPointer, scores: UnsafeMutableBufferPointer<Int32>) {
            if script != self.script { flush(rows: rows, scores: scores); self.script = script }
            words &+= 1
        }

        mutating func flush(rows: UnsafeRawBufferPointer, scores: UnsafeMutableBufferPointer<Int32>) {
            guard letters | parts | words != 0 else { return }
            if letters != 0 { addScaled(rows, row: rowA, by: letters, scores: scores) }
            if parts != 0 { addScaled(rows, row: rowB, by: parts, scores: scores) }
            if words != 0 { addScaled(rows, row: rowW, by: words, scores: scores) }
            letters = 0
            parts = 0
            words = 0
        }

        @inline(__always)
        private func addScaled(_ rows: UnsafeRawBufferPointer, row: Int, by factor: Int32,
                               scores: UnsafeMutableBufferPointer<Int32>) {
            let width = LanguageModel.denseWidth
            let offset = BackoffRows.byteOffset(script: script, row: row)
            guard let base = UnsafeMutableRawPointer(scores.baseAddress), scores.count >= width,
                  offset >= 0, offset + width * 4 <= rows.count else { return }
            let k = SIMD16<Int32>(repeating: factor)
            for chunk in 0..<4 {
                let add = rows.loadUnaligned(fromByteOffset: offset + chunk * 64, as: SIMD16<Int32>.self) &* k
                let sum = base.loadUnaligned(fromByteOffset: chunk * 64, as: SIMD16<Int32>.self) &+ add
                base.storeBytes(of: sum, toByteOffset: chunk * 64, as: SIMD16<Int32>.self)
            }
        }
    }
}
