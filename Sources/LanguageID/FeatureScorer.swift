/// Tokenises text and adds up model scores per language. Must mirror Scripts/lid_train.py exactly:
/// words are runs of letters/marks, lower-cased; each word is padded with one space on each side
/// and contributes its 1–4-grams (minus the bare padding space) plus the whole word.
struct FeatureScorer {
    static let fnvOffset: UInt64 = 0xCBF2_9CE4_8422_2325
    static let fnvPrime: UInt64 = 0x100_0000_01B3
    static let wordSeed: UInt64 = fnvOffset ^ 0x9E37_79B9_7F4A_7C15
    static let maxWord = 32
    /// Smallest n-gram order looked up. Unigrams are in the model but carry little that bigrams
    /// (which include the word-boundary space) do not, and each costs ~50 posting adds.
    static let minOrder = 2

    /// What a pass over the text found.
    struct Tally {
        var letters = 0
        var scriptCounts = [Int](repeating: 0, count: Script.allCases.count)
    }

    /// Scores at most `maxScalars` scalars; stops earlier once the leader is ahead by
    /// `decisiveMargin` (quantised units) after `minLettersForStop` letters, since further text
    /// would not change the answer and long articles must stay cheap.
    static func score(
        _ text: Substring,
        model: LanguageModel,
        chars: CharacterTable,
        into scores: UnsafeMutableBufferPointer<Int32>,
        maxScalars: Int = 400,
        minLettersForStop: Int = 150,
        decisiveMargin: Int32 = 400
    ) -> Tally {
        var tally = Tally()
        var word = (UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                    UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                    UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                    UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
                    UInt32(0), UInt32(0))
        var seen = 0
        return withUnsafeMutableBytes(of: &word) { raw in
            let buf = raw.bindMemory(to: UInt32.self)
            var len = 0  // letters in the current word (buffer holds them at 1...len)
            buf[0] = 0x20
            model.postings.withUnsafeBufferPointer { postings in
                func flush() {
                    buf[len + 1] = 0x20
                    addWord(buf, length: len, model: model, postings: postings, scores: scores)
                    len = 0
                }
                for scalar in text.unicodeScalars {
                    seen += 1
                    let e = chars.entry(scalar.value)
                    if e & CharacterTable.letterBit != 0 {
                        tally.letters += 1
                        tally.scriptCounts[Int(e >> 24)] += 1
                        len += 1
                        buf[len] = e & 0x1F_FFFF
                        if len == maxWord { flush() }  // unspaced scripts (Han, Thai) form long runs
                    } else if len > 0 {
                        flush()
                        if tally.letters >= minLettersForStop, leaderMargin(scores) >= decisiveMargin { return }
                        if seen >= maxScalars { return }
                    }
                }
                if len > 0 { flush() }
            }
            return tally
        }
    }

    /// `buf[0]` and `buf[length + 1]` are the padding spaces around the word in `buf[1...length]`.
    @inline(__always)
    private static func addWord(
        _ buf: UnsafeMutableBufferPointer<UInt32>,
        length: Int,
        model: LanguageModel,
        postings: UnsafeBufferPointer<UInt16>,
        scores: UnsafeMutableBufferPointer<Int32>
    ) {
        let padded = length + 2
        for start in 0..<padded {
            var h = fnvOffset
            let maxN = min(4, padded - start)
            for n in 1...maxN {
                h = (h ^ UInt64(buf[start + n - 1])) &* fnvPrime
                if n < minOrder || n == 1 && (start == 0 || start == padded - 1) { continue }
                add(model.lookup(h), postings: postings, scores: scores)
            }
        }
        var w = wordSeed
        for i in 1...length {
            w = (w ^ UInt64(buf[i])) &* fnvPrime
        }
        add(model.lookup(w), postings: postings, scores: scores)
    }

    @inline(__always)
    private static func add(
        _ range: Range<Int>,
        postings: UnsafeBufferPointer<UInt16>,
        scores: UnsafeMutableBufferPointer<Int32>
    ) {
        for i in range {
            let p = postings[i]
            scores[Int(p >> 8)] &+= Int32(p & 0xFF)
        }
    }

    private static func leaderMargin(_ scores: UnsafeMutableBufferPointer<Int32>) -> Int32 {
        var best = Int32.min, second = Int32.min
        for s in scores {
            if s > best {
                second = best
                best = s
            } else if s > second {
                second = s
            }
        }
        return best &- second
    }
}
