import Cleaning
import Foundation

/// `CleaningEval --digest [FILE]`: every observable field of `clean` on the evaluation pages and
/// on variants of them (CRLF, HTML markup and entities, decomposed Unicode, daemon defaults), one
/// line per call. Two builds that print the same digest behave the same on this corpus, which is
/// how speed work is checked for unintended changes in behaviour.
func digest(patterns: PatternSet, pages: [Page], output: String?) {
    var lines: [String] = []
    func record(_ label: String, _ id: String, _ r: CleaningResult) {
        var fields = [label, String(id.prefix(12)), "lang=\(r.language ?? "-")", "flag=\(r.flagReason?.rawValue ?? "-")",
                      "lines=\(r.linesBefore)/\(r.linesAfter)", "words=\(r.wordsBefore)/\(r.wordsAfter)",
                      "text=\(fnv(r.text))"]
        fields.append("removed=" + r.removed.map { "\($0.ruleID)#\(fnv($0.text))" }.joined(separator: ","))
        lines.append(fields.joined(separator: " "))
    }
    func htmlVariant(_ text: String) -> String {
        var out = "<html><body>"
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let escaped = line.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "é", with: "&eacute;")
                .replacingOccurrences(of: "’", with: "&#8217;").replacingOccurrences(of: "  ", with: " &nbsp;")
            out += index % 3 == 0 ? "<p>\(escaped)</p>\n" : "<span class=\"x\">\(escaped)</span><br>\n"
        }
        return out + "<script>var a = '<p>';</script></body></html>"
    }
    var configuration = CleaningConfiguration()
    configuration.maxRemovedShare = 1
    let variants: [(String, CleaningConfiguration, (String) -> String)] = [
        ("plain", configuration, { $0 }),
        ("crlf", configuration, { $0.replacingOccurrences(of: "\n", with: "\r\n") }),
        ("html", configuration, htmlVariant),
        ("nfd", configuration, { $0.decomposedStringWithCanonicalMapping }),
        ("spaces", configuration, { $0.replacingOccurrences(of: " ", with: " \u{00A0} \t").replacingOccurrences(of: "e", with: "e\u{00AD}") }),
        ("daemon", CleaningConfiguration(), { $0 }),
    ]
    for (label, configuration, transform) in variants {
        let cleaner = Cleaner(configuration: configuration, patterns: patterns)
        for page in pages {
            record(label, page.id, cleaner.clean(transform(page.text), language: nil, source: page.source))
        }
        // A second pass: the learned signal is warm now.
        for page in pages.prefix(60) {
            record(label + "-warm", page.id, cleaner.clean(transform(page.text), language: nil, source: page.source))
        }
    }
    let languageCleaner = Cleaner(configuration: configuration, patterns: patterns)
    for page in pages.prefix(40) {
        record("lang-en", page.id, languageCleaner.clean(page.text, language: "en-GB", source: nil))
    }
    let all = lines.joined(separator: "\n") + "\n"
    print("digest: \(lines.count) calls, \(String(fnv(all), radix: 16))")
    if let output {
        do {
            try all.write(toFile: output, atomically: true, encoding: .utf8)
        } catch {
            print("digest: cannot write \(output): \(error)")
        }
    }
}

private func fnv(_ s: String) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in s.utf8 { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    return h
}
