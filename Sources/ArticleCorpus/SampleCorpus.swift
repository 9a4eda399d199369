import Foundation
import Pipeline

/// Realistic benchmark input: articles of a chosen size in the languages of the committed samples
/// (`Config/samples`), furniture lines included, so every stage does its real work (cleaning
/// finds boilerplate, language id sees nine languages, tagging finds names). Deterministic: the
/// same index always gives the same bytes, and ids are unique so loss can be checked.
///
/// Prose paragraphs are rebuilt from 2–4 sentences drawn from the language's pool, so lines are
/// (nearly) never repeated and unrelated articles share few shingles, as in real news; short
/// lines (furniture, subheads) are reused whole, so per-site boilerplate learning sees them
/// recur. Every tenth article repeats the one five before it under a new headline (a syndicated
/// copy for dedupe).
public struct SampleCorpus: Sendable {
    public struct Language: Sendable {
        public let code: String
        /// Paragraphs of ordinary prose, as sentences.
        public let sentences: [String]
        /// Short paragraphs kept whole: furniture, credits, subheadings.
        public let shortLines: [String]
    }

    public let languages: [Language]

    /// Reads `NNN-ll-*.json|txt` sample files (skipping `9xx` broken ones and `dup-of` copies).
    public init(directory: URL) throws(CorpusError) {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw CorpusError(path: directory.path, reason: "cannot list: \(error)")
        }
        var byLanguage: [String: [String]] = [:]
        for name in names {
            guard let language = Self.language(ofFile: name) else { continue }
            let url = directory.appendingPathComponent(name)
            guard let data = FileManager.default.contents(atPath: url.path) else {
                throw CorpusError(path: url.path, reason: "cannot read")
            }
            byLanguage[language, default: []] += try Self.paragraphs(of: data, json: name.hasSuffix(".json"), path: url.path)
        }
        languages = byLanguage.sorted { $0.key < $1.key }.compactMap { code, paragraphs in
            let short = paragraphs.filter { $0.utf8.count < 120 }
            let sentences = paragraphs.filter { $0.utf8.count >= 120 }.flatMap(Self.sentences(of:))
            return sentences.isEmpty ? nil : Language(code: code, sentences: sentences, shortLines: short)
        }
        guard !languages.isEmpty else { throw CorpusError(path: directory.path, reason: "no sample articles") }
    }

    public func id(_ index: Int) -> String { "corpus-\(index)" }

    /// One generated article's fields: what `json(index:approximateBytes:)` encodes, for the
    /// stage evaluations' `--bench-corpus` modes that feed a stage directly.
    public struct Article: Sendable {
        public let id: String
        public let language: String
        public let url: String
        public let title: String
        /// The record's `source` field: per-site learning keys on it.
        public let source: String
        public let text: String
    }

    public func article(index: Int, approximateBytes: Int) -> Article {
        let isCopy = index % 10 == 9 && index >= 5
        let base = isCopy ? index - 5 : index
        let language = languages[base % languages.count]
        var random = StableHash.mix(UInt64(base) &+ 0x2545_f491_4f6c_dd1d)
        func next(_ bound: Int) -> Int {
            random = StableHash.mix(random)
            return Int(random % UInt64(bound))
        }
        var text = ""
        text.reserveCapacity(approximateBytes)
        let budget = max(64, approximateBytes - 300)
        while text.utf8.count < budget {
            if !language.shortLines.isEmpty && next(6) == 0 {
                text += language.shortLines[next(language.shortLines.count)]
            } else {
                text += (0..<(2 + next(3))).map { _ in language.sentences[next(language.sentences.count)] }.joined(separator: " ")
            }
            text += "\n\n"
        }
        text += "Ref \(base)."
        return Article(
            id: id(index), language: language.code,
            url: "https://news\(base % 20).\(language.code).example.org/\(index)?utm_source=bench",
            title: isCopy ? "Copy \(index) of story \(base)" : "Story \(base)",
            source: "news\(base % 20).\(language.code).example.org", text: text
        )
    }

    public func json(index: Int, approximateBytes: Int) -> [UInt8] {
        let article = article(index: index, approximateBytes: approximateBytes)
        var writer = JSONWriter(reservingCapacity: approximateBytes + 512)
        writer.object { json in
            json.field("id", article.id)
            json.field("url", article.url)
            json.field("title", article.title)
            json.field("source", article.source)
            json.field("published_at", "2026-11-25T12:00:00Z")
            json.field("text", article.text)
        }
        return writer.bytes
    }

    /// Splits after `.`, `!` or `?` followed by a space; good enough for news prose.
    static func sentences(of paragraph: String) -> [String] {
        var result: [String] = []
        var current = ""
        var previous: Character = " "
        for character in paragraph {
            if character == " " && (previous == "." || previous == "!" || previous == "?") && current.count > 20 {
                result.append(current)
                current = ""
            } else {
                current.append(character)
            }
            previous = character
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// `007-de-bahn.json` → `de`; `010-wire-a-en.json` → `en`; nil for broken samples and copies.
    static func language(ofFile name: String) -> String? {
        guard name.hasSuffix(".json") || name.hasSuffix(".txt"), !name.hasPrefix("9"), !name.contains("dup-of") else { return nil }
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let parts = stem.split(separator: "-").map(String.init)
        guard parts.count >= 2 else { return nil }
        if parts[1].count == 2 { return parts[1] }
        return parts.last.flatMap { $0.count == 2 ? $0 : nil }
    }

    static func paragraphs(of data: Data, json: Bool, path: String) throws(CorpusError) -> [String] {
        let text: String
        if json {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let body = object["text"] as? String else {
                throw CorpusError(path: path, reason: "not a JSON object with a text field")
            }
            text = body
        } else {
            guard let body = String(data: data, encoding: .utf8) else { throw CorpusError(path: path, reason: "not UTF-8") }
            // `date 2022-10` leads some files, sometimes on the first paragraph's own line.
            let trimmed = body.drop { $0.isWhitespace }
            text = trimmed.hasPrefix("date ") ? String(trimmed.dropFirst(5).drop { !$0.isWhitespace }) : String(trimmed)
        }
        return text.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}

/// A sample directory that cannot serve as a corpus.
public struct CorpusError: Error, Sendable, CustomStringConvertible {
    public let path: String
    public let reason: String
    public var description: String { "corpus \(path): \(reason)" }
}
