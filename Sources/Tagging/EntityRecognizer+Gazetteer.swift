/// Part of `EntityRecognizer` (EntityRecognizer.swift): where the gazetteer names a run of tokens —
/// the longest alias, a dateline written in capitals, a place abbreviation in parentheses.
extension EntityRecognizer {
    /// Longest gazetteer alias starting at token `i`, walking the alias trie token by token.
    /// Inlined up to the first test: most tokens start no alias, and the call that answered nil
    /// for them cost ~15 instructions of entry and exit, ~120 times per article.
    @inline(__always)
    func gazetteerMatch(_ tokens: [Token], at i: Int) -> GazetteerMatch? {
        let root = data.gazetteerStart(tokens[i].exactID)
        guard root >= 0 else { return nil }
        return gazetteerMatch(tokens, at: i, root: root)
    }

    /// `gazetteerMatch` from the trie node of token `i`'s alias start (`root`, not negative).
    func gazetteerMatch(_ tokens: [Token], at i: Int, root: Int32) -> GazetteerMatch? {
        var bestEnd = -1
        var bestEntry: Int32 = -1
        var node = root
        var j = i
        while true {
            if j > i {
                let id = tokens[j].exactID
                guard id >= 0, let next = data.gazetteerTrie.get(UInt64(node) << 32 | UInt64(UInt32(id))) else { break }
                node = next
            }
            let e = data.gazetteerEntryAt[Int(node)]
            if e >= 0 {
                bestEnd = j + 1
                bestEntry = e
            }
            j += 1
            if j >= tokens.count || j - i >= data.maxAliasTokens || tokens[j].newlineBefore { break }
        }
        guard bestEntry >= 0 else { return nil }
        let entry = data.gazetteerEntries[Int(bestEntry)]
        return GazetteerMatch(end: bestEnd, entry: bestEntry, type: entry.type, priority: Int(entry.priority))
    }

    /// The place of a news dateline, written in capitals at the start of a line or sentence before a
    /// comma or a parenthesis ("GDANSK, Poland, March 14 (Baltic Wire) -", "LONDON (Reuters) -"): the gazetteer
    /// knows it in title case. Only places: a capitalised acronym there is an organisation.
    func datelinePlace(_ doc: TokenizedText, _ i: Int) -> GazetteerMatch? {
        let tokens = doc.tokens
        let t = tokens[i]
        guard t.length >= 4, i == 0 || t.newlineBefore || t.sentenceStart, i + 1 < tokens.count, tokens[i + 1].kind == .punct,
              !tokens[i + 1].newlineBefore, Self.datelineClosers.contains(tokens[i + 1].exactHash) else { return nil }
        var title = Array(doc.lower[t.lowerStart..<t.lowerEnd])
        guard let f = title.first, f >= 0x61, f <= 0x7A else { return nil }
        title[0] = f - 0x20
        guard let id = data.vocabulary.find(hash: ByteHash.hash(title)) else { return nil }
        let node = data.gazetteerStart(id)
        guard node >= 0 else { return nil }
        let e = data.gazetteerEntryAt[Int(node)]
        guard e >= 0 else { return nil }
        let entry = data.gazetteerEntries[Int(e)]
        guard entry.type == .location else { return nil }
        return GazetteerMatch(end: i + 1, entry: e, type: entry.type, priority: Int(entry.priority))
    }
    static let datelineClosers: [UInt64] = [",", "("].map(ByteHash.hash)

    /// "Finot (Fra)", "(Dui/Tel)": a three-letter abbreviation of a place name in parentheses. In
    /// capitals only after a name ("Finot (FRA)"): after a common noun it abbreviates that noun
    /// ("twenty-foot equivalent units (TEU)").
    func isPlaceAbbreviation(_ doc: TokenizedText, _ i: Int) -> Bool {
        let tokens = doc.tokens
        guard tokens[i].length == 3, i >= 1, i + 1 < tokens.count, tokens[i - 1].exactHash == Self.openParen,
              tokens[i + 1].kind == .punct, Self.abbreviationClosers.contains(tokens[i + 1].exactHash),
              !tokens[i].isAllCaps || i >= 2 && tokens[i - 2].isCapitalized else { return false }
        return data.placeAbbreviations.contains(doc.lowerPrefixHash(i, scalars: 3))
    }
    /// "gross domestic product (GDP)", "twenty-foot equivalent units (TEU)": capitals in parentheses
    /// right after a lower-case word abbreviate a term, not a name. After an organisation head they
    /// name the organisation ("the opposition party (CDU)"); on a line of their own they are a
    /// byline's initials ("(GSC)").
    func abbreviatesCommonNoun(_ doc: TokenizedText, _ i: Int, lex: LanguageLexicon) -> Bool {
        let tokens = doc.tokens
        guard tokens[i].isAllCaps, i >= 2, i + 1 < tokens.count, tokens[i - 1].exactHash == Self.openParen,
              !tokens[i - 1].newlineBefore, tokens[i + 1].exactHash == Self.closeParen else { return false }
        let before = tokens[i - 2]
        return before.kind == .word && !before.isCapitalized && !lex.has(before, LanguageLexicon.orgHead)
    }
    static let openParen = ByteHash.hash("(")
    static let closeParen = ByteHash.hash(")")
    static let abbreviationClosers: [UInt64] = [")", "/", ",", "-"].map(ByteHash.hash)
}
