import Foundation

/// The cleaner's language data: furniture phrases and stoplists, compiled into one token table.
/// Immutable after loading; share one instance between cleaners.
public struct PatternSet: Sendable {
    /// Languages with a stoplist, in bit order of `TokenTable.Entry.stopwordMask`.
    public let stoplistLanguages: [String]
    /// Languages with pattern files ("any" holds the language-neutral ones).
    public let patternLanguages: [String]
    public var patternCount: Int { patterns.count }

    let table: TokenTable
    let patterns: [FurniturePattern]
    /// Pattern ids grouped by their first token (ranges in `TokenTable.Entry`).
    let patternOrder: [Int32]
    /// Per pattern id, what matching needs (`PatternPhrase`); the phrases' tokens, back to back.
    let phrases: [PatternPhrase]
    let phraseTokens: [UInt64]
    /// Per position k of `patternOrder`: the largest `maxWords` of the patterns from k to the end
    /// of its first token's group. A line longer than that matches none of them: the loop over
    /// the group stops there instead of testing each pattern's limit (a branch prose lines,
    /// longer than most patterns allow, mispredicted).
    let patternReach: [Int32]
    /// The largest `maxWords` of any pattern: a longer line matches none, and its
    /// pattern-starting tokens need no lookup of their patterns.
    let maxPhraseWords: Int

    /// Categories whose line ends the article text ("Related articles", "Most read").
    static let sectionEndCategory = "section-end"
    /// The attribution line of a reader comment ("Anna says:"); two or more of them in a
    /// document mark the start of its comment thread.
    static let commentThreadCategory = "comment-thread"
    /// The heading of the reader comments ("Comments", "12 Reacties"), see `LineJudge`.
    static let commentsHeadingCategory = "comments-heading"

    /// Builds the set from file contents: `patternFiles` maps a language code to the text of its
    /// pattern file, `stoplists` a language code to one word a line. `origin` names the source
    /// in errors. `extraPatternFiles` (an operator's own phrases, same format, from the directory
    /// `extraOrigin`) are added to the shipped ones: a site's furniture is a file of data, not a
    /// rebuild.
    public init(patternFiles: [String: String], stoplists: [String: String], origin: String = "<memory>",
                extraPatternFiles: [String: String] = [:], extraOrigin: String = "<memory>") throws(CleaningDataError) {
        let languages = stoplists.keys.sorted()
        guard languages.count <= TokenTable.maxStoplists else {
            throw CleaningDataError(kind: .unreadable, path: origin, detail: "at most \(TokenTable.maxStoplists) stoplists are supported")
        }
        var entries: [UInt64: TokenTable.Entry] = [:]
        // Each token's shortest spelling in bytes: short words are the frequent ones (Zipf), and
        // the table gives them their home slots (see `TokenTable.init`).
        var lengths: [UInt64: Int] = [:]
        for (bit, language) in languages.enumerated() {
            for raw in stoplists[language, default: ""].split(separator: "\n") {
                let word = raw.trimmedSpaces
                if word.isEmpty || word.hasPrefix("#") { continue }
                let tokens = LineAnalyzer.tokens(of: word)
                guard tokens.count == 1, let token = tokens.first else { continue }
                entries[token, default: .init()].stopwordMask |= UInt32(1) << UInt32(bit)
                lengths[token] = min(lengths[token] ?? Int.max, word.utf8.count)
            }
        }
        var parsed: [FurniturePattern] = []
        for (files, directory) in [(patternFiles, "\(origin)/patterns"), (extraPatternFiles, extraOrigin)] {
            for language in files.keys.sorted() {
                let file = "\(directory)/\(language).tsv"
                let lines = files[language, default: ""].split(separator: "\n", omittingEmptySubsequences: false)
                for (index, raw) in lines.enumerated() {
                    let line = raw.trimmedSpaces
                    if line.isEmpty || line.hasPrefix("#") { continue }
                    parsed.append(try Self.parsePattern(line, language: language, file: file, number: index + 1))
                }
            }
        }
        var byFirst: [UInt64: [Int32]] = [:]
        for (id, pattern) in parsed.enumerated() {
            guard let first = pattern.tokens.first else { continue }
            byFirst[first, default: []].append(Int32(id))
        }
        var order: [Int32] = []
        var reach: [Int32] = []
        for (token, unordered) in byFirst {
            // Longest phrase first: "related articles" (section end) before "related" (teaser);
            // of equal phrases, the one that must be the whole line first ("Related" alone heads
            // a box of teasers, "Related: …" is one teaser), then file order.
            let ids = unordered.sorted { a, b in
                let pa = parsed[Int(a)]
                let pb = parsed[Int(b)]
                if pa.tokens.count != pb.tokens.count { return pa.tokens.count > pb.tokens.count }
                let la = pa.anchor == .line
                let lb = pb.anchor == .line
                return la != lb ? la : a < b
            }
            var entry = entries[token, default: .init()]
            entry.patternStart = Int32(order.count)
            entry.patternCount = Int32(ids.count)
            entries[token] = entry
            order.append(contentsOf: ids)
            var suffix: [Int32] = []
            var largest = 0
            for id in ids.reversed() {
                largest = max(largest, parsed[Int(id)].maxWords)
                suffix.append(Int32(clamping: largest))
            }
            reach.append(contentsOf: suffix.reversed())
        }
        stoplistLanguages = languages
        patternLanguages = Set(patternFiles.keys).union(extraPatternFiles.keys).sorted()
        patterns = parsed
        patternOrder = order
        patternReach = reach
        var flat: [UInt64] = []
        phrases = parsed.map { pattern in
            defer { flat += pattern.tokens }
            return PatternPhrase(start: Int32(flat.count), count: Int32(pattern.tokens.count), maxWords: pattern.maxWords,
                                 anchor: pattern.anchor)
        }
        phraseTokens = flat
        maxPhraseWords = parsed.map(\.maxWords).max() ?? 0
        table = TokenTable(entries, priority: lengths)
    }

    /// `category <TAB> anchor <TAB> max-words <TAB> phrase`; `*` in the phrase is a gap of up
    /// to three words.
    private static func parsePattern(_ line: String, language: String, file: String, number: Int) throws(CleaningDataError) -> FurniturePattern {
        let fields = line.split(separator: "\t", omittingEmptySubsequences: true).map(\.trimmedSpaces)
        func fail(_ detail: String) -> CleaningDataError {
            CleaningDataError(kind: .malformedLine(number: number), path: file, detail: detail)
        }
        guard fields.count == 4 else { throw fail("expected 4 tab-separated fields, found \(fields.count)") }
        guard let anchor = FurniturePattern.Anchor(rawValue: fields[1]) else {
            throw fail("anchor must be start, line, any, end or tail, not \(fields[1])")
        }
        guard let maxWords = Int(fields[2]), maxWords > 0 else { throw fail("max-words must be a positive integer") }
        var tokens: [UInt64] = []
        for piece in fields[3].split(separator: " ") {
            if piece == "*" {
                tokens.append(FurniturePattern.gap)
            } else {
                tokens.append(contentsOf: LineAnalyzer.tokens(of: String(piece)))
            }
        }
        guard let first = tokens.first, first != FurniturePattern.gap, tokens.last != FurniturePattern.gap else {
            throw fail("phrase must start and end with a word")
        }
        let role: FurniturePattern.Role = switch fields[0] {
        case sectionEndCategory: .sectionEnd
        case commentThreadCategory: .commentThread
        case commentsHeadingCategory: .commentsHeading
        default: .furniture
        }
        return FurniturePattern(tokens: tokens, anchor: anchor, maxWords: maxWords, category: fields[0], language: language, role: role)
    }

    /// Loads `patterns/*.tsv` and `stopwords/*.txt` from a data directory, and the `<lang>.tsv`
    /// files of `extraPatterns` (stage parameter `extra_patterns`) when given.
    public static func load(from directory: URL, extraPatterns: URL? = nil) throws(CleaningDataError) -> PatternSet {
        let patterns = try readAll(directory.appendingPathComponent("patterns"), suffix: ".tsv")
        let stoplists = try readAll(directory.appendingPathComponent("stopwords"), suffix: ".txt")
        var extra: [String: String] = [:]
        if let extraPatterns { extra = try readAll(extraPatterns, suffix: ".tsv") }
        return try PatternSet(patternFiles: patterns, stoplists: stoplists, origin: directory.path,
                              extraPatternFiles: extra, extraOrigin: extraPatterns?.path ?? "<memory>")
    }

    /// Loads from `defaultDataDirectory()` (and `extraPatterns`, as `load`).
    public static func loadDefault(extraPatterns: URL? = nil) throws(CleaningDataError) -> PatternSet {
        guard let directory = defaultDataDirectory() else {
            throw CleaningDataError(
                kind: .dataDirectoryNotFound, path: "Data/Cleaning",
                detail: "set ARTICLED_DATA_DIR or install share/articled/Cleaning next to the executable")
        }
        return try load(from: directory, extraPatterns: extraPatterns)
    }

    /// `$ARTICLED_DATA_DIR/Cleaning`, then `<executable dir>/../share/articled/Cleaning`, then the
    /// source tree's `Data/Cleaning` (for `swift run` and tests).
    public static func defaultDataDirectory() -> URL? {
        let fm = FileManager.default
        func usable(_ url: URL) -> Bool {
            var isDirectory: ObjCBool = false
            return fm.fileExists(atPath: url.appendingPathComponent("patterns").path, isDirectory: &isDirectory)
                && isDirectory.boolValue
        }
        if let root = ProcessInfo.processInfo.environment["ARTICLED_DATA_DIR"], !root.isEmpty {
            let url = URL(fileURLWithPath: root).appendingPathComponent("Cleaning")
            if usable(url) { return url }
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            let url = executable.deletingLastPathComponent()
                .appendingPathComponent("../share/articled/Cleaning").standardizedFileURL
            if usable(url) { return url }
        }
        let source = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // Cleaning
            .deletingLastPathComponent()  // Sources
            .deletingLastPathComponent()  // package root
            .appendingPathComponent("Data/Cleaning")
        return usable(source) ? source : nil
    }

    private static func readAll(_ directory: URL, suffix: String) throws(CleaningDataError) -> [String: String] {
        let names: [String]
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            // An operator's typo in `extra_patterns` most often: said plainly, not as an NSError dump.
            throw CleaningDataError(kind: .unreadable, path: directory.path, detail: "no such directory")
        }
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        } catch {
            throw CleaningDataError(kind: .unreadable, path: directory.path, detail: error.localizedDescription)
        }
        var out: [String: String] = [:]
        for name in names where name.hasSuffix(suffix) {
            let url = directory.appendingPathComponent(name)
            do {
                out[String(name.dropLast(suffix.count))] = try String(contentsOf: url, encoding: .utf8)
            } catch {
                throw CleaningDataError(kind: .unreadable, path: url.path, detail: "\(error)")
            }
        }
        return out
    }
}

extension Substring {
    /// `trimmingCharacters(in: .whitespaces)` (tab, U+200B and the Unicode space separators, Zs,
    /// off both ends) without the trip through NSString: over ~100 000 stopword lines that trip was a third
    /// of building the pattern set, ~0.3 G instructions at every start.
    var trimmedSpaces: String {
        let scalars = unicodeScalars
        // Foundation's set on Linux adds U+200B (zero width space) to them.
        func isSpace(_ c: Unicode.Scalar) -> Bool {
            c == "\t" || c == "\u{200B}" || c.properties.generalCategory == .spaceSeparator
        }
        guard let first = scalars.firstIndex(where: { !isSpace($0) }),
              let last = scalars.lastIndex(where: { !isSpace($0) }) else { return "" }
        return String(scalars[first...last])
    }
}
