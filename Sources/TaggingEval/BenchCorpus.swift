import Foundation

/// The main repo's stage-benchmark input (`ArticleCorpus/SampleCorpus.swift`), rebuilt here without
/// the Pipeline module: 4 KB articles mixed from the committed samples (`Config/samples`) in nine
/// languages. Same selection of files, same sentence split and the same deterministic draw, so
/// `--bench-corpus DIR` measures the text mix the stage benchmark feeds the tagger (before cleaning
/// drops furniture lines).
struct BenchCorpus {
    struct Language {
        let code: String
        let sentences: [String]
        let shortLines: [String]
    }

    struct Article {
        let language: String
        let text: String
    }

    let languages: [Language]

    struct CorpusError: Error, CustomStringConvertible {
        let path: String
        let reason: String
        var description: String { "corpus \(path): \(reason)" }
    }

    init(directory: URL) throws {
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

    /// The text `SampleCorpus.json(index:approximateBytes:)` puts in the article's `text` field.
    func article(index: Int, approximateBytes: Int) -> Article {
        let isCopy = index % 10 == 9 && index >= 5
        let base = isCopy ? index - 5 : index
        let language = languages[base % languages.count]
        var random = Self.mix(UInt64(base) &+ 0x2545_f491_4f6c_dd1d)
        func next(_ bound: Int) -> Int {
            random = Self.mix(random)
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
        return Article(language: language.code, text: text)
    }

    /// `StableHash.mix` (splitmix64 finaliser).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

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

    static func language(ofFile name: String) -> String? {
        guard name.hasSuffix(".json") || name.hasSuffix(".txt"), !name.hasPrefix("9"), !name.contains("dup-of") else { return nil }
        let stem = name.split(separator: ".").first.map(String.init) ?? name
        let parts = stem.split(separator: "-").map(String.init)
        guard parts.count >= 2 else { return nil }
        if parts[1].count == 2 { return parts[1] }
        return parts.last.flatMap { $0.count == 2 ? $0 : nil }
    }

    static func paragraphs(of data: Data, json: Bool, path: String) throws -> [String] {
        let text: String
        if json {
            guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let body = object["text"] as? String else {
                throw CorpusError(path: path, reason: "not a JSON object with a text field")
            }
            text = body
        } else {
            guard let body = String(data: data, encoding: .utf8) else { throw CorpusError(path: path, reason: "not UTF-8") }
            let trimmed = body.drop { $0.isWhitespace }
            text = trimmed.hasPrefix("date ") ? String(trimmed.dropFirst(5).drop { !$0.isWhitespace }) : String(trimmed)
        }
        return text.components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            .filter { !$0.isEmpty }
    }
}
