import Foundation

extension TaggerData {
    /// Interns every listed word and turns the lists into per-id flags, maps and tries.
    ///
    /// Compiled twice: the first pass finds which words carry per-language data (list membership,
    /// frequency, a topic stem), start a gazetteer alias or have word flags; the second interns them
    /// in that order first, so every per-id array ends after its last non-empty entry instead of
    /// spanning the whole vocabulary (six languages × every name and alias word was most of the memory).
    init(compiling raw: RawTaggerData) {
        // The draft leaves the minimal lexicons out: their words get the last ids either way.
        let draft = TaggerData(compiling: raw, leading: [], minimal: false)
        self.init(compiling: raw, leading: draft.idOrder(), minimal: true)
        compact()
    }

    /// Vocabulary words (as bytes) ordered: per-language data first (in draft id order, which is by
    /// frequency), then alias starts, then flagged words, then the rest.
    private func idOrder() -> [[UInt8]] {
        let n = vocabulary.count
        var tier = [UInt8](repeating: 3, count: n)
        let dense = lexicons.values.filter { $0.sparseFeatures == nil }
        for id in 0..<n {
            let i = Int32(id)
            var lexical = fallbackLexicon.feature(i) != 0
            for lex in dense where lex.feature(i) != 0 || (id < lex.topicOf.count && lex.topicOf[id] >= 0) {
                lexical = true
            }
            if lexical {
                tier[id] = 0
            } else if gazetteerStart(i) >= 0 {
                tier[id] = 1
            } else if wordFlags(i) != 0 {
                tier[id] = 2
            }
        }
        var order: [[UInt8]] = []
        order.reserveCapacity(n)
        for t in UInt8(0)...3 {
            for id in 0..<n where tier[id] == t { order.append(Array(vocabulary.entryBytes(Int32(id)))) }
        }
        return order
    }

    /// Drops what only compiling needed and trims every per-id array after its last non-empty entry
    /// (the lookups answer "empty" past the end).
    private mutating func compact() {
        vocabulary.freeze()
        wordFlags = Self.trimmed(wordFlags, empty: 0)
        gazetteerRoot = Self.trimmed(gazetteerRoot, empty: -1)
        gazetteerTrie = gazetteerTrie.filtered { $0 >> 32 != 0 }
        gazetteerEntryAt = gazetteerEntryAt.exactCapacityCopy()
        gazetteerEntries = gazetteerEntries.exactCapacityCopy()
        canonicalNames.compact()
        for lang in Array(lexicons.keys) {
            lexicons[lang]?.compact()
        }
        fallbackLexicon.compact()
        // Same stems, same vocabulary: the fallback's topic array equals English's; share one copy.
        if let en = lexicons["en"], en.topicOf == fallbackLexicon.topicOf { fallbackLexicon.topicOf = en.topicOf }
        for lang in Array(lexicons.keys) where lexicons[lang]?.sparseFeatures != nil {
            lexicons[lang]?.shareTopics(from: fallbackLexicon)
        }
    }

    /// `a` up to its last non-empty entry, then one `empty`: lookups clamp ids past the end to that
    /// sentinel instead of branching on the range (`Candidates.element`).
    static func trimmed<T: Equatable>(_ a: [T], empty: T) -> [T] {
        var end = a.count
        while end > 0, a[end - 1] == empty { end -= 1 }
        return (Array(a[..<end]) + [empty]).exactCapacityCopy()
    }

    /// - Parameters:
    ///   - leading: words interned first, in this order (ids 0, 1, …).
    ///   - minimal: whether to compile the minimal lexicons (`RawTaggerData.Lexicon.isMinimal`).
    private init(compiling raw: RawTaggerData, leading: [[UInt8]], minimal: Bool) {
        self.init()
        topicLabels = raw.topicLabels
        var vocab = ByteVocabulary()
        for w in leading { _ = vocab.intern(w) }
        var flags: [Int32: UInt8] = [:]
        func lowerID(_ s: String) -> Int32 { vocab.intern(CaseFolding.lowercased(s)) }

        // Ids in order of how often a word occurs in text (every language's function words, then the
        // background lists rank by rank), so the per-id arrays every token reads (`features`,
        // `topicOf`, `wordFlags`) keep their hot part in a few hundred kilobytes instead of spreading
        // it over megabytes. Ids carry no meaning beyond identity, so the order changes no result.
        let languageCodes = raw.lexicons.keys.sorted()
        let fullCodes = languageCodes.filter { raw.lexicons[$0]?.isMinimal == false }
        for lang in fullCodes {
            guard let lex = raw.lexicons[lang] else { continue }
            for list in [lex.stopwords, lex.connectors, lex.pronouns, lex.quoteVerbs, lex.titles, lex.orgHeads] {
                for s in list { _ = lowerID(s) }
            }
            // The rest of the lists too: the fallback lexicon (English lists only) then ends here.
            for (s, _) in lex.months { _ = lowerID(s) }
            for (s, _) in lex.relativeDays { _ = lowerID(s) }
            for (s, _) in lex.monthParts { _ = lowerID(s) }
            for (s, _) in lex.numbers { _ = lowerID(s) }
            for (s, _) in lex.weekdays {
                _ = lowerID(s)
                for part in lex.dayParts { _ = lowerID(s + part) }
            }
        }
        let longestBackground = fullCodes.map { raw.lexicons[$0]?.background.count ?? 0 }.max() ?? 0
        // Per language, its background words' ids by rank (the slot placement below reads them).
        var backgroundIDs: [String: [Int32]] = [:]
        for rank in 0..<longestBackground {
            for lang in fullCodes {
                guard let bg = raw.lexicons[lang]?.background, rank < bg.count else { continue }
                backgroundIDs[lang, default: []].append(lowerID(bg[rank].0))
            }
        }

        // Gazetteer: aliases tokenised like the text; the first entry for an alias wins.
        var trie = IntMap(capacity: raw.gazetteer.count * 2)
        var entryAt: [Int32] = [-1]
        var countryPrefixes = IntMap()
        var placeAbbreviations = IntMap()
        var canonicalIndex: [String: Int32] = [:]
        for (alias, type, canonical, priority) in raw.gazetteer {
            let toks = Tokenizer.tokenize(alias)
            guard !toks.tokens.isEmpty else { continue }
            var node: Int32 = 0
            for k in toks.tokens.indices {
                let t = toks.tokens[k]
                let id = vocab.intern(Array(toks.bytes[t.start..<t.end]))
                let key = UInt64(node) << 32 | UInt64(UInt32(id))
                if let next = trie.get(key) {
                    node = next
                } else {
                    let next = Int32(entryAt.count)
                    entryAt.append(-1)
                    trie.set(key, next)
                    node = next
                }
            }
            guard entryAt[Int(node)] < 0 else { continue }
            entryAt[Int(node)] = Int32(gazetteerEntries.count)
            let name: Int32
            if let known = canonicalIndex[canonical] {
                name = known
            } else {
                name = canonicalNames.append(canonical)
                canonicalIndex[canonical] = name
            }
            gazetteerEntries.append(GazetteerEntry(type: type, priority: priority, canonical: name,
                                                   canonicalHash: ByteHash.hash(canonical)))
            maxAliasTokens = max(maxAliasTokens, toks.tokens.count)
            if type == .location, priority == 1, toks.tokens.count == 1, toks.tokens[0].length >= 5 {
                countryPrefixes.insert(toks.prefixHash(0, scalars: 4))
                placeAbbreviations.insert(toks.lowerPrefixHash(0, scalars: 3))
            }
        }
        gazetteerTrie = trie
        gazetteerEntryAt = entryAt
        self.countryPrefixes = countryPrefixes
        self.placeAbbreviations = placeAbbreviations

        for s in raw.firstNames { flags[vocab.intern(s), default: 0] |= WordFlag.firstName }
        for s in raw.familyNames { flags[vocab.intern(s), default: 0] |= WordFlag.familyName }
        for s in raw.orgSuffixes { flags[lowerID(s), default: 0] |= WordFlag.orgSuffix }
        for s in raw.units { flags[lowerID(s), default: 0] |= WordFlag.unit }
        for (s, v) in raw.multipliers {
            let id = lowerID(s)
            flags[id, default: 0] |= WordFlag.multiplier
            multipliers[id] = v
        }
        for s in DateExtractor.yearPrepositions { flags[lowerID(s), default: 0] |= WordFlag.yearPreposition }
        for s in DateExtractor.ambiguousMonths { flags[lowerID(s), default: 0] |= WordFlag.ambiguousMonth }

        // Minimal lexicons' words last: only their sparse tables hold them. Compiled from the ids
        // interning returns (lower-casing thirty languages' words a second time cost a tenth of the load).
        var minimalLexicons: [String: LanguageLexicon] = [:]
        for lang in languageCodes where minimal {
            guard let lex = raw.lexicons[lang], lex.isMinimal else { continue }
            let background = lex.background.map { (lowerID($0.0), $0.1) }
            backgroundIDs[lang] = background.map(\.0)
            minimalLexicons[lang] = Self.compileMinimalLexicon(
                stopwords: lex.stopwords.map(lowerID), months: lex.months.map { (lowerID($0.0), $0.1) },
                weekdays: lex.weekdays.map { (lowerID($0.0), $0.1) }, background: background,
                names: (titles: lex.titles.map(lowerID), orgHeads: lex.orgHeads.map(lowerID), connectors: lex.connectors.map(lowerID)))
            minimalLexicons[lang]?.addCueSuffixes(titles: lex.titles, orgHeads: lex.orgHeads)
            minimalLexicons[lang]?.compoundOrgHeads = !lex.orgHeads.isEmpty
        }

        // Weekday names and weekday + day part compounds; all were interned in the frequency-ordered
        // pass above, before the per-language arrays are sized.
        var weekdayForms: [String: [(String, Int, String?)]] = [:]
        for (lang, lex) in raw.lexicons {
            var forms: [(String, Int, String?)] = []
            for (s, d) in lex.weekdays {
                forms.append((s, d, nil))
                for part in lex.dayParts { forms.append((s + part, d, part)) }
            }
            weekdayForms[lang] = forms
        }
        if minimal {
            // Looked up, not interned: a punctuation mark no list holds stays unknown.
            let ascii = (UInt8(0x21)...0x7E).filter { !(0x30...0x39).contains($0) && !(0x61...0x7A).contains($0 | 0x20) }
            let punctuation = ascii.map { [$0] } + ["–", "—", "“", "”", "„", "‘", "’", "«", "»", "…"].map { Array($0.utf8) }
            let first = punctuation.compactMap { vocab.find(hash: ByteHash.hash($0), $0) }
                + Self.commonFirst(raw, languageCodes, backgroundIDs, lowerID)
            vocab.place(first: first)
        }
        vocabulary = vocab
        var root = [Int32](repeating: -1, count: vocab.count + 1)
        for id in 0..<vocab.count { root[id + 1] = trie.get(UInt64(UInt32(id))) ?? -1 }
        gazetteerRoot = root
        var wf = [UInt8](repeating: 0, count: vocab.count)
        for (id, f) in flags { wf[Int(id)] = f }
        wordFlags = [0] + wf

        for (lang, rawLex) in raw.lexicons {
            if rawLex.isMinimal {
                lexicons[lang] = minimalLexicons[lang]
                continue
            }
            lexicons[lang] = compileLexicon(rawLex, weekdayForms: weekdayForms[lang] ?? [], includeCommon: true)
            // Germanic languages glue the head onto the name ("Ondernemersvereniging", "Fahrgastverband").
            if lang == "nl" { lexicons[lang]?.compoundOrgHeads = true }
            if lang == "de" {
                lexicons[lang]?.capitalisesNouns = true
                lexicons[lang]?.compoundOrgHeads = true
                lexicons[lang]?.compoundTailBits = GermanCompounds.tailBits(rawLex.background)
            }
        }
        if let en = raw.lexicons["en"] {
            fallbackLexicon = compileLexicon(en, weekdayForms: weekdayForms["en"] ?? [], includeCommon: false)
        }
    }

    /// The words the slot table places first after the one-byte punctuation (`ByteVocabulary.place(first:)`),
    /// commonest first: every language's stopwords, then the background lists rank by rank across
    /// all languages (the minimal lexicons' words had the last ids, so interning order left them
    /// far from their home slots). All were interned already.
    private static func commonFirst(_ raw: RawTaggerData, _ languageCodes: [String], _ backgroundIDs: [String: [Int32]],
                                    _ lowerID: (String) -> Int32) -> [Int32] {
        var order: [Int32] = []
        for lang in languageCodes { order += raw.lexicons[lang]?.stopwords.map(lowerID) ?? [] }
        let lists = languageCodes.compactMap { backgroundIDs[$0] }
        let longest = lists.map(\.count).max() ?? 0
        order.reserveCapacity(order.count + lists.reduce(0) { $0 + $1.count })
        for rank in 0..<longest {
            for list in lists where rank < list.count { order.append(list[rank]) }
        }
        return order
    }

    /// Stopwords, months, weekdays and frequencies into a table keyed by vocabulary id.
    private static func compileMinimalLexicon(stopwords: [Int32], months: [(Int32, Int)], weekdays: [(Int32, Int)],
                                              background: [(Int32, Int)],
                                              names: (titles: [Int32], orgHeads: [Int32], connectors: [Int32])) -> LanguageLexicon {
        var lex = LanguageLexicon()
        var map = IntMap(capacity: stopwords.count + background.count + names.titles.count + names.orgHeads.count)
        func add(_ i: Int32, _ flag: UInt32, zipf: Int = -1) {
            let key = UInt64(UInt32(i))
            var f = map.get(key).map { UInt32(bitPattern: $0) } ?? 0
            f |= flag
            if zipf >= 0, f >> 16 == 0 { f |= UInt32(zipf + 1) << 16 }
            map.set(key, Int32(bitPattern: f))
        }
        for i in stopwords { add(i, LanguageLexicon.stopword) }
        for i in names.titles { add(i, LanguageLexicon.title) }
        for i in names.orgHeads { add(i, LanguageLexicon.orgHead) }
        for i in names.connectors { add(i, LanguageLexicon.connector) }
        for (i, m) in months {
            add(i, LanguageLexicon.month)
            if lex.months[i] == nil { lex.months[i] = m }
        }
        for (i, d) in weekdays {
            add(i, LanguageLexicon.weekday)
            if lex.weekdays[i] == nil { lex.weekdays[i] = (d, nil) }
        }
        for (i, z) in background { add(i, 0, zipf: z) }
        lex.sparseFeatures = map
        lex.features = [0]
        return lex
    }

    /// `includeCommon` false drops stopwords and background frequencies (fallback for other languages).
    private func compileLexicon(_ raw: RawTaggerData.Lexicon, weekdayForms: [(String, Int, String?)],
                                includeCommon: Bool) -> LanguageLexicon {
        var lex = LanguageLexicon()
        var features = [UInt32](repeating: 0, count: vocabulary.count)
        func id(_ s: String) -> Int32? { vocabulary.find(hash: ByteHash.hash(CaseFolding.lowercased(s)), CaseFolding.lowercased(s)) }
        func mark(_ list: [String], _ flag: UInt32) {
            for s in list { if let i = id(s) { features[Int(i)] |= flag } }
        }
        mark(raw.titles, LanguageLexicon.title)
        mark(raw.orgHeads, LanguageLexicon.orgHead)
        mark(raw.connectors, LanguageLexicon.connector)
        mark(raw.quoteVerbs, LanguageLexicon.quoteVerb)
        mark(raw.pronouns, LanguageLexicon.pronoun)
        for (s, m) in raw.months {
            guard let i = id(s) else { continue }
            features[Int(i)] |= LanguageLexicon.month
            if lex.months[i] == nil { lex.months[i] = m }
        }
        for (s, d, part) in weekdayForms {
            guard let i = id(s) else { continue }
            features[Int(i)] |= LanguageLexicon.weekday
            // A plain weekday name beats a compound spelled the same.
            if lex.weekdays[i] == nil || part == nil { lex.weekdays[i] = (d, part) }
        }
        for (s, v) in raw.relativeDays {
            guard let i = id(s) else { continue }
            features[Int(i)] |= LanguageLexicon.relativeDay
            lex.relativeDays[i] = v
        }
        for (s, v) in raw.monthParts {
            guard let i = id(s) else { continue }
            features[Int(i)] |= LanguageLexicon.monthPart
            lex.monthParts[i] = v
        }
        for (s, v) in raw.numbers {
            guard let i = id(s) else { continue }
            features[Int(i)] |= LanguageLexicon.number
            lex.numbers[i] = v
        }
        if includeCommon {
            mark(raw.stopwords, LanguageLexicon.stopword)
            for (s, z) in raw.background {
                guard let i = id(s) else { continue }
                features[Int(i)] = (features[Int(i)] & LanguageLexicon.flagMask) | (UInt32(z + 1) << 16)
            }
        }
        // Shifted by one: index 0 answers for unknown words (id -1), see `LanguageLexicon.feature`.
        lex.features = [0] + features
        lex.addCueSuffixes(titles: raw.titles, orgHeads: raw.orgHeads)

        // Topic stems: a byte trie, then the answer for every vocabulary word precomputed.
        var stemIndex: [String: Int] = [:]
        var topicHits: [[LanguageLexicon.TopicHit]] = []
        for (stem, topic, weight) in raw.topicStems {
            let bytes = CaseFolding.lowercased(stem)
            let key = String(decoding: bytes, as: UTF8.self)
            let si: Int
            if let known = stemIndex[key] {
                si = known
            } else {
                si = topicHits.count
                stemIndex[key] = si
                topicHits.append([])
                var node: Int32 = 0
                for c in bytes {
                    let k = UInt64(node) << 8 | UInt64(c)
                    if let next = lex.stemTrie.get(k) {
                        node = next
                    } else {
                        let next = Int32(lex.stemAt.count)
                        lex.stemAt.append(-1)
                        lex.stemTrie.set(k, next)
                        node = next
                    }
                }
                lex.stemAt[Int(node)] = Int16(truncatingIfNeeded: si)
                lex.addStemPrefix(bytes)
                lex.maxStemLength = max(lex.maxStemLength, key.unicodeScalars.count)
            }
            topicHits[si].append(LanguageLexicon.TopicHit(topic: topic, weight: weight))
        }
        for hits in topicHits {
            lex.topicHitList += hits
            lex.topicHitStart.append(Int32(lex.topicHitList.count))
        }
        if !topicHits.isEmpty {
            var topicOf = [Int16](repeating: -1, count: vocabulary.count)
            for i in 0..<vocabulary.count {
                let word = vocabulary.entryBytes(Int32(i))
                var length = 0
                for c in word where c & 0xC0 != 0x80 { length += 1 }
                guard length >= 3 else { continue }
                topicOf[i] = Int16(truncatingIfNeeded: lex.topicStem(word, length: length))
            }
            lex.topicOf = topicOf
        }
        return lex
    }
}

extension LanguageLexicon {
    /// Organisation heads and titles of four letters or more as word endings (`cueSuffixes`):
    /// compounds ending in one ("luchtvaartmaatschappij", "oud-premier", "Trafikverket").
    mutating func addCueSuffixes(titles: [String], orgHeads: [String]) {
        // Places are named after "gemeente"/"provincie": those heads do not make an organisation.
        let placeHeads: Set<String> = ["gemeente", "provincie", "gemeinde", "provinz", "province", "provincia"]
        self.orgHeadSuffixes = orgHeads.filter { !placeHeads.contains($0) }.map(CaseFolding.lowercased).filter { $0.count >= 4 }
        self.titleSuffixes = titles.map(CaseFolding.lowercased).filter { $0.count >= 4 && !$0.contains(0x2E) }
        for s in self.orgHeadSuffixes { addCueSuffix(s, LanguageLexicon.orgHead) }
        for s in self.titleSuffixes { addCueSuffix(s, LanguageLexicon.title) }
    }
}
