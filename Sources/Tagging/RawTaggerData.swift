import Foundation

/// The data files as parsed, before they are compiled into vocabulary ids and flag arrays.
struct RawTaggerData {
    struct Lexicon {
        var titles: [String] = []
        var orgHeads: [String] = []
        var connectors: [String] = []
        var quoteVerbs: [String] = []
        var pronouns: [String] = []
        var months: [(String, Int)] = []
        var weekdays: [(String, Int)] = []
        var dayParts: [String] = []
        var relativeDays: [(String, Int)] = []
        var monthParts: [(String, String)] = []
        var numbers: [(String, Double)] = []
        var stopwords: [String] = []
        var background: [(String, Int)] = []
        var topicStems: [(String, Int, Double)] = []

        /// Generated lists (stopwords, frequencies, CLDR months and weekdays), at most the short
        /// name lists (titles, organisation heads, connectors) but no topic stems, quote verbs or
        /// pronouns: compiled to a sparse table (`LanguageLexicon.sparseFeatures`).
        var isMinimal: Bool { topicStems.isEmpty && quoteVerbs.isEmpty && pronouns.isEmpty }
    }

    var gazetteer: [(alias: String, type: EntityType, canonical: String, priority: UInt8)] = []
    var firstNames: [String] = []
    var familyNames: [String] = []
    var orgSuffixes: [String] = []
    var multipliers: [(String, Double)] = []
    var units: [String] = []
    var topicLabels: [(code: String, label: String)] = []
    var lexicons: [String: Lexicon] = [:]

    /// Parses every file in `directory` (the folder holding gazetteer.tsv).
    static func load(directory: URL) throws -> RawTaggerData {
        var raw = RawTaggerData()
        try raw.loadGazetteer(directory.appendingPathComponent("gazetteer.tsv"))
        raw.firstNames = try lines(directory.appendingPathComponent("first-names.txt")).map(String.init)
        raw.familyNames = try lines(directory.appendingPathComponent("family-names.txt")).map(String.init)
        try raw.loadLexicon(directory.appendingPathComponent("lexicon.tsv"))
        try raw.loadTopics(directory.appendingPathComponent("topics.tsv"))
        let fm = FileManager.default
        for lang in Array(raw.lexicons.keys) {
            let url = directory.appendingPathComponent("background-\(lang).tsv")
            guard fm.fileExists(atPath: url.path) else { continue }
            var bg: [(String, Int)] = []
            for (n, line) in try lines(url).enumerated() {
                let parts = Self.fields(line)
                guard parts.count == 2, let z = Int(parts[1]), (0...6000).contains(z) else {
                    throw TaggingDataError(.malformedLine, path: url.path, line: n + 1)
                }
                bg.append((String(parts[0]), z))
            }
            raw.lexicons[lang]?.background = bg
        }
        return raw
    }

    static func lines(_ url: URL) throws -> [Substring] {
        let text: String
        do {
            text = try String(contentsOf: url, encoding: .utf8)
        } catch {
            throw TaggingDataError(.unreadableFile, path: url.path, detail: "\(error)")
        }
        // Split on bytes: splitting a String on Characters (grapheme breaking) was a third of the load time.
        return text.utf8.split(separator: 0x0A).compactMap { line in
            line.first == 0x23 ? nil : Substring(line)
        }
    }

    /// Tab-separated fields, empty ones kept.
    static func fields(_ line: Substring) -> [Substring] {
        line.utf8.split(separator: 0x09, omittingEmptySubsequences: false).map { Substring($0) }
    }

    mutating func loadGazetteer(_ url: URL) throws {
        for (n, line) in try Self.lines(url).enumerated() {
            let p = Self.fields(line)
            guard p.count == 4, let type = EntityType(rawValue: String(p[0])), let prio = UInt8(p[3]) else {
                throw TaggingDataError(.malformedLine, path: url.path, line: n + 1, detail: String(line.prefix(80)))
            }
            gazetteer.append((String(p[2]), type, String(p[1]), prio))
        }
    }

    mutating func loadLexicon(_ url: URL) throws {
        for (n, line) in try Self.lines(url).enumerated() {
            let p = Self.fields(line)
            guard p.count == 4 else {
                throw TaggingDataError(.malformedLine, path: url.path, line: n + 1, detail: String(line.prefix(80)))
            }
            let lang = String(p[0]), entry = String(p[2]), value = String(p[3])
            if lang == "*" {
                switch p[1] {
                case "orgsuffix": orgSuffixes.append(entry)
                case "multiplier": multipliers.append((entry, Double(value) ?? 1))
                case "unit": units.append(entry)
                default: break
                }
                continue
            }
            // Appended in place: a copy taken out of the dictionary and put back made every append
            // copy the whole list (quadratic in the thousands of stopword rows).
            Self.append(category: p[1], entry: entry, value: value, to: &lexicons[lang, default: Lexicon()])
        }
    }

    private static func append(category: Substring, entry: String, value: String, to lex: inout Lexicon) {
        switch category {
        case "title": lex.titles.append(entry)
        case "orghead": lex.orgHeads.append(entry)
        case "connector": lex.connectors.append(entry)
        case "quoteverb": lex.quoteVerbs.append(entry)
        case "pronoun": lex.pronouns.append(entry)
        case "month", "monthabbr": lex.months.append((entry, Int(value) ?? 1))
        case "weekday": lex.weekdays.append((entry, Int(value) ?? 1))
        case "daypart": lex.dayParts.append(entry)
        case "relday": lex.relativeDays.append((entry, Int(value) ?? 0))
        case "monthpart": lex.monthParts.append((entry, value))
        case "number": lex.numbers.append((entry, Double(value) ?? 0))
        case "stopword": lex.stopwords.append(entry)
        default: break
        }
    }

    mutating func loadTopics(_ url: URL) throws {
        var index: [String: Int] = [:]
        for (n, line) in try Self.lines(url).enumerated() {
            let p = Self.fields(line)
            if p.first == "topic", p.count == 3 {
                index[String(p[1])] = topicLabels.count
                topicLabels.append((String(p[1]), String(p[2])))
            } else if p.first == "stem", p.count == 5, let t = index[String(p[2])] {
                let lang = String(p[1])
                lexicons[lang, default: Lexicon()].topicStems.append((String(p[3]), t, Double(p[4]) ?? 1))
            } else {
                throw TaggingDataError(.malformedLine, path: url.path, line: n + 1, detail: String(line.prefix(80)))
            }
        }
    }
}
