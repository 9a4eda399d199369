/// Part of `EntityRecognizer` (EntityRecognizer.swift): the type a name chunk gets from its words, cues and titles.
extension EntityRecognizer {
    func titleBefore(_ tokens: [Token], _ start: Int, lex: LanguageLexicon) -> Int32 {
        guard start >= 1 else { return -1 }
        let p = tokens[start - 1]
        if p.kind == .word, lex.has(p, LanguageLexicon.title) { return p.id }
        return -1
    }

    func typeChunk(_ doc: TokenizedText, start: Int, end: Int, gaz: GazetteerMatch?,
                   suffixes: AdjectiveEndings, articles: [UInt64] = [], afterArticle: UInt64 = ~0, cues: NameCues = .none,
                   lex: LanguageLexicon, words: borrowing DocumentWords) -> RawMention {
        let tokens = doc.tokens
        let first = tokens[start], last = tokens[end - 1]
        let count = end - start
        // "Tour", "EK", "Giro": the head of an event's name makes the name an event (an all-capital
        // "EK" or "WK" is no organisation).
        if cues.isEnabled, cues.isEventHead(first) {
            return RawMention(start: start, end: end, type: .miscellaneous, evidence: 0.8)
        }
        var hasOrgWord = false
        for k in start..<end where lex.has(tokens[k], LanguageLexicon.orgHead) { hasOrgWord = true }
        // Compounds on an organisation head ("Fahrgastverband Schiene Nord", "Trafikverket").
        if lex.compoundOrgHeads, !hasOrgWord {
            // A compound is a head of three letters or more on a listed head of four or more (the
            // listed heads themselves were found above): shorter words skip the suffix-trie walk.
            for k in start..<end where tokens[k].isCapitalized && tokens[k].length >= 7
                && lex.cueSuffixes(doc, k) & LanguageLexicon.orgHead != 0 {
                hasOrgWord = true
                break
            }
        }
        // "Procter & Gamble", "Park & Ride": names joined by an ampersand are companies or brands.
        if count >= 3, (start..<end).contains(where: { tokens[$0].exactHash == ampersandHash }) { hasOrgWord = true }
        if hasOrgWord || data.wordFlags(last.id) & WordFlag.orgSuffix != 0 {
            return RawMention(start: start, end: end, type: .organization, evidence: 0.8)
        }
        // A weak one-word gazetteer name that is a listed first name, before a listed family name
        // that is neither a word of the language nor a strong gazetteer name, starts a person
        // ("Lindsay Davenport": Lindsay is also a listed company; "Paul Newman": Paul, a town; not
        // "Clare Valley", "Haven Brussel").
        // Where measured (`NameCues.isEnabled`) the family name need not be listed: "Mark Jackson",
        // "Paul Ambach" (Mark, Paul: weak place names) are persons too.
        let weakFirstName = gaz.map { $0.priority > 1 && $0.end == start + 1 } ?? false
            && count >= 2 && data.wordFlags(first.exactID) & WordFlag.firstName != 0
            && (data.wordFlags(last.exactID) & WordFlag.familyName != 0 || cues.isEnabled)
            && gazetteerMatch(tokens, at: end - 1)?.priority != 1 && !isCommonWord(last, lex: lex, words: words)
        // A weak gazetteer name ("Plano", a Texas city) at the head of a longer name joined by a
        // connector ("Plano de Recuperação") does not type it; a town's name types only itself.
        if let g = gaz, !weakFirstName, g.priority == 1
            || !(g.end..<end).contains(where: { !tokens[$0].isCapitalized }) && (g.end == end || g.priority != GazetteerEntry.town) {
            return RawMention(start: start, end: end, type: g.type, evidence: 0.6)
        }
        if last.kind == .number {
            return RawMention(start: start, end: end, type: first.isAllCaps ? .organization : .miscellaneous, evidence: 0.5)
        }
        let firstFlags = data.wordFlags(first.exactID)
        // A first name the text also writes as a word ("the river ... River Severn"), or a name the
        // text writes after a definite article somewhere ("as River Severn bursts ... the River Severn
        // rose": articles go before places and things, not people), makes a person only with a listed family name
        // after it. (Frequency cannot tell: "daniel" and "river" are equally frequent in English,
        // name lists hold both.)
        let commonFirstName = count >= 2 && firstFlags & WordFlag.firstName != 0
            && data.wordFlags(last.exactID) & WordFlag.familyName == 0
            && (isEverydayWord(first, lex: lex, words: words)
                || afterArticle & (1 &<< (first.exactHash & 63)) != 0 && writtenAfterArticle(tokens, start, end: end, articles: articles))
        // "De Gucht", "Van den Stockt": a surname particle with a capital in mid-sentence (an article
        // or preposition there is lower case) before a word the language does not use.
        if count >= 2, cues.isEnabled, !first.sentenceStart, cues.particles.contains(first.lowerHash),
           last.isCapitalized, !isCommonWord(last, lex: lex, words: words) {
            return RawMention(start: start, end: end, type: .person, evidence: 0.7)
        }
        if count >= 2 && firstFlags & WordFlag.firstName != 0 && !first.isAllCaps && !commonFirstName {
            return RawMention(start: start, end: end, type: .person, evidence: 0.85)
        }
        if count == 1 {
            // "CVP-dossier", "VLD-voorzitter": a name glued to a common noun.
            if first.hasHyphen, doc.lastHyphenPartIsLower(start) {
                return RawMention(start: start, end: end, type: .miscellaneous, evidence: 0.5)
            }
            if first.isAllCaps && first.length <= 6 {
                return RawMention(start: start, end: end, type: .organization, evidence: 0.6)
            }
            if suffixes.endWord(doc, start) {
                return RawMention(start: start, end: end, type: .miscellaneous, evidence: 0.7)
            }
            // Alone, a listed name that is also a word of the language is that word: a family name
            // that is a frequent word ("Port", "Welsh": the Dutch list holds many everyday words of
            // other languages; frequent surnames such as "Dijkstra" stay below Zipf 4, as in
            // `isListedName`), a first name the text also writes in lower case or a stopword.
            // Nor is a lone name right after a definite article a person ("across the North"):
            // articles go before places and things, a person's name stands alone.
            // Where every noun is capitalised (German) the family-name list, which is Dutch, holds
            // plain nouns ("Schlangen", "Koch"): there a lone family name is a person beside a verb
            // of saying ("sagte Brunner"), or through what upgrades a mention later (a full name
            // elsewhere in the text, a title, a cue).
            // "in Wasserbillig", "naar Keulen": after a preposition of place a lone name is a place,
            // also one the name lists hold as a family name.
            let before = cues.isEnabled ? lowerWordBefore(tokens, start) : nil
            if let p = before, cues.locatives.contains(p) {
                return RawMention(start: start, end: end, type: .location, evidence: 0.5)
            }
            let isName = (firstFlags & WordFlag.firstName != 0 ? !isEverydayWord(first, lex: lex, words: words)
                : firstFlags & WordFlag.familyName != 0 && (!lex.capitalisesNouns || besideQuoteVerb(tokens, start, lex: lex))
                    && !isEverydayWord(first, lex: lex, words: words) && (lex.zipf(first) ?? 0) < 4)
                && !followsDefiniteArticle(tokens, start, articles: articles)
            if first.length >= 5, !isName, data.countryPrefixes.contains(doc.prefixHash(start, scalars: 4)) {
                return RawMention(start: start, end: end, type: .miscellaneous, evidence: 0.55)
            }
            if isName {
                return RawMention(start: start, end: end, type: .person, evidence: 0.55)
            }
            // "bij Belgacom", "met Kelme": one works at a company, plays with a team.
            if let p = before, cues.memberships.contains(p) {
                return RawMention(start: start, end: end, type: .organization, evidence: 0.5)
            }
            return RawMention(start: start, end: end, type: Self.defaultSingle, evidence: 0.35)
        }
        if count == 2, commonFirstName || lacksPersonEvidence(doc, start: start, end: end, lex: lex, words: words) {
            return RawMention(start: start, end: end, type: .miscellaneous, evidence: 0.35)
        }
        if data.wordFlags(last.exactID) & WordFlag.familyName != 0 {
            return RawMention(start: start, end: end, type: .person, evidence: 0.7)
        }
        return RawMention(start: start, end: end, type: count >= 3 ? .organization : .person, evidence: 0.35)
    }

    /// Whether the word right before or right after `i` is a verb of saying ("sagte Brunner",
    /// "Brunner sagte"): who speaks is a person (or an organisation, which a name list does not hold).
    func besideQuoteVerb(_ tokens: [Token], _ i: Int, lex: LanguageLexicon) -> Bool {
        (i >= 1 && tokens[i - 1].kind == .word && lex.has(tokens[i - 1], LanguageLexicon.quoteVerb))
            || (i + 1 < tokens.count && tokens[i + 1].kind == .word && lex.has(tokens[i + 1], LanguageLexicon.quoteVerb))
    }
}
