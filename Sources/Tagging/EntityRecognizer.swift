/// One recognised mention, in token indices, before mentions are grouped into entities.
/// Holds no Strings (a trivial value: copying it costs no reference counting); the canonical name is
/// a gazetteer entry or a token span, turned into a String only for the entity that keeps it.
struct RawMention: Sendable {
    var start: Int
    var end: Int
    var type: EntityType
    var evidence: Double
    /// Vocabulary id of the lower-cased title word right before the mention ("president"), used to
    /// resolve "de president" in quote attributions; -1 when there is none.
    var title: Int32 = -1
    /// Where the canonical name comes from: `Canonical.none`, `Canonical.span` (the tokens
    /// `canonicalStart..<canonicalEnd`, a full name this mention abbreviates) or a gazetteer entry index.
    var canonical: Int32 = Canonical.none
    var canonicalStart: Int32 = 0
    var canonicalEnd: Int32 = 0
    /// Byte hash (`ByteHash`) of the canonical name when there is one (grouping keys on it without building it).
    var canonicalHash: UInt64 = 0

    enum Canonical {
        static let none: Int32 = -1
        static let span: Int32 = -2
    }

    var hasCanonical: Bool { canonical != Canonical.none }
}

/// The longest gazetteer alias at a token: where it ends and what its entry says (no Strings).
struct GazetteerMatch: Sendable {
    var end: Int
    var entry: Int32
    var type: EntityType
    var priority: Int
}

/// Finds names: gazetteer matches first, then capitalised chunks typed by rules, then per-document
/// coreference (a surname alone joins the full name seen elsewhere in the document).
struct EntityRecognizer: Sendable {
    let data: TaggerData
    /// Per language with adjective endings or definite articles (`adjectiveSuffixWords`,
    /// `definiteArticleWords`): the endings as lower-case bytes with their length in scalars, the
    /// articles as byte hashes of the lower-case word. Found by a scan for the code's bytes
    /// (`languageKey`): two String-keyed dictionary look-ups hashed the code, ~770 instructions per article.
    let languageRules: [(key: UInt64, suffixes: AdjectiveEndings, articles: [UInt64], cues: NameCues)]
    /// `ampersand`, `hyphen`, `conjunctions`, `germanDeterminers` and `indefiniteArticles`, copied
    /// here once: read as static lets in the per-chunk rules, each read was a call to check their
    /// one-time initialisation (~60 per article).
    let ampersandHash: UInt64, hyphenHash: UInt64
    let conjunctionHashes: [UInt64], determiners: IntMap, indefiniteArticleHashes: [UInt64]
    /// `GermanCompounds.Tables.standard`, for the same reason.
    let compounds: GermanCompounds.Tables

    init(data: TaggerData) {
        self.data = data
        ampersandHash = Self.ampersand
        hyphenHash = Self.hyphen
        conjunctionHashes = Self.conjunctions
        determiners = Self.germanDeterminers
        indefiniteArticleHashes = Self.indefiniteArticles
        compounds = .standard
        let codes = Set(Self.adjectiveSuffixWords.keys).union(Self.definiteArticleWords.keys).union(Self.nameCueWords.keys).sorted()
        languageRules = codes.compactMap { code in
            guard let key = Self.languageKey(code) else { return nil }
            return (key, AdjectiveEndings(Self.adjectiveSuffixWords[code] ?? []), (Self.definiteArticleWords[code] ?? []).map(ByteHash.hash),
                    Self.nameCues(code))
        }
    }

    /// A language code's bytes packed into an integer (with its length, so no two codes share one);
    /// nil past 7 bytes, which no listed code has.
    static func languageKey(_ code: String) -> UInt64? {
        var key: UInt64 = 0, count: UInt64 = 0
        for b in code.utf8 {
            guard count < 7 else { return nil }
            key = key << 8 | UInt64(b)
            count += 1
        }
        return key << 8 | count
    }

    /// The endings, articles and name cues for `language` (none for a language without rules).
    func rules(_ language: String) -> (suffixes: AdjectiveEndings, articles: [UInt64], cues: NameCues) {
        guard let key = Self.languageKey(language), let r = languageRules.first(where: { $0.key == key }) else {
            return (AdjectiveEndings.none, [], NameCues.none)
        }
        return (r.suffixes, r.articles, r.cues)
    }

    /// Type of an unknown lone capitalised word. MISC, ORG and PER scored within 0.002 typed F1 on
    /// ned.train; MISC keeps person and organisation precision highest.
    static let defaultSingle: EntityType = .miscellaneous

    static let adjectiveSuffixWords: [String: [String]] = [
        "nl": ["ische", "isch", "se", "sche"],
        "en": ["ian", "ish", "ese", "ean"],
        "de": ["isch", "ische", "ischen", "ischer", "isches", "ischem"],
        "fr": ["aise", "aises", "ienne", "iennes", "oise", "oises", "ain", "aine"],
        "es": ["ano", "ana", "eño", "eña", "ense", "és", "esa"],
        "it": ["ano", "ana", "ese", "esi"],
    ]

    /// - Parameter starts: the tokens a mention can start at (`TokenFacts.entityStarts`); collected here when nil.
    func recognize(_ doc: TokenizedText, language: String, lex: LanguageLexicon, scratch: Scratch? = nil,
                   starts given: UnsafeBufferPointer<Int32>? = nil) -> [RawMention] {
        guard let starts = given else {
            // Only capitalised words and lower-case compounds with a hyphen start a mention.
            let list = doc.tokens.withUnsafeBufferPointer { tb in
                Candidates.collect(tb.count) { k in
                    let t = tb[k]
                    return Candidates.bit(t.kind == .word) & (Candidates.bit(t.isCapitalized) | Candidates.bit(t.hasHyphen)) != 0
                }
            }
            return list.withUnsafeBufferPointer { recognize(doc, language: language, lex: lex, scratch: scratch, starts: $0) }
        }
        let tokens = doc.tokens
        let words = DocumentWords(tokens, starts: starts, lex: lex, scratch: scratch)
        let (suffixes, articles, cues) = rules(language)
        let cuesOn = cues.isEnabled
        let afterArticle = articleFollowerMask(tokens, starts: starts, articles: articles)
        var mentions: [RawMention] = []
        var i = 0
        let n = tokens.count
        // About one mention per start token: reserved once instead of regrown by appends.
        mentions.reserveCapacity(starts.count)
        var cursor = 0
        var tails = PersonTails()
        // Static lets read in the loop are copied out once: each read is a call to check their
        // one-time initialisation.
        let openParen = Self.openParen
        while i < n {
            guard let next = Candidates.next(starts, &cursor, from: i) else { break }
            i = next
            let t = tokens[i]
            if t.kind == .word, !t.isCapitalized, t.hasHyphen, doc.hasCapitalAfterHyphen(i) {
                // "dossier-Floralux", "oud-VLD-lid": compounds built on a name.
                mentions.append(RawMention(start: i, end: i + 1, type: .miscellaneous, evidence: 0.5))
                i += 1
                continue
            }
            guard t.kind == .word, t.isCapitalized else { i += 1; continue }
            // (Measured and rejected: deciding a lone sentence-initial word the sentence-start rule
            // drops here, before `chunkEnd` and the gazetteer and parenthesis rules, with the next
            // token telling that the chunk is one word: it fired ~13 times per 4 KB article and saved
            // 0.4 k instructions of 424 k, Tagger.tag 869.23 M -> 868.39 M over 2 048 calls.)
            let gaz = gazetteerMatch(tokens, at: i) ?? (t.isAllCaps ? datelinePlace(doc, i) : nil)
            // Both parenthesis rules need "(" right before: asked here first, as most starts are not
            // (two calls per start token were ~4 k instructions per 4 KB article).
            let afterParen = i >= 1 && tokens[i - 1].exactHash == openParen
            if afterParen, cuesOn, isBylineInitials(doc, i) {
                mentions.append(RawMention(start: i, end: i + 1, type: .person, evidence: 0.6))
                i += 1
                continue
            }
            if gaz == nil, afterParen, isPlaceAbbreviation(doc, i) {
                mentions.append(RawMention(start: i, end: i + 1, type: .location, evidence: 0.6))
                i += 1
                continue
            }
            if gaz == nil, afterParen, abbreviatesCommonNoun(doc, i, lex: lex) {
                i += 1
                continue
            }
            var end = chunkEnd(doc, from: i, lex: lex, yearEditions: cuesOn)
            // "IT-bedrijf Tectrade": a capitalised compound common noun does not open the name after it.
            if gaz == nil, end - i >= 2, t.hasHyphen, doc.lastHyphenPartIsLower(i) { end = i + 1 }
            // A strong gazetteer name at the start wins over a longer run of capitals ("Rusland Oekraïne"),
            // unless the run is an organisation ("Brussel Hoofdstedelijk Gewest" stays whole).
            // Nor when one common word completes a place name ("Europa Press", "Amsterdam Zuid"): a
            // word of the language that is no name of its own (no gazetteer entry, first name or date
            // word) is part of this name, which is then no longer the listed place. (Not after an
            // organisation: "Facebook Partager" is a share button and a verb.)
            var extendsListed = false
            let run = cuesOn && end - i >= 2 ? cueRun(doc, i, end: end, cues: cues, lex: lex, words: words) : .plain
            if let g = gaz, g.end < end, g.priority == 1, run != .yearEdition, run != .fullName,
               !(g.end..<end).contains(where: { lex.has(tokens[$0], LanguageLexicon.orgHead) }) {
                if end == g.end + 1, g.type == .location, completesListedName(tokens[g.end], lex: lex, words: words) {
                    extendsListed = true
                } else {
                    end = g.end
                }
            }
            if let g = gaz, g.end >= end {
                if t.sentenceStart, end - i == 1, lex.has(t, LanguageLexicon.stopword) || words.lowerSeen(t) {
                    i += 1
                    continue
                }
                // A minimal lexicon's few thousand frequent words include the country's own places
                // ("Kraków", "Lisboa"): there only a stopword or a lower-case use makes the name a word.
                if t.sentenceStart, g.priority > 1, end - i == 1, lex.sparseFeatures == nil, isCommonWord(t, lex: lex, words: words) {
                    i += 1
                    continue
                }
                if headsOrganisation(tokens, before: i, lex: lex) {
                    // "ministerie van Defensie": the head word makes the whole phrase one organisation.
                    mentions.append(RawMention(start: i - 2, end: g.end, type: .organization, evidence: 0.85))
                    i = g.end
                    continue
                }
                let listed = RawMention(start: i, end: g.end, type: g.type, evidence: g.priority == 1 ? 0.95 : 0.7,
                                        title: titleBefore(tokens, i, lex: lex), canonical: g.entry,
                                        canonicalHash: data.gazetteerEntries[Int(g.entry)].canonicalHash)
                tails.note(listed, tokens)
                mentions.append(listed)
                i = g.end
                continue
            }
            // A strong gazetteer name inside the run starts a new name ("Play Poetin" -> "Poetin").
            if gaz == nil, end - i >= 2, run != .eventHead, run != .fullName {
                for k in (i + 1)..<end where tokens[k].isCapitalized {
                    if let inner = gazetteerMatch(tokens, at: k), inner.priority == 1 { end = k; break }
                }
            }
            // A leading adjective is its own MISC mention ("Russische Krim-brug"), but not before the
            // head of an event's name ("Olympische Spelen", `NameCues`): that is one MISC name.
            if end - i >= 2, !lex.has(tokens[end - 1], LanguageLexicon.orgHead),
               suffixes.endWord(doc, i),
               data.wordFlags(t.exactID) & WordFlag.firstName == 0,
               !(cuesOn && isEventHead(tokens[end - 1], cues: cues)) {
                end = i + 1
            }
            // Leading common words before a first name are a role, not part of the name
            // ("Turismo Paolo Ferretti", "Berliner Autorin Johanna Seidel").
            if gaz == nil, end - i >= 3 {
                // (`personStart` needs three words: checked here, off the call for most runs.)
                let ps = personStart(doc, i, end: end, lex: lex, words: words)
                if ps > i {
                    i = ps
                    continue
                }
            }
            // Capitalised title words open a person name ("President Poetin") but are not part of it.
            if lex.has(t, LanguageLexicon.title), end - i >= 2 {
                i += 1
                continue
            }
            // Months and weekdays are dates, which the date extractor reports: alone they are no
            // name ("March", "Sonntag"), at the head of a run they are cut off ("Samstag Schlangen")
            // unless they are a first name before a surname ("August Strindberg").
            if gaz == nil, lex.has(t, LanguageLexicon.month | LanguageLexicon.weekday),
               end - i == 1 || data.wordFlags(t.exactID) & WordFlag.firstName == 0 {
                i += 1
                continue
            }
            if t.sentenceStart && !keepSentenceInitial(tokens, i, end: end, gaz: gaz, lex: lex, words: words)
                && !(end - i >= 2 && isPlaceAdjective(doc, i, lex: lex)) && !surnameSeen(mentions, tokens, i, end: end, tails: &tails)
                && !isGluedOrganisation(doc, i, end: end, lex: lex, words: words) && run != .eventHead && run != .yearEdition
                && !(cuesOn && end - i == 1 && t.length >= 6 && isNationalityAdjective(doc, i, end: end, suffixes: suffixes)) {
                i += 1
                continue
            }
            if lex.capitalisesNouns, startsWithGermanNoun(doc, i, end: end, gaz: gaz, lex: lex, words: words),
               !surnameSeen(mentions, tokens, i, end: end, tails: &tails) {
                i += 1
                continue
            }
            // "ministerie van Defensie": a lower-case organisation head before the chunk joins it.
            var start = i
            if headsOrganisation(tokens, before: i, lex: lex) {
                start = i - 2
            }
            // Never end a name on a connector ("van").
            while end > i + 1, !tokens[end - 1].isCapitalized, tokens[end - 1].kind != .number { end -= 1 }
            var m = extendsListed ? RawMention(start: start, end: end, type: .miscellaneous, evidence: 0.5)
                : typeChunk(doc, start: start, end: end, gaz: gaz, suffixes: suffixes, articles: articles,
                            afterArticle: afterArticle, cues: cues, lex: lex, words: words)
            if cuesOn, start == i, !extendsListed { retypeEdition(&m, doc, run: run) }
            m.title = titleBefore(tokens, start, lex: lex)
            if m.title >= 0, m.type != .organization, m.evidence < 0.9 {
                m.type = .person
                m.evidence = 0.9
            } else if cuesOn, m.evidence < 0.8, start == i, start >= 2, tokens[start - 1].lowerHash == Self.vanHash,
                      followsPortfolio(tokens, start, cues: cues) {
                m.type = .organization
                m.evidence = 0.8
            } else if m.evidence < 0.8, start == i, let cue = cueBefore(doc, start, lex: lex) {
                // "de luchtvaartmaatschappij Sabena", "oud-premier Dehaene": the noun before types the name.
                m.type = cue
                m.evidence = 0.8
            }
            tails.note(m, tokens)
            mentions.append(m)
            i = end
        }
        propagateThroughLists(&mentions, tokens, lex: lex)
        resolveCoreference(&mentions, doc, scratch: scratch)
        return mentions
    }

    /// Whether a lower-case organisation head and a connector right before `i` make the name after
    /// them part of one organisation ("ministerie van Defensie"); not across a conjunction, which
    /// coordinates two things ("the government and Apple", "de regering en Shell").
    func headsOrganisation(_ tokens: [Token], before i: Int, lex: LanguageLexicon) -> Bool {
        i >= 2 && lex.has(tokens[i - 1], LanguageLexicon.connector) && lex.has(tokens[i - 2], LanguageLexicon.orgHead)
            && tokens[i - 2].kind == .word && !tokens[i - 2].isCapitalized && !conjunctionHashes.contains(tokens[i - 1].lowerHash)
    }

    /// End (exclusive) of the run of capitalised words starting at `i`, allowing connectors between.
    /// - Parameter yearEditions: a year after a listed name joins it too ("Brussel 2000", `NameCues`).
    func chunkEnd(_ doc: TokenizedText, from i: Int, lex: LanguageLexicon, yearEditions: Bool = false) -> Int {
        let tokens = doc.tokens
        var end = i + 1
        var j = i + 1
        while j < tokens.count {
            let t = tokens[j]
            if t.newlineBefore || t.kind == .punct {
                // "Park & Ride": an ampersand between capitalised words joins them (checked only
                // where the run would end, off the per-word path).
                if !t.newlineBefore, t.exactHash == ampersandHash, end == j, j + 1 < tokens.count, tokens[j + 1].kind == .word,
                   tokens[j + 1].isCapitalized, !tokens[j + 1].newlineBefore {
                    j += 1
                    continue
                }
                break
            }
            if t.kind == .word && t.isCapitalized {
                end = j + 1
                j += 1
                continue
            }
            if t.kind == .number, end == j, j > i, tokens[j - 1].isCapitalized, t.length <= 4, !t.hasDot {
                // "Formule 1", "Radio 1", "Euro 2000": a one-word name takes a short number after it.
                if j == i + 1, !tokens[i].sentenceStart, gazetteerMatch(tokens, at: i) == nil || yearEditions && isYear(doc, j),
                   !lex.has(tokens[i], LanguageLexicon.month | LanguageLexicon.weekday) {
                    end = j + 1
                }
                break
            }
            // Up to three connectors may join ("Jan van der Berg"), only if a capital follows.
            var k = j
            while k < tokens.count, k - j < 3, tokens[k].kind == .word, !tokens[k].isCapitalized,
                  lex.has(tokens[k], LanguageLexicon.connector) {
                k += 1
            }
            // Nor when a month or weekday follows: "Leeds on Monday" is a place and a date.
            if k > j, k < tokens.count, tokens[k].kind == .word, tokens[k].isCapitalized, !tokens[k].newlineBefore,
               !tokens[k].isAllCaps, !lex.has(tokens[k], LanguageLexicon.month | LanguageLexicon.weekday),
               !(j..<k).contains(where: { conjunctionHashes.contains(tokens[$0].lowerHash) }) && !completesPersonName(tokens, i, end: end, next: tokens[k])
                || (i..<end).contains(where: { lex.has(tokens[$0], LanguageLexicon.orgHead) })
                || k == j + 1 && end - i <= 2 && runHasOrgHead(tokens, from: k, lex: lex)
                || k == j + 1 && conjunctionEndsTitle(tokens, i, end: end, next: k) {
                // "Leo Pardon van de NMBS", "Sabena en Swissair" are two names; "Ministerie van
                // Handel en Industrie" is one.
                j = k
                continue
            }
            break
        }
        return end
    }

    /// Whether the capitalised run starting at `k` (up to four words) holds an organisation head:
    /// "Shropshire Fire and Rescue Service" is one organisation, though its head comes last (asked
    /// after one conjunction and at most two words, so two full names in a row stay two).
    func runHasOrgHead(_ tokens: [Token], from k: Int, lex: LanguageLexicon) -> Bool {
        var m = k
        while m < tokens.count, m - k < 4, tokens[m].kind == .word, tokens[m].isCapitalized, m == k || !tokens[m].newlineBefore {
            if lex.has(tokens[m], LanguageLexicon.orgHead) { return true }
            m += 1
        }
        return false
    }

    /// Whether a conjunction at `end` joins the last word `next` of a title-like name: the run so far
    /// already joins capitalised words by a lower-case connector ("Plano de Recuperação e
    /// Resiliência", "Ministero delle Infrastrutture e dei Trasporti"), and `next` ends the run and
    /// starts no name of its own (no listed first name, no gazetteer entry): a list of names
    /// ("Leo Pardon van de NMBS en Sabena") has a name after the conjunction.
    func conjunctionEndsTitle(_ tokens: [Token], _ i: Int, end: Int, next k: Int) -> Bool {
        guard end - i >= 3, (i + 1..<end).contains(where: { tokens[$0].kind == .word && !tokens[$0].isCapitalized }) else { return false }
        if k + 1 < tokens.count, tokens[k + 1].kind == .word, tokens[k + 1].isCapitalized || tokens[k + 1].length <= 3 && !tokens[k + 1].newlineBefore {
            return false
        }
        return data.wordFlags(tokens[k].exactID) & (WordFlag.firstName | WordFlag.familyName) == 0 && gazetteerMatch(tokens, at: k) == nil
    }

    /// See `recognize`: a capitalised common word after a strong gazetteer name that belongs to it.
    func completesListedName(_ t: Token, lex: LanguageLexicon, words: borrowing DocumentWords) -> Bool {
        t.kind == .word && !t.isAllCaps && data.wordFlags(t.exactID) & WordFlag.firstName == 0
            && !lex.has(t, LanguageLexicon.month | LanguageLexicon.weekday | LanguageLexicon.stopword)
            && data.gazetteerStart(t.exactID) < 0 && isCommonWord(t, lex: lex, words: words)
    }

    /// Coordinating conjunctions among the connectors, and the Polish "w" (in): they join names
    /// only inside an organisation ("Rada Miasta i Gminy", "Sąd Rejonowy w Krakowie").
    static let conjunctions: [UInt64] = ["en", "and", "und", "et", "y", "e", "och", "i", "w"].map(ByteHash.hash)

    /// The type a common noun right before a name gives it: an organisation head ("bedrijf",
    /// "zender", compounds like "luchtvaartmaatschappij") or a title compound ("oud-premier").
    func cueBefore(_ doc: TokenizedText, _ start: Int, lex: LanguageLexicon) -> EntityType? {
        guard start >= 1 else { return nil }
        let p = doc.tokens[start - 1]
        guard p.kind == .word, !p.isCapitalized || (p.hasHyphen && doc.lastHyphenPartIsLower(start - 1)) else { return nil }
        let cues = lex.cueSuffixes(doc, start - 1)
        if cues & LanguageLexicon.orgHead != 0 { return .organization }
        if cues & LanguageLexicon.title != 0 { return .person }
        return nil
    }

    /// A word the document itself uses as a word (or a stopword): evidence a name list cannot outweigh.
    func isEverydayWord(_ t: Token, lex: LanguageLexicon, words: borrowing DocumentWords) -> Bool {
        lex.has(t, LanguageLexicon.stopword) || words.lowerSeen(t)
    }

    func isCommonWord(_ t: Token, lex: LanguageLexicon, words: borrowing DocumentWords) -> Bool {
        lex.has(t, LanguageLexicon.stopword) || words.lowerSeen(t) || (lex.zipf(t) ?? 0) >= 3.3
    }

    func keepSentenceInitial(_ tokens: [Token], _ i: Int, end: Int, gaz: GazetteerMatch?,
                             lex: LanguageLexicon, words: borrowing DocumentWords) -> Bool {
        let t = tokens[i]
        if lex.has(t, LanguageLexicon.stopword | LanguageLexicon.title) { return false }
        if gaz?.priority == 1 { return true }
        if t.isAllCaps { return !words.lowerSeen(t) && (lex.zipf(t) ?? 0) < 4 }
        if words.capitalMid(t.exactHash) { return true }
        let common = isCommonWord(t, lex: lex, words: words)
        let nameFlags = data.wordFlags(t.exactID)
        if end - i >= 2 {
            if nameFlags & WordFlag.firstName != 0 { return true }
            return !common
        }
        if common { return false }
        return gaz != nil || nameFlags & (WordFlag.firstName | WordFlag.familyName) != 0
    }
}
