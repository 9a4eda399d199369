import Foundation
@testable import Dedupe

/// A sample article from the committed fixtures.
struct Sample {
    let id: String
    let url: String?
    let text: String
}

enum Fixtures {
    struct Missing: Error { let name: String }

    static func url(_ name: String) throws -> URL {
        guard let url = Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures") else {
            throw Missing(name: name)
        }
        return url
    }

    static func text(_ name: String) throws -> String {
        try String(contentsOf: url(name), encoding: .utf8)
    }

    /// `*.json` samples have id/url/text; `*.txt` fixtures use the file name as id.
    static func sample(_ name: String) throws -> Sample {
        if name.hasSuffix(".json") {
            let data = try Data(contentsOf: url(name))
            guard let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
                  let id = object["id"] as? String, let text = object["text"] as? String else {
                throw Missing(name: name + " fields")
            }
            return Sample(id: id, url: object["url"] as? String, text: text)
        }
        return Sample(id: name, url: nil, text: try text(name))
    }

    static func fingerprint(_ name: String, index: DedupeIndex) throws -> ArticleFingerprint {
        let sample = try sample(name)
        return index.fingerprinter.fingerprint(id: sample.id, url: sample.url, text: sample.text)
    }
}
