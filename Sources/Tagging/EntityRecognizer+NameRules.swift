/// Rules that decide whether a capitalised run is a person, and where a name starts and ends, from
/// evidence every language has: listed first and family names, the language's common words, the
/// gazetteer, and the mentions around it. Kept apart from `recognize` so each rule reads on its own.
extension EntityRecognizer {
    /// Words that coordinate names in a list ("Prag, Vilnius und Ljubljana", "Alcântara e Benfica",
    /// "Wieliczka czy Skawina"): "and" and "or" in the languages with a lexicon or a name list.
    /// Only where the language lists the word as a name connector: "en" is "and" in Dutch, "in" in
    /// Spanish ("Comparte en Facebook").
    static let coordinators: [UInt64] = ["en", "and", "und", "et", "y", "e", "och", "i"].map(ByteHash.hash)
    static let comma = ByteHash.hash(",")

    /// Whether `tokens[start..<end]` has no evidence of a person: no word is a listed first name,
    /// the last word is no listed family name (or is one the language also uses as a common word),
    /// and some word is a common word of the language. Two capitalised common nouns joined
    /// ("Área Metropolitana", "Acción Climática", "Met Office") name a place, body or thing; an
    /// unknown foreign name ("Priya Raman") has no common word and stays a person.
    func lacksPersonEvidence(_ doc: TokenizedText, start: Int, end: Int, lex: LanguageLexicon,
                             words: borrowing DocumentWords) -> Bool {
        let tokens = doc.tokens
        var anyCommon = false
        for k in start..<end {
            let t = tokens[k]
            guard t.kind == .word else { continue }
            // A person's name starts with its first name: one that only ends the run after a
            // common word, and is a common word of the language itself ("Sasso Marconi", a town:
            // "sasso" and "marconi" are Italian words, Marconi is listed as a first name too), is no
            // evidence. Not after a particle: surnames start with one ("De Bruyne", "Van Dam").
            if data.wordFlags(t.exactID) & WordFlag.firstName != 0,
               k < end - 1 || k == start || !isCommonWord(t, lex: lex, words: words)
                || !isCommonWord(tokens[start], lex: lex, words: words)
                || lex.has(tokens[start], LanguageLexicon.stopword | LanguageLexicon.connector) { return false }
            // Languages that glue nouns write compound common nouns the background list does not
            // hold ("Bouwcombinatie Rijnenburg"): those are common words too (asked last, it is rare).
            if isCommonWord(t, lex: lex, words: words)
                || k == start && lex.compoundOrgHeads && GermanCompounds.isCompoundNoun(doc, k, vocabulary: data.vocabulary, lex: lex, tables: compounds) {
                anyCommon = true
            }
        }
        let last = tokens[end - 1]
        if data.wordFlags(last.exactID) & WordFlag.familyName != 0, !isCommonWord(last, lex: lex, words: words) { return false }
        return anyCommon
    }

    /// Where a person's name starts inside the run `tokens[i..<end]` after leading common words:
    /// "assessore al Turismo Paolo Ferretti", "die Berliner Autorin Johanna Seidel". The words before
    /// the first name are a role or department, not part of the name. Returns `i` when the run has no
    /// such split (its first word is a name, or a non-common word precedes the first name).
    func personStart(_ doc: TokenizedText, _ i: Int, end: Int, lex: LanguageLexicon, words: borrowing DocumentWords) -> Int {
        guard end - i >= 3 else { return i }
        let tokens = doc.tokens
        // The first listed first name after the run's first word (name flags only: most runs have none).
        var first = -1
        for k in (i + 1)..<(end - 1) where data.wordFlags(tokens[k].exactID) & WordFlag.firstName != 0 {
            first = k
            break
        }
        guard first > i, data.wordFlags(tokens[i].exactID) & WordFlag.firstName == 0 else { return i }
        // The rest must read as a person: it ends in a word the language does not use ("Ferretti"),
        // or in a listed family name ("Harbor Lane Capital" stays whole).
        let last = tokens[end - 1]
        guard !isCommonWord(last, lex: lex, words: words) || data.wordFlags(last.exactID) & WordFlag.familyName != 0 else { return i }
        for k in i..<first {
            let t = tokens[k]
            guard t.kind == .word, t.isCapitalized || lex.has(t, LanguageLexicon.connector) else { return i }
            guard t.isCapitalized else { continue }
            let common = isCommonWord(t, lex: lex, words: words)
            if data.wordFlags(t.exactID) & WordFlag.familyName != 0, !common { return i }
            if !common, !isPlaceAdjective(doc, k, lex: lex) { return i }
        }
        return first
    }

    /// Whether the run `tokens[i..<j]` so far is a complete person name (a listed first name, then a
    /// capitalised word that is no first name): a connector after it starts the organisation or
    /// place the person belongs to ("Josef Hintermaier von der Innung ...", "Leo Pardon van de NMBS"),
    /// unless the word after the connectors is a family name ("Lula da Silva").
    func completesPersonName(_ tokens: [Token], _ i: Int, end: Int, next: Token) -> Bool {
        guard end - i >= 2, data.wordFlags(tokens[i].exactID) & WordFlag.firstName != 0 else { return false }
        let last = tokens[end - 1]
        guard last.isCapitalized, data.wordFlags(last.exactID) & WordFlag.firstName == 0 else { return false }
        return data.wordFlags(next.exactID) & (WordFlag.firstName | WordFlag.familyName) == 0
    }

    /// German place adjectives: a gazetteer place + "er" ("Leipziger", "Berliner", "Kölner").
    /// Before a noun they make a name ("Leipziger Buchmesse"), where two common nouns would not.
    func isPlaceAdjective(_ doc: TokenizedText, _ i: Int, lex: LanguageLexicon) -> Bool {
        guard lex.capitalisesNouns else { return false }
        let t = doc.tokens[i]
        guard t.kind == .word, t.isCapitalized, !t.isAllCaps, t.length >= 6, doc.lowerHasSuffix(i, Self.placeAdjectiveEnding) else { return false }
        let h = doc.bytes.withUnsafeBufferPointer { b in
            ByteHash.hash(UnsafeBufferPointer(rebasing: b[t.start..<(t.end - 2)]))
        }
        guard let id = data.vocabulary.find(hash: h) else { return false }
        let node = data.gazetteerStart(id)
        guard node >= 0 else { return false }
        let e = data.gazetteerEntryAt[Int(node)]
        return e >= 0 && data.gazetteerEntries[Int(e)].type == .location
    }
    static let placeAdjectiveEnding: [UInt8] = Array("er".utf8)

    /// A lone word that is the last word of a person named in full earlier in the document
    /// ("Annalena Baerbock ... Baerbock sagte"): coreference will make it that person, so the rules
    /// that drop common-looking words (sentence start, German nouns) keep it.
    @inline(__always)
    func surnameSeen(_ mentions: [RawMention], _ tokens: [Token], _ i: Int, end: Int, tails: inout PersonTails) -> Bool {
        guard end - i == 1 else { return false }
        // Asked for most dropped words (every German noun): a 64-bit filter of the persons' last
        // words (`PersonTails`) answers most.
        let h = tokens[i].exactHash
        guard tails.mask & (1 &<< (h & 63)) != 0 else { return false }
        return mentions.contains { $0.type == .person && $0.end - $0.start >= 2 && tokens[$0.end - 1].exactHash == h }
    }

    /// See `surnameSeen`: a bit per last word of the persons named in full so far, noted as each
    /// mention that can be one is added (a gazetteer name or a typed chunk).
    ///
    /// Why noted, not scanned: brought up to date from the mentions added since the last question,
    /// the scan's loop ran a varying number of times and branched on each mention's type and
    /// length (~45 mispredicted per corpus article); noting costs a few instructions per mention.
    struct PersonTails {
        var mask: UInt64 = 0

        /// Sets the bit of `m`'s last word when `m` is a person of two words or more, with no branch
        /// on whether (every mention ends after its start, so `m.end - 1` is a token).
        @inline(__always)
        mutating func note(_ m: RawMention, _ tokens: [Token]) {
            let full = Candidates.mask(m.type == .person) & Candidates.mask(m.end - m.start >= 2)
            mask |= 1 &<< (tokens[m.end - 1].exactHash & 63) & UInt64(full)
        }
    }

    /// A lone word that glues a listed organisation head onto a name ("Västtrafik", "Trafikverket")
    /// and is no common word: a name even at a sentence start, where unknown words are dropped.
    @inline(__always)
    func isGluedOrganisation(_ doc: TokenizedText, _ i: Int, end: Int, lex: LanguageLexicon, words: borrowing DocumentWords) -> Bool {
        guard end - i == 1, lex.compoundOrgHeads, !lex.capitalisesNouns else { return false }
        let t = doc.tokens[i]
        return !t.isAllCaps && t.length >= 7 && lex.cueSuffixes(doc, i) & LanguageLexicon.orgHead != 0 && !lex.has(t, LanguageLexicon.orgHead)
            && !isCommonWord(t, lex: lex, words: words)
    }

    /// Definite articles (a closed class, like the connectors) of the languages with full lexicons.
    /// Words that are also prepositions are left out: Portuguese "a"/"o" ("disse a Teresa"); "la"
    /// is a pronoun too, but then before a verb, which is not capitalised. Dutch has none here: "de" is also a surname particle ("zei de
    /// Jong"), and with "het" alone person recall on ned.testa fell (2 persons).
    static let definiteArticleWords: [String: [String]] = [
        "en": ["the"],
        "de": ["der", "die", "das", "den", "dem", "des"],
        "fr": ["le", "la", "les"],
        "es": ["el", "la", "los", "las"],
        "it": ["il", "lo", "la", "gli"],
        "pt": ["os", "as"],
    ]

    /// Whether the word right before `start` (same line) is one of `articles`.
    func followsDefiniteArticle(_ tokens: [Token], _ start: Int, articles: [UInt64]) -> Bool {
        guard start >= 1, !articles.isEmpty, !tokens[start].newlineBefore else { return false }
        let p = tokens[start - 1]
        return p.kind == .word && articles.contains(p.lowerHash)
    }

    /// A 64-bit filter of the capitalised words the document writes right after a definite article
    /// (bit `exactHash & 63`), from the mention starts: `writtenAfterArticle` scans the whole text
    /// only for a word whose bit is set (a scan per person name cost ~2 % of the tagger's instructions).
    /// (The word before each start is first tested against a 64-bit filter of the articles' hashes:
    /// the list search for every start token was ~20 instructions, ~2 k per article.)
    func articleFollowerMask(_ tokens: [Token], starts: UnsafeBufferPointer<Int32>, articles: [UInt64]) -> UInt64 {
        guard !articles.isEmpty else { return 0 }
        let articleBits = articles.reduce(UInt64(0)) { $0 | 1 &<< ($1 & 63) }
        var mask: UInt64 = 0
        tokens.withUnsafeBufferPointer { tb in
            for s in starts {
                let k = Int(s)
                guard k >= 1, k < tb.count, articleBits &>> (tb[k - 1].lowerHash & 63) & 1 != 0 else { continue }
                if followsDefiniteArticle(tokens, k, articles: articles) { mask |= 1 &<< (tb[k].exactHash & 63) }
            }
        }
        return mask
    }

    /// Whether the document writes the name `tokens[start..<end]` right after a definite article
    /// somewhere, as the whole name: "the River Severn rose", not "the Daniel Okafor Trust" (a longer
    /// name that holds it). A scan of the tokens, asked only for a first name before a word that is
    /// no family name (a few runs per document).
    func writtenAfterArticle(_ tokens: [Token], _ start: Int, end: Int, articles: [UInt64]) -> Bool {
        let n = end - start
        guard !articles.isEmpty, n >= 1, tokens.count > n else { return false }
        let hash = tokens[start].exactHash
        var k = 1
        while k + n <= tokens.count {
            defer { k += 1 }
            guard tokens[k].exactHash == hash, followsDefiniteArticle(tokens, k, articles: articles) else { continue }
            guard (1..<n).allSatisfy({ tokens[k + $0].exactHash == tokens[start + $0].exactHash }) else { continue }
            if k + n == tokens.count || !(tokens[k + n].kind == .word && tokens[k + n].isCapitalized) { return true }
        }
        return false
    }

    /// "Park & Ride", "Procter & Gamble": an ampersand between capitalised words joins one name.
    static let ampersand = ByteHash.hash("&")

    /// Lone names of unknown type take the type of the name they are listed with: "mellan Göteborg,
    /// Alingsås och Kungsbacka", "Alcântara e Benfica". Only default-typed single words change (no
    /// list, cue or gazetteer spoke for them), and only from a place or organisation that one did.
    func propagateThroughLists(_ mentions: inout [RawMention], _ tokens: [Token], lex: LanguageLexicon) {
        let n = mentions.count
        guard n >= 2 else { return }
        mentions.withUnsafeMutableBufferPointer { ms in
            func weak(_ m: RawMention) -> Bool {
                m.evidence <= 0.35 && m.end - m.start == 1 && m.type == Self.defaultSingle && !m.hasCanonical
            }
            func typed(_ m: RawMention) -> Bool {
                m.evidence >= 0.6 && (m.type == .location || m.type == .organization)
            }
            func linked(_ a: RawMention, _ b: RawMention) -> Bool {
                guard b.start == a.end + 1 else { return false }
                let link = tokens[a.end]
                guard !link.newlineBefore, !tokens[b.start].newlineBefore else { return false }
                return link.exactHash == Self.comma
                    || link.kind == .word && lex.has(link, LanguageLexicon.connector) && Self.coordinators.contains(link.lowerHash)
            }
            // The mentions of the lowest evidence (weak ones have it) are listed first, without a branch
            // per mention (the test was as unpredictable as the text: ~30 mispredicted per corpus
            // article), then the rest of the rule asked of them in order. A step changes only the
            // mention it visits, which no later step of the same pass asks to be weak, so the list made
            // before each pass is the one the filter would have given.
            withUnsafeTemporaryAllocation(of: Int32.self, capacity: n) { listBuffer in
                guard let list = listBuffer.baseAddress else { return }
                var listed = Candidates.collect(1..<n, into: list) { ms[$0].evidence <= 0.35 }
                for l in 0..<listed {
                    let k = Int(list[l])
                    guard weak(ms[k]), typed(ms[k - 1]), linked(ms[k - 1], ms[k]) else { continue }
                    ms[k].type = ms[k - 1].type
                    ms[k].evidence = 0.6
                }
                listed = Candidates.collect(stride(from: n - 2, through: 0, by: -1), into: list) { ms[$0].evidence <= 0.35 }
                for l in 0..<listed {
                    let k = Int(list[l])
                    guard weak(ms[k]), typed(ms[k + 1]), linked(ms[k], ms[k + 1]) else { continue }
                    ms[k].type = ms[k + 1].type
                    ms[k].evidence = 0.6
                }
            }
        }
    }
}
