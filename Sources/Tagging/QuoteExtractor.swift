/// Quotations and who said them. Attribution follows the quote (",,…”, zei Poetin", "…," said X)
/// or precedes it with a colon ("Poetin zei: ,,…”"). Pronouns and title phrases ("de Russische
/// president") resolve to a person entity of the document.
struct QuoteExtractor: Sendable {
    static let openers: [String: String] = [",,": "”", "“": "”", "„": "“", "\"": "\"", "«": "»", "‘": "’", "‹": "›", "‚": "‘"]
    static let alternateClosers: [String: Set<String>] = [",,": ["”", "“", "\""], "„": ["“", "”"], "“": ["”", "“"], "«": ["»"], "\"": ["\""], "‘": ["’"], "‹": ["›"], "‚": ["‘", "’"]]

    struct Context {
        var mentionAt: [Int: Int]  // token index -> person entity index
        var personMentions: [(token: Int, entity: Int)]  // in text order
        var titles: [String: Int]  // title word -> person entity
        var entityName: [String]
        var entityCanonical: [String]
    }

    func extract(_ tokens: [Token], lex: LanguageLexicon, context: Context) -> [Quote] {
        var out: [Quote] = []
        let n = tokens.count
        var i = 0
        while i < n {
            let t = tokens[i]
            guard t.kind == .punct, let closers = Self.alternateClosers[t.text] else { i += 1; continue }
            // An ASCII double quote opens only when followed by a word without a space.
            var j = i + 1
            var words = 0
            while j < n {
                if tokens[j].kind == .punct, closers.contains(tokens[j].text), j > i + 1 {
                    if t.text == "‘" || t.text == "‚", j + 1 < n, tokens[j + 1].kind == .word, !tokens[j + 1].spaceBefore {
                        j += 1  // apostrophe inside a word, not a closer
                        continue
                    }
                    break
                }
                if tokens[j].newlineBefore && j > i + 1 && t.text != ",," { j = n; break }
                if tokens[j].kind != .punct { words += 1 }
                j += 1
            }
            guard j < n, words >= 1 else { i += 1; continue }
            let attribution = speakerAfter(tokens, j + 1, lex: lex, context: context, quoteStart: i)
                ?? speakerBefore(tokens, i, lex: lex, context: context)
            let minWords = (t.text == "‘" || t.text == "‹" || t.text == "‚") ? 4 : 3
            if words >= minWords || (attribution != nil && words >= 3) {
                var endTok = j - 1
                // Dutch and English put the attribution comma inside the quote: drop it from the text.
                while endTok > i + 1, tokens[endTok].kind == .punct, tokens[endTok].text == "," { endTok -= 1 }
                if let a = attribution {
                    out.append(Quote(text: joinTokens(tokens, i + 1, endTok + 1), range: tokens[i + 1].start..<tokens[endTok].end,
                                     speaker: a.entity.map { context.entityName[$0] } ?? a.phrase,
                                     speakerCanonical: a.entity.map { context.entityCanonical[$0] },
                                     speakerEntity: a.entity, confidence: a.confidence))
                } else if words >= 5 && t.text != "‘" {
                    out.append(Quote(text: joinTokens(tokens, i + 1, endTok + 1), range: tokens[i + 1].start..<tokens[endTok].end,
                                     speaker: nil, speakerCanonical: nil, speakerEntity: nil, confidence: 0.4))
                }
            }
            i = j + 1
        }
        return out
    }

    struct Attribution { var entity: Int?; var phrase: String; var confidence: Double }

    /// ", zei Poetin" / ", voegde hij toe" / ", meende de Russische president" / "," said X / ", X said".
    func speakerAfter(_ tokens: [Token], _ start: Int, lex: LanguageLexicon, context: Context, quoteStart: Int) -> Attribution? {
        var k = start
        let n = tokens.count
        if k < n, tokens[k].text == "," { k += 1 }
        guard k < n, tokens[k].kind == .word, !tokens[k].newlineBefore else { return nil }
        // Collect the clause up to the next punctuation.
        var end = k
        while end < n, tokens[end].kind == .word, end - k < 8, !(end > k && tokens[end].newlineBefore) { end += 1 }
        let clause = Array(k..<end)
        guard !clause.isEmpty else { return nil }
        let hasVerb = clause.contains { lex.quoteVerbs.contains(tokens[$0].lower) }
        // Dutch/German inversion: the first word after the quote is the verb, listed or not.
        let inverted = !tokens[k].isCapitalized && (tokens[k].lower.count > 2)
        guard hasVerb || inverted && (start > 0 && tokens[start - 1].kind == .punct) else { return nil }
        guard hasVerb || clause.count <= 5 else { return nil }
        return resolve(clause, tokens, context: context, lex: lex, before: quoteStart, confidence: hasVerb ? 0.9 : 0.7)
    }

    /// "Poetin zei: ,,…”"
    func speakerBefore(_ tokens: [Token], _ quoteStart: Int, lex: LanguageLexicon, context: Context) -> Attribution? {
        guard quoteStart >= 2, tokens[quoteStart - 1].text == ":" else { return nil }
        var k = quoteStart - 2
        var clause: [Int] = []
        while k >= 0, tokens[k].kind == .word, clause.count < 10 {
            clause.insert(k, at: 0)
            if tokens[k].sentenceStart { break }
            k -= 1
        }
        guard clause.contains(where: { lex.quoteVerbs.contains(tokens[$0].lower) }) else { return nil }
        return resolve(clause, tokens, context: context, lex: lex, before: quoteStart, confidence: 0.85)
    }

    func resolve(_ clause: [Int], _ tokens: [Token], context: Context, lex: LanguageLexicon, before: Int, confidence: Double) -> Attribution? {
        let phrase = clause.map { tokens[$0].text }.joined(separator: " ")
        for k in clause {
            if let e = context.mentionAt[k] { return Attribution(entity: e, phrase: phrase, confidence: confidence) }
        }
        for k in clause {
            if let e = context.titles[tokens[k].lower] { return Attribution(entity: e, phrase: phrase, confidence: confidence - 0.1) }
        }
        if clause.contains(where: { lex.pronouns.contains(tokens[$0].lower) }) {
            if let last = context.personMentions.last(where: { $0.token < before }) {
                return Attribution(entity: last.entity, phrase: phrase, confidence: confidence - 0.2)
            }
        }
        return nil
    }
}
