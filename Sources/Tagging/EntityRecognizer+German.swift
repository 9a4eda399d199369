/// German capitalises every noun, so there a capitalised chunk is more often a noun than a name:
/// the rules that tell them apart, in one place (`recognize` asks `startsWithGermanNoun` per chunk).
extension EntityRecognizer {
    /// Whether the chunk `tokens[i..<end]` of a German text starts with a word that is no name. Its
    /// first word then goes, and the rest is judged from the next one:
    /// - a title compound before a first name ("Bahnsprecherin", "Messedirektor": German glues
    ///   titles to nouns);
    /// - a capitalised pronoun alone ("Sie", "Ihre": formal function words);
    /// - a common noun alone ("Monate", "Kosten", "Strecke"), unless a list, a title or a cue makes
    ///   it a name. The family-name list is Dutch and holds German nouns ("Stadt", "Buch", "Ort"): it
    ///   counts only for words the language itself rarely writes (`isListedName`);
    /// - a run of common nouns ("Kilometer Gleise", "Angaben der Veranstalter").
    func startsWithGermanNoun(_ doc: TokenizedText, _ i: Int, end: Int, gaz: GazetteerMatch?, lex: LanguageLexicon,
                              words: borrowing DocumentWords) -> Bool {
        let tokens = doc.tokens
        let t = tokens[i]
        if end - i >= 2, data.wordFlags(tokens[i + 1].exactID) & WordFlag.firstName != 0,
           lex.cueSuffixes(doc, i) & LanguageLexicon.title != 0 {
            return true
        }
        guard !t.isAllCaps else { return false }
        if end - i == 1 {
            if lex.has(t, LanguageLexicon.stopword) { return true }
            // "Fern- und Regionalverkehr": the first half of a compound whose tail the conjunction shares.
            if i + 2 < tokens.count, tokens[i + 1].kind == .punct, tokens[i + 1].exactHash == hyphenHash,
               tokens[i + 2].kind == .word, conjunctionHashes.contains(tokens[i + 2].lowerHash) {
                return true
            }
            // A listed name that is a common word is that word after a determiner or a number ("ihren
            // Roman", "die Jury", "170 Bussen"): a name needs neither.
            if i >= 1, !t.newlineBefore, tokens[i - 1].kind == .number || tokens[i - 1].kind == .word
                && determiners.contains(tokens[i - 1].lowerHash), isCommonWord(t, lex: lex, words: words) {
                return true
            }
            return !isListedName(t, lex: lex) && isCommonNoun(doc, i, lex: lex, words: words)
                && titleBefore(tokens, i, lex: lex) < 0 && cueBefore(doc, i, lex: lex) == nil
        }
        // "Leipziger Buchmesse" is a name; "eines Hamburger Jugendbuchverlags" describes one: after
        // an indefinite article a place adjective is only an adjective.
        guard gaz == nil, !isPlaceAdjective(doc, i, lex: lex) || followsIndefiniteArticle(tokens, i) else { return false }
        // A noun before a connector heads a noun phrase, not a name ("Zuschüssen des Bundes",
        // "Installateur für Ihre Wärmepumpe"): a common noun, or an inflected form the frequency list
        // does not hold, that is no listed name. An organisation head or a compound on one keeps
        // the run ("Börsenverein des Deutschen Buchhandels", "Ministerium für Wirtschaft").
        if tokens[i + 1].kind == .word, !tokens[i + 1].isCapitalized, !isListedName(t, lex: lex),
           lex.cueSuffixes(doc, i) & LanguageLexicon.orgHead == 0, !lex.has(t, LanguageLexicon.orgHead),
           lex.zipf(t) == nil || isCommonNoun(doc, i, lex: lex, words: words),
           titleBefore(tokens, i, lex: lex) < 0, cueBefore(doc, i, lex: lex) == nil {
            return true
        }
        return !(i..<end).contains(where: { k in
            let w = tokens[k]
            return w.isCapitalized && (isListedName(w, lex: lex) || !isCommonNoun(doc, k, lex: lex, words: words))
                || lex.has(w, LanguageLexicon.orgHead)
        }) && titleBefore(tokens, i, lex: lex) < 0 && cueBefore(doc, i, lex: lex) == nil
    }

    static let hyphen = ByteHash.hash("-")

    /// German articles, possessives and demonstratives (a closed class): words that put a noun after
    /// them. Byte hashes of the lower-case forms in a hash table: a look-up is a probe or two, where
    /// scanning the 55 words before every lone German noun was ~1.7 k instructions per corpus article.
    static let germanDeterminers = hashSet([
        "der", "die", "das", "den", "dem", "des", "ein", "eine", "einer", "eines", "einem", "einen",
        "kein", "keine", "keiner", "keines", "keinem", "keinen", "mein", "meine", "meinen", "meinem", "meiner",
        "dein", "deine", "sein", "seine", "seinen", "seinem", "seiner", "seines", "ihr", "ihre", "ihren", "ihrem",
        "ihrer", "ihres", "unser", "unsere", "unseren", "unserem", "unserer", "euer", "eure", "dieser", "diese",
        "dieses", "diesen", "diesem", "jeder", "jede", "jedes", "jeden", "jedem",
    ])

    /// German indefinite articles (a closed class): "ein", "eine", "einer", "eines", "einem", "einen".
    static let indefiniteArticles: [UInt64] = ["ein", "eine", "einer", "eines", "einem", "einen"].map(ByteHash.hash)

    func followsIndefiniteArticle(_ tokens: [Token], _ i: Int) -> Bool {
        i >= 1 && tokens[i - 1].kind == .word && indefiniteArticleHashes.contains(tokens[i - 1].lowerHash)
    }

    /// A first name, or a family name the language does not also use as a common word (zipf < 4).
    func isListedName(_ t: Token, lex: LanguageLexicon) -> Bool {
        let flags = data.wordFlags(t.exactID)
        if flags & WordFlag.firstName != 0 { return true }
        return flags & WordFlag.familyName != 0 && (lex.zipf(t) ?? 0) < 4
    }

    /// A common word, or in German a compound common noun (`GermanCompounds`) that does not end in
    /// an organisation head ("Fahrgastverband", "Commerzbank" stay).
    func isCommonNoun(_ doc: TokenizedText, _ i: Int, lex: LanguageLexicon, words: borrowing DocumentWords) -> Bool {
        let t = doc.tokens[i]
        if isCommonWord(t, lex: lex, words: words) { return true }
        return lex.capitalisesNouns && GermanCompounds.isCompoundNoun(doc, i, vocabulary: data.vocabulary, lex: lex, tables: compounds)
            && lex.cueSuffixes(doc, i) & LanguageLexicon.orgHead == 0
    }
}

extension EntityRecognizer {
    /// The byte hashes of `words` as a set.
    static func hashSet(_ words: [String]) -> IntMap {
        var set = IntMap(capacity: words.count)
        for w in words { set.insert(ByteHash.hash(w)) }
        return set
    }
}
