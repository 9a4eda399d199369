/// What the sub-taggers need to know about each token from the language's lexicon, gathered in one
/// pass over the token array: every token's lexicon features, and the ascending lists of the tokens
/// each sub-tagger starts at (numbers and date words for dates, numbers and number words for
/// quantities, capitalised or hyphenated words for entities, punctuation for quotes, words of three
/// scalars or more for topics).
///
/// Why one pass: each sub-tagger used to walk all tokens to build its own list (five passes over
/// the 48-byte tokens, five heap arrays, the lexicon features read three times per token). The
/// lists are written without a branch per token (`Candidates.collect`'s trick, five cursors at once),
/// but for one rarely taken branch in front of the date and quantity lists (numbers and date or
/// number words are a few tokens in a hundred; both lists' work on every token was ~15 instructions).
/// The memory is the caller's `Scratch`: valid until the next request for the same blocks.
///
/// Folding this pass into the tokenizer's vocabulary pass (`ByteVocabulary.assignIDs` handing each
/// token, its ids set, to a generic visitor that reads its features and writes the lists) was
/// measured and left out (Tagger.tag callgrind, bench corpus, per article; 407.1 k before): the merged
/// loop costs what the two did (52.6 k against 21.6 k + 31.3 k): the saved loop and token loads go
/// to spills of its extra live values (five cursors, the feature table and its bound, the feature
/// buffer, the home slots). Visitor state through the inout: 413.1 k; copied to a local: 410.8 k;
/// one index for home slots, features and lists: 408.1 k (generic set-up, retains and a conformance
/// look-up ~1 k of it). Only the feature read folded in (dense or sparse chosen per token) and the
/// lists here from the stored features: 414.7 k.
struct TokenFacts {
    /// `lex.feature(t.id)` per token.
    let feature: UnsafeBufferPointer<UInt32>
    /// Numbers and every token with a date word's flag (`dateWords`), and numbers and every token
    /// with the number flag: any kind, not words only, so that "a date or number word follows" is
    /// "the next listed token is the next token" (`DateExtractor` and `QuantityExtractor` look ahead
    /// so, instead of asking the lexicon after every number). A flagged token that is no word (none
    /// in the lists: every month, weekday, relative-day and number word has letters) starts nothing.
    let dateStarts: UnsafeBufferPointer<Int32>
    let quantityStarts: UnsafeBufferPointer<Int32>
    let entityStarts: UnsafeBufferPointer<Int32>
    /// Every punctuation token. Listing only those passing `QuoteExtractor`'s two opener bit
    /// filters (the two hash-bit tests in this loop, the masks passed in) was measured and left out:
    /// init 34.2 k -> 40.9 k instructions per article, QuoteExtractor.extract 13.7 k -> 11.0 k.
    let quoteStarts: UnsafeBufferPointer<Int32>
    /// Words of three scalars or more. Whether a listed word has a topic stem is left to
    /// `TopicClassifier`: looked up here for every token (the stem table's base and bound kept across
    /// the loop), it cost ~8 instructions a token; there, one load for each such word.
    let topicWords: UnsafeBufferPointer<Int32>

    static let dateWords = LanguageLexicon.month | LanguageLexicon.weekday | LanguageLexicon.relativeDay
    static let dateOrNumberWords = dateWords | LanguageLexicon.number

    init(_ tokens: [Token], lex: LanguageLexicon, scratch: Scratch) {
        let n = tokens.count
        let stride = n + 1
        let features = scratch.buffer(.tokenFeatures, UInt32.self, count: n)
        let lists = scratch.buffer(.tokenLists, Int32.self, count: 5 * stride)
        // An empty table (a lexicon without features) reads as its sentinel would.
        let featureTable = lex.features.isEmpty ? [0] : lex.features
        let (d, q, e, p, w) = tokens.withUnsafeBufferPointer { tb in
            if let sparse = lex.sparseFeatures {
                // Minimal lexicons: each token's features looked up in the same pass (a pass of its
                // own first, read back by token index, was ~4 instructions a token more).
                return Self.scanSparse(tb, sparse, features, lists, stride)
            }
            return featureTable.withUnsafeBufferPointer { fb in Self.scan(tb, fb, features, lists, stride) }
        }
        feature = UnsafeBufferPointer(start: features, count: n)
        dateStarts = UnsafeBufferPointer(start: lists, count: d)
        quantityStarts = UnsafeBufferPointer(start: lists + stride, count: q - stride)
        entityStarts = UnsafeBufferPointer(start: lists + 2 * stride, count: e - 2 * stride)
        quoteStarts = UnsafeBufferPointer(start: lists + 3 * stride, count: p - 3 * stride)
        topicWords = UnsafeBufferPointer(start: lists + 4 * stride, count: w - 4 * stride)
    }

    /// The pass as a plain function over pointers: one base for the five lists (list j starts at
    /// j × stride) keeps the loop's state in registers. Returns the five lists' end offsets.
    /// `fb` is non-empty and ends in its sentinel (`TaggerData.trimmed`), so a clamped index reads
    /// "unknown".
    private static func scan(_ tb: UnsafeBufferPointer<Token>, _ fb: UnsafeBufferPointer<UInt32>,
                             _ features: UnsafeMutablePointer<UInt32>, _ lists: UnsafeMutablePointer<Int32>,
                             _ stride: Int) -> (Int, Int, Int, Int, Int) {
        guard let tokens = tb.baseAddress, let fBase = fb.baseAddress else { return (0, stride, 2 * stride, 3 * stride, 4 * stride) }
        let fLast = UInt(fb.count - 1)
        return scanLists(tokens, tb.count, { _, t in fBase[Int(bitPattern: min(UInt(bitPattern: Int(t.id) &+ 1), fLast))] },
                         features, lists, stride)
    }

    /// The same pass for minimal lexicons, their features from the sparse table.
    private static func scanSparse(_ tb: UnsafeBufferPointer<Token>, _ sparse: IntMap,
                                   _ features: UnsafeMutablePointer<UInt32>, _ lists: UnsafeMutablePointer<Int32>,
                                   _ stride: Int) -> (Int, Int, Int, Int, Int) {
        guard let tokens = tb.baseAddress else { return (0, stride, 2 * stride, 3 * stride, 4 * stride) }
        return scanLists(tokens, tb.count, { _, t in LanguageLexicon.sparseFeatureOfAny(sparse, t.id) }, features, lists, stride)
    }

    /// (Reading the kind's raw value as bits, number bit 0 and punctuation bit 1, instead of three
    /// compares was measured neutral and left out: init 31.50 k -> 31.25 k instructions per article,
    /// `Tagger.tag` -0.07 k; the branch in front of the date and number lists then cost two reloads.)
    /// The five cursors are pointers into `lists` and the token and feature positions one index:
    /// with a base and five offsets (and the features by index) the loop had more live values than
    /// registers, ~10 reloads per token. The tokens are walked by a pointer to an end pointer: ~0.7
    /// instructions a token fewer than by index.
    @inline(__always)
    private static func scanLists(_ tokens: UnsafePointer<Token>, _ count: Int, _ featureOf: (Int, Token) -> UInt32,
                                  _ features: UnsafeMutablePointer<UInt32>, _ lists: UnsafeMutablePointer<Int32>,
                                  _ stride: Int) -> (Int, Int, Int, Int, Int) {
        var d = lists, q = lists + stride, e = lists + 2 * stride, p = lists + 3 * stride, w = lists + 4 * stride
        var k = 0
        var tp = tokens, fp = features
        let end = tokens + count
        while tp < end {
            let t = tp.pointee
            let f = featureOf(k, t)
            fp.pointee = f
            tp += 1
            fp += 1
            let flags = f & LanguageLexicon.flagMask
            let isWord = Candidates.bit(t.kind == .word), isNumber = Candidates.bit(t.kind == .number)
            let index = Int32(truncatingIfNeeded: k)
            // Dates and quantities start at few tokens (numbers, date and number words): one branch,
            // rarely taken, skips both lists' work on the others.
            if isNumber | Candidates.bit(flags & Self.dateOrNumberWords != 0) != 0 {
                d.pointee = index
                d += Int(isNumber | Candidates.bit(flags & dateWords != 0))
                q.pointee = index
                q += Int(isNumber | Candidates.bit(flags & LanguageLexicon.number != 0))
            }
            e.pointee = index
            e += Int(isWord & (Candidates.bit(t.isCapitalized) | Candidates.bit(t.hasHyphen)))
            p.pointee = index
            p += Int(Candidates.bit(t.kind == .punct))
            w.pointee = index
            w += Int(isWord & Candidates.bit(t.length >= 3))
            k &+= 1
        }
        return (d - lists, q - lists, e - lists, p - lists, w - lists)
    }
}
