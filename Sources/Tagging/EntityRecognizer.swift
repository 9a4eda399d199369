/// One recognised mention, in token indices, before mentions are grouped into entities.
struct RawMention: Sendable {
    var start: Int
    var end: Int
    var type: EntityType
    var canonical: String?
    var evidence: Double
    /// Lower-cased title word right before the mention ("president"), used to resolve "de president".
    var title: String?
}

/// Finds names: gazetteer matches first, then capitalised chunks typed by rules, then per-document
/// coreference (a surname alone joins the full name seen elsewhere in the document).
struct EntityRecognizer: Sendable {
    let data: TaggerData
    /// Four-letter prefixes of one-word country names ("Belg", "Nede"): a capitalised unknown word
    /// sharing one is usually a demonym ("Belgen", "Nederlanders"), which CoNLL calls MISC.
    let countryPrefixes: Set<String>

    init(data: TaggerData) {
        self.data = data
        var prefixes = Set<String>()
        for (alias, entry) in data.gazetteer where entry.type == .location && entry.priority == 1 && !alias.contains(" ") {
            if alias.count >= 5 { prefixes.insert(String(alias.prefix(4))) }
        }
        countryPrefixes = prefixes
    }

    /// Type of an unknown lone capitalised word. MISC, ORG and PER scored within 0.002 typed F1 on
    /// ned.train; MISC keeps person and organisation precision highest.
    static let defaultSingle: EntityType = .miscellaneous

    static let adjectiveSuffixes: [String: [String]] = [
        "nl": ["ische", "isch", "se", "sche"],
        "en": ["ian", "ish", "ese", "ean"],
        "de": ["isch", "ische", "ischen", "ischer", "isches", "ischem"],
        "fr": ["aise", "aises", "ienne", "iennes", "oise", "oises", "ain", "aine"],
        "es": ["ano", "ana", "eño", "eña", "ense", "és", "esa"],
        "it": ["ano", "ana", "ese", "esi"],
    ]

    func recognize(_ tokens: [Token], language: String, lex: LanguageLexicon) -> [RawMention] {
        var capitalMid = Set<String>()
        var lowerSeen = Set<String>()
        for t in tokens where t.kind == .word {
            if t.isCapitalized { if !t.sentenceStart { capitalMid.insert(t.text) } } else { lowerSeen.insert(t.text) }
        }
        var mentions: [RawMention] = []
        var i = 0
        let n = tokens.count
        while i < n {
            let t = tokens[i]
            if t.kind == .word, !t.isCapitalized, t.text.contains("-"), hasCapitalPart(t.text) {
                // "dossier-Floralux", "oud-VLD-lid": compounds built on a name.
                mentions.append(RawMention(start: i, end: i + 1, type: .miscellaneous, canonical: nil, evidence: 0.5))
                i += 1
                continue
            }
            guard t.kind == .word, t.isCapitalized else { i += 1; continue }
            let gaz = gazetteerMatch(tokens, at: i)
            var end = chunkEnd(tokens, from: i, lex: lex)
            // A strong gazetteer name at the start wins over a longer run of capitals ("Rusland Oekraïne"),
            // unless the run is an organisation ("Brussel Hoofdstedelijk Gewest" stays whole).
            if let g = gaz, g.end < end, g.entry.priority == 1,
               !(g.end..<end).contains(where: { lex.orgHeads.contains(tokens[$0].lower) }) {
                end = g.end
            }
            if let g = gaz, g.end >= end {
                if t.sentenceStart, end - i == 1, lex.stopwords.contains(t.lower) || lowerSeen.contains(t.lower) {
                    i += 1
                    continue
                }
                if t.sentenceStart, g.entry.priority > 1, end - i == 1, isCommonWord(t, lex: lex, lowerSeen: lowerSeen) {
                    i += 1
                    continue
                }
                if i >= 2, lex.connectors.contains(tokens[i - 1].lower), lex.orgHeads.contains(tokens[i - 2].lower),
                   tokens[i - 2].kind == .word, !tokens[i - 2].isCapitalized {
                    // "ministerie van Defensie": the head word makes the whole phrase one organisation.
                    mentions.append(RawMention(start: i - 2, end: g.end, type: .organization, canonical: nil, evidence: 0.85))
                    i = g.end
                    continue
                }
                mentions.append(RawMention(start: i, end: g.end, type: g.entry.type, canonical: g.entry.canonical,
                                           evidence: g.entry.priority == 1 ? 0.95 : 0.7, title: titleBefore(tokens, i, lex: lex)))
                i = g.end
                continue
            }
            // A strong gazetteer name inside the run starts a new name ("Play Poetin" -> "Poetin").
            if gaz == nil, end - i >= 2 {
                for k in (i + 1)..<end where tokens[k].isCapitalized {
                    if let inner = gazetteerMatch(tokens, at: k), inner.entry.priority == 1 { end = k; break }
                }
            }
            // A leading adjective is its own MISC mention ("Russische Krim-brug").
            if end - i >= 2, !lex.orgHeads.contains(tokens[end - 1].lower),
               (Self.adjectiveSuffixes[language] ?? []).contains(where: { t.lower.hasSuffix($0) && t.text.count > $0.count + 2 }),
               !data.firstNames.contains(t.text) {
                end = i + 1
            }
            // Capitalised title words open a person name ("President Poetin") but are not part of it.
            if lex.titles.contains(t.lower), end - i >= 2 {
                i += 1
                continue
            }
            if t.sentenceStart && !keepSentenceInitial(tokens, i, end: end, gaz: gaz, lex: lex,
                                                        capitalMid: capitalMid, lowerSeen: lowerSeen) {
                i += 1
                continue
            }
            // "ministerie van Defensie": a lower-case organisation head before the chunk joins it.
            var start = i
            if i >= 2, lex.connectors.contains(tokens[i - 1].lower), lex.orgHeads.contains(tokens[i - 2].lower),
               tokens[i - 2].kind == .word, !tokens[i - 2].isCapitalized {
                start = i - 2
            }
            // Never end a name on a connector ("van").
            while end > i + 1, !tokens[end - 1].isCapitalized { end -= 1 }
            var m = typeChunk(tokens, start: start, end: end, gaz: gaz, language: language, lex: lex)
            m.title = titleBefore(tokens, start, lex: lex)
            if m.title != nil, m.type != .organization, m.evidence < 0.9 {
                m.type = .person
                m.evidence = 0.9
            }
            mentions.append(m)
            i = end
        }
        return resolveCoreference(mentions, tokens)
    }

    func hasCapitalPart(_ s: String) -> Bool {
        s.split(separator: "-").dropFirst().contains { $0.first?.isUppercase ?? false }
    }

    func gazetteerMatch(_ tokens: [Token], at i: Int) -> (end: Int, entry: GazetteerEntry)? {
        var key = tokens[i].text
        var best: (Int, GazetteerEntry)?
        var j = i
        while true {
            guard data.gazetteerPrefixes.contains(key) else { break }
            if let e = data.gazetteer[key] { best = (j + 1, e) }
            j += 1
            if j >= tokens.count || j - i >= data.maxAliasTokens || tokens[j].newlineBefore { break }
            key += " " + tokens[j].text
        }
        return best
    }

    /// End (exclusive) of the run of capitalised words starting at `i`, allowing connectors between.
    func chunkEnd(_ tokens: [Token], from i: Int, lex: LanguageLexicon) -> Int {
        var end = i + 1
        var j = i + 1
        while j < tokens.count {
            let t = tokens[j]
            if t.newlineBefore || t.kind == .punct { break }
            if t.kind == .word && t.isCapitalized {
                end = j + 1
                j += 1
                continue
            }
            if t.kind == .number, end == j, j > i, tokens[j - 1].isCapitalized, t.text.count <= 4, !t.text.contains(".") {
                // "Formule 1", "Windows 95" keep their number only when nothing but a name precedes.
                break
            }
            // Up to three connectors may join ("Jan van der Berg"), only if a capital follows.
            var k = j
            while k < tokens.count, k - j < 3, tokens[k].kind == .word, !tokens[k].isCapitalized,
                  lex.connectors.contains(tokens[k].lower) {
                k += 1
            }
            if k > j, k < tokens.count, tokens[k].kind == .word, tokens[k].isCapitalized, !tokens[k].newlineBefore {
                j = k
                continue
            }
            break
        }
        return end
    }

    func isCommonWord(_ t: Token, lex: LanguageLexicon, lowerSeen: Set<String>) -> Bool {
        lex.stopwords.contains(t.lower) || lowerSeen.contains(t.lower) || (lex.background[t.lower] ?? 0) >= 3.3
    }

    func keepSentenceInitial(_ tokens: [Token], _ i: Int, end: Int, gaz: (end: Int, entry: GazetteerEntry)?,
                             lex: LanguageLexicon, capitalMid: Set<String>, lowerSeen: Set<String>) -> Bool {
        let t = tokens[i]
        if lex.stopwords.contains(t.lower) || lex.titles.contains(t.lower) { return false }
        if gaz?.entry.priority == 1 { return true }
        if t.isAllCaps { return !lowerSeen.contains(t.lower) && (lex.background[t.lower] ?? 0) < 4 }
        if capitalMid.contains(t.text) { return true }
        let common = isCommonWord(t, lex: lex, lowerSeen: lowerSeen)
        if end - i >= 2 {
            if data.firstNames.contains(t.text) { return true }
            return !common
        }
        if common { return false }
        return gaz != nil || data.firstNames.contains(t.text) || data.familyNames.contains(t.text)
    }

    func titleBefore(_ tokens: [Token], _ start: Int, lex: LanguageLexicon) -> String? {
        guard start >= 1 else { return nil }
        let p = tokens[start - 1]
        if p.kind == .word, lex.titles.contains(p.lower) { return p.lower }
        return nil
    }

    func typeChunk(_ tokens: [Token], start: Int, end: Int, gaz: (end: Int, entry: GazetteerEntry)?,
                   language: String, lex: LanguageLexicon) -> RawMention {
        let first = tokens[start], last = tokens[end - 1]
        let count = end - start
        var hasOrgWord = false
        for k in start..<end where lex.orgHeads.contains(tokens[k].lower) { hasOrgWord = true }
        if hasOrgWord || data.orgSuffixes.contains(last.lower) {
            return RawMention(start: start, end: end, type: .organization, canonical: nil, evidence: 0.8)
        }
        if let g = gaz {
            return RawMention(start: start, end: end, type: g.entry.type, canonical: nil, evidence: 0.6)
        }
        if count >= 2 && data.firstNames.contains(first.text) && !first.isAllCaps {
            return RawMention(start: start, end: end, type: .person, canonical: nil, evidence: 0.85)
        }
        if count == 1 {
            // "CVP-dossier", "VLD-voorzitter": a name glued to a common noun.
            if first.text.contains("-"), let tail = first.text.split(separator: "-").last, tail.first?.isLowercase ?? false {
                return RawMention(start: start, end: end, type: .miscellaneous, canonical: nil, evidence: 0.5)
            }
            if first.isAllCaps && first.text.count <= 6 {
                return RawMention(start: start, end: end, type: .organization, canonical: nil, evidence: 0.6)
            }
            for suffix in Self.adjectiveSuffixes[language] ?? [] where first.lower.hasSuffix(suffix) && first.text.count > suffix.count + 2 {
                return RawMention(start: start, end: end, type: .miscellaneous, canonical: nil, evidence: 0.7)
            }
            if first.text.count >= 5, countryPrefixes.contains(String(first.text.prefix(4))),
               !data.firstNames.contains(first.text), !data.familyNames.contains(first.text) {
                return RawMention(start: start, end: end, type: .miscellaneous, canonical: nil, evidence: 0.55)
            }
            if data.familyNames.contains(first.text) || data.firstNames.contains(first.text) {
                return RawMention(start: start, end: end, type: .person, canonical: nil, evidence: 0.55)
            }
            return RawMention(start: start, end: end, type: Self.defaultSingle, canonical: nil, evidence: 0.35)
        }
        if data.familyNames.contains(last.text) {
            return RawMention(start: start, end: end, type: .person, canonical: nil, evidence: 0.7)
        }
        return RawMention(start: start, end: end, type: count >= 3 ? .organization : .person, canonical: nil, evidence: 0.35)
    }

    /// Gives a lone surname or first name the type and canonical name of the full name it abbreviates.
    func resolveCoreference(_ mentions: [RawMention], _ tokens: [Token]) -> [RawMention] {
        var fullByPart: [String: Int] = [:]
        for (idx, m) in mentions.enumerated() where m.type == .person && m.end - m.start >= 2 {
            let last = tokens[m.end - 1].text
            if fullByPart[last] == nil { fullByPart[last] = idx }
        }
        var out = mentions
        for (idx, m) in mentions.enumerated() where m.end - m.start == 1 && m.evidence < 0.9 {
            if let full = fullByPart[tokens[m.start].text] {
                out[idx].type = .person
                out[idx].canonical = mentions[full].canonical ?? surface(tokens, mentions[full])
                out[idx].evidence = max(m.evidence, 0.8)
            }
        }
        return out
    }

    func surface(_ tokens: [Token], _ m: RawMention) -> String {
        var s = ""
        for k in m.start..<m.end {
            if k > m.start && (tokens[k].spaceBefore || tokens[k].newlineBefore) { s += " " }
            s += tokens[k].text
        }
        return s
    }
}
