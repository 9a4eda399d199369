/// Closed-class words of a language that tell a name's type from the words around it, as a reader
/// does: a surname particle written with a capital in mid-sentence ("zei De Gucht"), a preposition
/// of place ("in Wasserbillig"), a preposition of membership ("bij Belgacom"), the head of an
/// event's name ("Ronde van Frankrijk", "EK 2000"), a minister's portfolio ("minister van Toerisme").
///
/// Only where the language has an entry (`EntityRecognizer.nameCueWords`), and the rules that read
/// them (`isEnabled`) only there too: each was kept for raising typed F1 on both CoNLL-2002 Dutch
/// splits (ned.train and ned.testa), and no other language has a set to measure them on.
///
/// A class: `EntityRecognizer.rules` hands it out per article and `typeChunk` takes it per chunk, one
/// reference instead of five arrays to retain.
final class NameCues: Sendable {
    let isEnabled: Bool
    /// Lower-case byte hashes (`Token.lowerHash`) of each list.
    let particles: HashList, locatives: HashList, memberships: HashList, eventHeads: HashList, portfolioTitles: HashList

    init(isEnabled: Bool, particles: [String] = [], locatives: [String] = [], memberships: [String] = [],
         eventHeads: [String] = [], portfolioTitles: [String] = []) {
        self.isEnabled = isEnabled
        self.particles = HashList(particles)
        self.locatives = HashList(locatives)
        self.memberships = HashList(memberships)
        self.eventHeads = HashList(eventHeads)
        self.portfolioTitles = HashList(portfolioTitles)
    }

    static let none = NameCues(isEnabled: false)

    /// Whether `t` heads an event's name ("Spelen", "Beker", "EK").
    @inline(__always)
    func isEventHead(_ t: Token) -> Bool { eventHeads.contains(t.lowerHash) }

    /// A short word list as byte hashes, with a 64-bit filter (bit `hash & 63`) that turns most words
    /// away before the list is searched: asked for every capitalised run of a Dutch text.
    struct HashList: Sendable {
        let hashes: [UInt64]
        let bits: UInt64

        init(_ words: [String]) {
            hashes = words.map(ByteHash.hash)
            bits = hashes.reduce(0) { $0 | 1 &<< ($1 & 63) }
        }

        @inline(__always)
        func contains(_ hash: UInt64) -> Bool {
            bits &>> (hash & 63) & 1 != 0 && hashes.contains(hash)
        }
    }
}

extension EntityRecognizer {
    /// Per language: surname particles ("De Gucht", "Van den Stockt"), prepositions of place,
    /// prepositions of membership (one works "bij" a company, plays "met" a team), heads of event
    /// names, and titles whose "van" names a department.
    /// (Measured and rejected, ned.train / ned.testa typed F1: "van" as a membership word 0.7035 /
    /// 0.7295 against 0.6985 / 0.7323; against 0.6880 / 0.7210, "volgens" and verbs of saying before a
    /// lone name making a person 0.6905 / 0.7210, place-noun endings "-straat", "-plein", "-gebied"
    /// making a place 0.6896 / 0.7210.)
    static let nameCueWords: [String: (particles: [String], locatives: [String], memberships: [String],
                                       eventHeads: [String], portfolioTitles: [String])] = [
        "nl": (particles: ["de", "van", "vanden", "vander", "vande", "ver", "ter", "ten", "den", "le", "di", "da", "du",
                           "del", "della", "von"],
               locatives: ["in", "naar", "uit", "nabij", "te"],
               memberships: ["bij", "met"],
               eventHeads: ["ronde", "tour", "giro", "vuelta", "gp", "omloop", "vierdaagse", "festival", "ek", "wk", "expo",
                            "wereldbeker", "beker", "kampioenschap", "rally", "biënnale", "spelen"],
               portfolioTitles: ["minister", "ministers", "staatssecretaris", "schepen", "gedeputeerde"]),
    ]

    static func nameCues(_ code: String) -> NameCues {
        guard let w = nameCueWords[code] else { return .none }
        return NameCues(isEnabled: true, particles: w.particles, locatives: w.locatives, memberships: w.memberships,
                        eventHeads: w.eventHeads, portfolioTitles: w.portfolioTitles)
    }

    /// What a run of two words or more is by its cues (`recognize`): "Euro 2000", "Brussel 2000"
    /// (`chunkEnd` takes the year) are an edition of an event; "Ronde van Frankrijk", "GP van
    /// Wallonië" are the event named after a place. Apart from `recognize`, as the helpers below,
    /// so that its loop, run for every language, stays as it was: written inline, these rules made
    /// its code for other languages 2.7 k instructions per article slower.
    /// "Kobe Bryant", "Michael Jordan", "Sian Edwards": a listed first name and a listed family name
    /// that is no word of the language are a person's full name, though the gazetteer holds either
    /// word as a place (`fullName`). (Measured and rejected: "De Clercq", "Van Roost" at a sentence
    /// start as a person, where a sentence-initial "De" is mostly the article: 0.7157 / 0.7323
    /// against 0.7166 / 0.7424.)
    enum CueRun: UInt8 { case plain, yearEdition, eventHead, fullName }

    @inline(never)
    func cueRun(_ doc: TokenizedText, _ i: Int, end: Int, cues: NameCues, lex: LanguageLexicon, words: borrowing DocumentWords) -> CueRun {
        if end - i == 2, isYear(doc, i + 1) { return .yearEdition }
        let tokens = doc.tokens
        if cues.isEventHead(tokens[i]) { return .eventHead }
        let last = tokens[end - 1]
        if end - i == 2, data.wordFlags(tokens[i].exactID) & WordFlag.firstName != 0, !tokens[i].isAllCaps,
           data.wordFlags(last.exactID) & WordFlag.familyName != 0, last.kind == .word, !isCommonWord(last, lex: lex, words: words) {
            return .fullName
        }
        return .plain
    }

    /// `NameCues.isEventHead` for `recognize`'s loop: not inlined there, as `cueRun`.
    @inline(never)
    func isEventHead(_ t: Token, cues: NameCues) -> Bool {
        cues.isEventHead(t)
    }

    /// A quoted run is a title (`isQuoted`); a year edition (`cueRun`) an event: both MISC. A full
    /// name (`cueRun`) is a person.
    @inline(never)
    func retypeEdition(_ m: inout RawMention, _ doc: TokenizedText, run: CueRun) {
        if isQuoted(doc, m.start, end: m.end) {
            m.type = .miscellaneous
            m.evidence = 0.5
        } else if run == .yearEdition {
            m.type = .miscellaneous
            m.evidence = 0.7
        } else if run == .fullName {
            m.type = .person
            m.evidence = 0.85
        }
    }

    /// "minister van Toerisme": a minister's portfolio names the department, an organisation.
    @inline(never)
    func followsPortfolio(_ tokens: [Token], _ start: Int, cues: NameCues) -> Bool {
        guard start >= 2, lowerWordBefore(tokens, start) == Self.vanHash, let title = lowerWordBefore(tokens, start - 1) else { return false }
        return cues.portfolioTitles.contains(title)
    }

    /// The lower-case word right before `start` on the same line (its `lowerHash`), or nil.
    func lowerWordBefore(_ tokens: [Token], _ start: Int) -> UInt64? {
        guard start >= 1, !tokens[start].newlineBefore else { return nil }
        let p = tokens[start - 1]
        return p.kind == .word && !p.isCapitalized ? p.lowerHash : nil
    }

    /// A four-digit year of the twentieth or twenty-first century ("Euro 2000", "Brussel 2000": a
    /// name with a year is an edition of an event, not the place).
    func isYear(_ doc: TokenizedText, _ k: Int) -> Bool {
        let t = doc.tokens[k]
        guard t.kind == .number, t.end - t.start == 4 else { return false }
        let b0 = doc.bytes[t.start], b1 = doc.bytes[t.start + 1]
        return (b0 == 0x31 && b1 == 0x39) || (b0 == 0x32 && b1 == 0x30)
    }

    /// "( KDM )" alone on a line: the initials that sign a newspaper article are a person's.
    /// (Measured and rejected: a lone unknown name before "( PVV )", a party in capitals, as a
    /// person: 0.7175 / 0.7440 against 0.7174 / 0.7440.)
    /// (Measured and rejected: mixed-case initials too, "( LuB )": 0.7114 / 0.7412 against 0.7111 / 0.7412.)
    @inline(never)
    func isBylineInitials(_ doc: TokenizedText, _ i: Int) -> Bool {
        let tokens = doc.tokens
        let t = tokens[i]
        guard t.isAllCaps, t.length >= 2, t.length <= 4, i >= 1, i + 1 < tokens.count,
              tokens[i + 1].exactHash == Self.closeParen, i == 1 || tokens[i - 1].newlineBefore else { return false }
        return i + 2 == tokens.count || tokens[i + 2].newlineBefore
    }

    /// Whether the run `start..<end` stands between two equal quotation marks on one line: the title
    /// of a work ("' La Traviata '"), MISC. (Measured and rejected: a quoted title of up to six words
    /// with lower-case ones, "' De zevende eredienst '", as one name: 0.7043 / 0.7295 against 0.7059 / 0.7338;
    /// quotations are speech more often than titles.)
    func isQuoted(_ doc: TokenizedText, _ start: Int, end: Int) -> Bool {
        let tokens = doc.tokens
        guard start >= 1, end < tokens.count, !tokens[end].newlineBefore, tokens[end].exactHash == tokens[start - 1].exactHash else { return false }
        return Self.quoteMarks.contains(tokens[start - 1].exactHash)
    }
    static let quoteMarks: [UInt64] = ["'", "\"", "\u{201C}", "\u{201D}", "\u{2018}", "\u{2019}", "\u{201E}", "\u{AB}", "\u{BB}"].map(ByteHash.hash)
    static let vanHash = ByteHash.hash("van")
}

extension EntityRecognizer {
    /// A lone nationality adjective at a sentence start ("Amerikaanse wijnen ..."): MISC, like one in
    /// mid-sentence, though a sentence start drops most lone common words.
    @inline(never)
    func isNationalityAdjective(_ doc: TokenizedText, _ i: Int, end: Int, suffixes: AdjectiveEndings) -> Bool {
        end - i == 1 && suffixes.endWord(doc, i) && data.countryPrefixes.contains(doc.prefixHash(i, scalars: 4))
    }
}
