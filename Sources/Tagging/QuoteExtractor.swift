/// Quotations and who said them. Attribution follows the quote (",,…”, zei Poetin", "…," said X)
/// or precedes it with a colon ("Poetin zei: ,,…”"). Pronouns and title phrases ("de Russische
/// president") resolve to a person entity of the document.
struct QuoteExtractor: Sendable {
    /// Opening marks and, at the same index, the marks that may close them, as byte hashes (a short
    /// list scanned linearly: cheaper per punctuation token than a Dictionary lookup).
    static let openers: [UInt64] = [",,", "„", "“", "«", "\"", "‘", "‹", "‚"].map(ByteHash.hash)
    static let closers: [[UInt64]] = [["”", "“", "\""], ["“", "”"], ["”", "“"], ["»"], ["\""], ["’"], ["›"], ["‘", "’"]]
        .map { $0.map(ByteHash.hash) }
    /// Bit `hash & 63` of every opener's hash: one test rules out most punctuation (commas, full
    /// stops) before the list is searched (~8 of 64 bits are set). Searching the list for every
    /// punctuation token was ~40 instructions a token.
    static let openerBits: UInt64 = openers.reduce(0) { $0 | 1 &<< ($1 & 63) }
    /// The same over bits 6...11 of the hash: with one filter ~44 punctuation tokens per 4 KB
    /// article passed (a frequent mark shares a bit with an opener) for ~6 openers, and each
    /// searched the list in vain (~1.6 k instructions per article).
    static let openerBitsHigh: UInt64 = openers.reduce(0) { $0 | 1 &<< ($1 &>> 6 & 63) }
    static let singleOpeners: [UInt64] = ["‘", "‹", "‚"].map(ByteHash.hash)
    static let apostropheOpeners: [UInt64] = ["‘", "‚"].map(ByteHash.hash)
    static let dutchOpener = ByteHash.hash(",,")
    static let comma = ByteHash.hash(",")
    static let colon = ByteHash.hash(":")

    struct Context {
        /// Per token index: 1 + the person entity a mention there belongs to, or 0.
        var personAt: UnsafeBufferPointer<Int32>
        var personMentions: [(token: Int, entity: Int)]  // in text order
        /// Title word id -> person entity (the first mention's), a short list.
        var titles: [(title: Int32, entity: Int)]
        /// The document's entities (names read only for a quote attributed to one: no per-call
        /// copies of every entity's name and canonical name).
        var entities: [TaggedEntity]
    }

    /// - Parameter starts: the punctuation tokens (`TokenFacts.quoteStarts`); collected here when nil.
    func extract(_ doc: TokenizedText, lex: LanguageLexicon, context: Context,
                 starts given: UnsafeBufferPointer<Int32>? = nil) -> [Quote] {
        guard let starts = given else {
            // Only punctuation (among it the opening quotation marks) starts a quote.
            let list = doc.tokens.withUnsafeBufferPointer { tb in Candidates.collect(tb.count) { k in tb[k].kind == .punct } }
            return list.withUnsafeBufferPointer { extract(doc, lex: lex, context: context, starts: $0) }
        }
        let tokens = doc.tokens
        var out: [Quote] = []
        let n = tokens.count
        let openers = Self.openers, openerBits = Self.openerBits, openerBitsHigh = Self.openerBitsHigh
        // Read once, not per quote mark: each read of a static let is a call to check its initialisation.
        let allClosers = Self.closers, apostropheOpeners = Self.apostropheOpeners, singleOpeners = Self.singleOpeners
        let dutchOpener = Self.dutchOpener, comma = Self.comma
        var i = 0
        var cursor = 0
        while i < n {
            let next = tokens.withUnsafeBufferPointer { tb in
                Self.nextOpenerCandidate(tb, starts, &cursor, from: i, openerBits, openerBitsHigh)
            }
            guard let next else { break }
            i = next
            let t = tokens[i]
            guard let opener = openers.firstIndex(of: t.exactHash) else {
                i += 1
                continue
            }
            let closers = allClosers[opener]
            let isApostrophe = apostropheOpeners.contains(t.exactHash)
            // An ASCII double quote opens only when followed by a word without a space.
            let (j, words) = tokens.withUnsafeBufferPointer { tb in
                closers.withUnsafeBufferPointer { cb in
                    Self.closingMark(tb, after: i, closers: cb, isApostrophe: isApostrophe,
                                     lineEnds: t.exactHash != dutchOpener)
                }
            }
            guard j < n, words >= 1 else { i += 1; continue }
            let attribution = speakerAfter(doc, j + 1, lex: lex, context: context, quoteStart: i)
                ?? speakerBefore(doc, i, lex: lex, context: context)
            let minWords = singleOpeners.contains(t.exactHash) ? 4 : 3
            if words >= minWords || (attribution != nil && words >= 3) {
                var endTok = j - 1
                // Dutch and English put the attribution comma inside the quote: drop it from the text.
                while endTok > i + 1, tokens[endTok].kind == .punct, tokens[endTok].exactHash == comma { endTok -= 1 }
                if let a = attribution {
                    out.append(Quote(text: doc.join(i + 1, endTok + 1), range: tokens[i + 1].start..<tokens[endTok].end,
                                     speaker: a.entity.map { context.entities[$0].name } ?? phrase(doc, a.clause),
                                     speakerCanonical: a.entity.map { context.entities[$0].canonical },
                                     speakerEntity: a.entity, confidence: a.confidence))
                } else if words >= 5 && t.exactHash != apostropheOpeners[0] {
                    out.append(Quote(text: doc.join(i + 1, endTok + 1), range: tokens[i + 1].start..<tokens[endTok].end,
                                     speaker: nil, speakerCanonical: nil, speakerEntity: nil, confidence: 0.4))
                }
            }
            i = j + 1
        }
        return out
    }

    /// The first listed token at or after `from` that is punctuation passing both opener bit filters
    /// (`openerBits`, `openerBitsHigh`), advancing `cursor` through `starts` (ascending token
    /// indices) to it; nil when none is left. A plain function over pointers: in `extract`'s loop the
    /// two masks and the list were reloaded for every punctuation token, ~25 instructions each, ~80
    /// per corpus article, most of them commas and full stops.
    private static func nextOpenerCandidate(_ tb: UnsafeBufferPointer<Token>, _ starts: UnsafeBufferPointer<Int32>,
                                            _ cursor: inout Int, from: Int, _ bits: UInt64, _ bitsHigh: UInt64) -> Int? {
        let n = tb.count
        guard let tokens = tb.baseAddress, let list = starts.baseAddress else { return nil }
        var c = cursor
        defer { cursor = c }
        while c < starts.count {
            let k = Int(list[c])
            if k >= from, k < n {
                let t = tokens[k]
                if t.kind == .punct, bits &>> (t.exactHash & 63) & bitsHigh &>> (t.exactHash &>> 6 & 63) & 1 != 0 { return k }
            }
            c &+= 1
        }
        return nil
    }

    /// Where the quote opened at token `i` closes (n when it does not) and how many of its tokens are
    /// no punctuation (counted up to where the scan stopped). The first closer after at least one
    /// token closes it, except an apostrophe inside a word ("l’homme") when `isApostrophe`; a line
    /// break ends the quote unclosed when `lineEnds` (Dutch ",," quotes run across lines). A plain function over pointers: scanning
    /// the quote's tokens through the array (bounds checks, the counters spilled) was ~25
    /// instructions per token, and an unclosed quote mark scans to the end of its line or text.
    private static func closingMark(_ tb: UnsafeBufferPointer<Token>, after i: Int, closers: UnsafeBufferPointer<UInt64>,
                                    isApostrophe: Bool, lineEnds: Bool) -> (end: Int, words: Int) {
        let n = tb.count
        guard let tokens = tb.baseAddress else { return (n, 0) }
        // The words are counted as the tokens scanned less the punctuation among them, so a word
        // token costs no counter update (the loop was ~17 instructions a word token, ~190 tokens
        // scanned per article).
        var j = i &+ 1
        var puncts = 0
        while j < n {
            let t = tokens[j]
            if t.kind == .punct {
                if j > i &+ 1, closers.contains(t.exactHash) {
                    if isApostrophe, j &+ 1 < n, tokens[j &+ 1].kind == .word, !tokens[j &+ 1].spaceBefore {
                        puncts &+= 1
                        j &+= 1  // apostrophe inside a word, not a closer
                        continue
                    }
                    return (j, j &- i &- 1 &- puncts)
                }
                puncts &+= 1
            }
            if t.newlineBefore, lineEnds, j > i &+ 1 { return (n, j &- i &- puncts) }
            j &+= 1
        }
        return (n, n &- i &- 1 &- puncts)
    }

    /// `clause`: the attribution words (token range); their text is built only when no entity matches.
    struct Attribution { var entity: Int?; var clause: Range<Int>; var confidence: Double }

    /// The attribution words as written, single-spaced.
    func phrase(_ doc: TokenizedText, _ clause: Range<Int>) -> String {
        clause.map { doc.text($0) }.joined(separator: " ")
    }

    /// ", zei Poetin" / ", voegde hij toe" / ", meende de Russische president" / "," said X / ", X said".
    func speakerAfter(_ doc: TokenizedText, _ start: Int, lex: LanguageLexicon, context: Context, quoteStart: Int) -> Attribution? {
        let tokens = doc.tokens
        var k = start
        let n = tokens.count
        if k < n, tokens[k].exactHash == Self.comma { k += 1 }
        guard k < n, tokens[k].kind == .word, !tokens[k].newlineBefore else { return nil }
        // Collect the clause up to the next punctuation.
        var end = k
        while end < n, tokens[end].kind == .word, end - k < 8, !(end > k && tokens[end].newlineBefore) { end += 1 }
        let clause = k..<end
        guard !clause.isEmpty else { return nil }
        let hasVerb = clause.contains { lex.has(tokens[$0], LanguageLexicon.quoteVerb) }
        // Dutch/German inversion: the first word after the quote is the verb, listed or not.
        let inverted = !tokens[k].isCapitalized && tokens[k].length > 2
        guard hasVerb || inverted && (start > 0 && tokens[start - 1].kind == .punct) else { return nil }
        guard hasVerb || clause.count <= 5 else { return nil }
        return resolve(clause, doc, context: context, lex: lex, before: quoteStart, confidence: hasVerb ? 0.9 : 0.7)
    }

    /// "Poetin zei: ,,…”"
    func speakerBefore(_ doc: TokenizedText, _ quoteStart: Int, lex: LanguageLexicon, context: Context) -> Attribution? {
        let tokens = doc.tokens
        guard quoteStart >= 2, tokens[quoteStart - 1].exactHash == Self.colon else { return nil }
        var k = quoteStart - 2
        var first = quoteStart - 1
        while k >= 0, tokens[k].kind == .word, quoteStart - 1 - first < 10 {
            first = k
            if tokens[k].sentenceStart { break }
            k -= 1
        }
        let clause = first..<(quoteStart - 1)
        guard clause.contains(where: { lex.has(tokens[$0], LanguageLexicon.quoteVerb) }) else { return nil }
        return resolve(clause, doc, context: context, lex: lex, before: quoteStart, confidence: 0.85)
    }

    func resolve(_ clause: Range<Int>, _ doc: TokenizedText, context: Context, lex: LanguageLexicon, before: Int, confidence: Double) -> Attribution? {
        let tokens = doc.tokens
        for k in clause where context.personAt[k] > 0 {
            return Attribution(entity: Int(context.personAt[k]) - 1, clause: clause, confidence: confidence)
        }
        if !context.titles.isEmpty {
            for k in clause where tokens[k].id >= 0 {
                let id = tokens[k].id
                if let e = context.titles.first(where: { $0.title == id })?.entity {
                    return Attribution(entity: e, clause: clause, confidence: confidence - 0.1)
                }
            }
        }
        if clause.contains(where: { lex.has(tokens[$0], LanguageLexicon.pronoun) }) {
            if let last = context.personMentions.last(where: { $0.token < before }) {
                return Attribution(entity: last.entity, clause: clause, confidence: confidence - 0.2)
            }
        }
        return nil
    }
}
