import Foundation

/// A gazetteer entry: what an alias stands for.
struct GazetteerEntry: Sendable {
    var type: EntityType
    var canonical: String
    /// 1 = unambiguous (countries, capitals, organisations), 2 = may also be a person or word.
    var priority: Int
}

/// Per-language word lists. Missing languages fall back to English lists plus no stopwords.
struct LanguageLexicon: Sendable {
    var titles: Set<String> = []
    var orgHeads: Set<String> = []
    var connectors: Set<String> = []
    var quoteVerbs: Set<String> = []
    var pronouns: Set<String> = []
    var months: [String: Int] = [:]
    var weekdays: [String: Int] = [:]
    var dayParts: [String] = []
    var relativeDays: [String: Int] = [:]
    var monthParts: [String: String] = [:]
    var numbers: [String: Double] = [:]
    var stopwords: Set<String> = []
    /// Zipf frequency (0...8) of common words; absent words are rare.
    var background: [String: Double] = [:]
    /// Topic stems: stem -> [(topic index, weight)].
    var topicStems: [String: [(Int, Double)]] = [:]
    var maxStemLength = 0
}

/// Everything the tagger loads from `Data/Tagging`. Immutable after loading.
public struct TaggerData: Sendable {
    /// Aliases tokenised like the text and joined with single spaces.
    var gazetteer: [String: GazetteerEntry] = [:]
    /// Every token prefix of every alias, so matching stops as soon as no alias can continue.
    var gazetteerPrefixes: Set<String> = []
    var maxAliasTokens = 1
    var firstNames: Set<String> = []
    var familyNames: Set<String> = []
    var orgSuffixes: Set<String> = []
    var multipliers: [String: Double] = [:]
    var units: Set<String> = []
    var topicLabels: [(code: String, label: String)] = []
    var lexicons: [String: LanguageLexicon] = [:]

    func lexicon(_ language: String) -> LanguageLexicon {
        if let l = lexicons[language] { return l }
        var fallback = lexicons["en"] ?? LanguageLexicon()
        fallback.stopwords = []
        fallback.background = [:]
        return fallback
    }

    /// Loads all files from `directory` (the folder holding gazetteer.tsv).
    public static func load(directory: URL) throws -> TaggerData {
        var data = TaggerData()
        try data.loadGazetteer(directory.appendingPathComponent("gazetteer.tsv"))
        data.firstNames = Set(try lines(directory.appendingPathComponent("first-names.txt")).map(String.init))
        data.familyNames = Set(try lines(directory.appendingPathComponent("family-names.txt")).map(String.init))
        try data.loadLexicon(directory.appendingPathComponent("lexicon.tsv"))
        try data.loadTopics(directory.appendingPathComponent("topics.tsv"))
        let fm = FileManager.default
        for lang in Array(data.lexicons.keys) {
            let url = directory.appendingPathComponent("background-\(lang).tsv")
            guard fm.fileExists(atPath: url.path) else { continue }
            var bg: [String: Double] = [:]
            for (n, line) in try lines(url).enumerated() {
                let parts = line.split(separator: "\t", omittingEmptySubsequences: false)
                guard parts.count == 2, let z = Int(parts[1]) else {
                    throw TaggingDataError(.malformedLine, path: url.path, line: n + 1)
                }
                bg[String(parts[0])] = Double(z) / 100
            }
            data.lexicons[lang]?.background = bg
        }
        return data
    }

    private static func lines(_ url: URL) throws -> [Substring] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TaggingDataError(.unreadableFile, path: url.path, detail: "\(error)")
        }
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }
    }

    private mutating func loadGazetteer(_ url: URL) throws {
        for (n, line) in try Self.lines(url).enumerated() {
            let p = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard p.count == 4, let type = EntityType(rawValue: String(p[0])), let prio = Int(p[3]) else {
                throw TaggingDataError(.malformedLine, path: url.path, line: n + 1, detail: String(line.prefix(80)))
            }
            let toks = Tokenizer.tokenize(String(p[2])).map(\.text)
            guard !toks.isEmpty else { continue }
            let key = toks.joined(separator: " ")
            if gazetteer[key] != nil { continue }
            gazetteer[key] = GazetteerEntry(type: type, canonical: String(p[1]), priority: prio)
            maxAliasTokens = max(maxAliasTokens, toks.count)
            var prefix = ""
            for (i, t) in toks.enumerated() {
                prefix = i == 0 ? t : prefix + " " + t
                gazetteerPrefixes.insert(prefix)
            }
        }
    }

    private mutating func loadLexicon(_ url: URL) throws {
        for (n, line) in try Self.lines(url).enumerated() {
            let p = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard p.count == 4 else {
                throw TaggingDataError(.malformedLine, path: url.path, line: n + 1, detail: String(line.prefix(80)))
            }
            let lang = String(p[0]), entry = String(p[2]), value = String(p[3])
            if lang == "*" {
                switch p[1] {
                case "orgsuffix": orgSuffixes.insert(entry)
                case "multiplier": multipliers[entry] = Double(value) ?? 1
                case "unit": units.insert(entry)
                default: break
                }
                continue
            }
            var lex = lexicons[lang] ?? LanguageLexicon()
            switch p[1] {
            case "title": lex.titles.insert(entry)
            case "orghead": lex.orgHeads.insert(entry)
            case "connector": lex.connectors.insert(entry)
            case "quoteverb": lex.quoteVerbs.insert(entry)
            case "pronoun": lex.pronouns.insert(entry)
            case "month", "monthabbr": if lex.months[entry] == nil { lex.months[entry] = Int(value) ?? 1 }
            case "weekday": lex.weekdays[entry] = Int(value) ?? 1
            case "daypart": lex.dayParts.append(entry)
            case "relday": lex.relativeDays[entry] = Int(value) ?? 0
            case "monthpart": lex.monthParts[entry] = value
            case "number": lex.numbers[entry] = Double(value) ?? 0
            case "stopword": lex.stopwords.insert(entry)
            default: break
            }
            lexicons[lang] = lex
        }
    }

    private mutating func loadTopics(_ url: URL) throws {
        var index: [String: Int] = [:]
        for (n, line) in try Self.lines(url).enumerated() {
            let p = line.split(separator: "\t", omittingEmptySubsequences: false)
            if p.first == "topic", p.count == 3 {
                index[String(p[1])] = topicLabels.count
                topicLabels.append((String(p[1]), String(p[2])))
            } else if p.first == "stem", p.count == 5, let t = index[String(p[2])] {
                let lang = String(p[1])
                var lex = lexicons[lang] ?? LanguageLexicon()
                let stem = String(p[3])
                lex.topicStems[stem, default: []].append((t, Double(p[4]) ?? 1))
                lex.maxStemLength = max(lex.maxStemLength, stem.count)
                lexicons[lang] = lex
            } else {
                throw TaggingDataError(.malformedLine, path: url.path, line: n + 1, detail: String(line.prefix(80)))
            }
        }
    }
}
