import Dedupe
import Foundation

/// Precision/recall over every ordered pair of the committed fixtures, labelled by the groups the
/// samples README declares (plus the seed and its cleaned copy).
enum SampleEval {
    static let groups: [String: String] = [
        "010-wire-a-en.json": "W", "011-wire-b-en.json": "W", "012-wire-c-en.json": "W", "013-wire-d-en.json": "W",
        "001-nl-gemeenteraad.json": "D1", "030-dup-of-001-utm-nl.json": "D1",
        "006-en-tech.json": "D2", "031-dup-of-006-newid-en.json": "D2",
        "000-seed-nl.txt": "S", "000-seed-nl-cleaned.txt": "S",
        "energy-a-en.txt": "E1", "energy-b-en.txt": "E2",
    ]

    static func run(configuration: DedupeConfiguration) throws {
        var articles: [(name: String, id: String, url: String?, text: String)] = []
        for name in groups.keys.sorted() {
            let url = Locations.fixtures.appendingPathComponent(name)
            if name.hasSuffix(".json") {
                let object = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any] ?? [:]
                articles.append((name, object["id"] as? String ?? name, object["url"] as? String, object["text"] as? String ?? ""))
            } else {
                articles.append((name, name, nil, try String(contentsOf: url, encoding: .utf8)))
            }
        }
        var tally = Tally()
        var errors: [String] = []
        for a in articles {
            for b in articles where a.name != b.name {
                let index = DedupeIndex(configuration: configuration)
                index.insert(index.fingerprinter.fingerprint(id: a.id, url: a.url, text: a.text), firstSeenMilliseconds: 0)
                let verdict = index.check(index.fingerprinter.fingerprint(id: b.id, url: b.url, text: b.text))
                let predicted = verdict.status != .unique
                let actual = groups[a.name] == groups[b.name]
                tally.add(predicted: predicted, actual: actual)
                if predicted != actual {
                    errors.append("  \(actual ? "missed" : "false match") \(a.name) → \(b.name): \(String(format: "%.3f", verdict.similarity))")
                }
            }
        }
        print("samples (\(articles.count) fixtures, \(articles.count * (articles.count - 1)) ordered pairs): "
            + "precision \(fmt(tally.precision)) recall \(fmt(tally.recall)) F1 \(fmt(tally.f1))")
        errors.forEach { print($0) }
    }
}

func fmt(_ value: Double) -> String { String(format: "%.3f", value) }
