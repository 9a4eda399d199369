/// Skips one HTML construct starting at `<`. Block-level elements become paragraph breaks so
/// that markup-delimited paragraphs survive as lines; the content of script-like elements goes.
enum HTMLTagScanner {
    private static let blockTags: Set<String> = [
        "p", "div", "br", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table",
        "blockquote", "section", "article", "header", "footer", "nav", "aside", "figure",
        "figcaption", "hr", "pre", "dd", "dt", "dl", "main", "form", "title", "body", "html",
        "head", "address", "details", "summary", "caption", "tbody", "thead", "tfoot",
    ]
    private static let cellTags: Set<String> = ["td", "th"]
    private static let rawTextTags: Set<String> = ["script", "style", "noscript", "template", "svg", "iframe"]

    /// Precondition: a `>` exists after `i` (the caller checks against the last `>`).
    /// Returns the index after the construct.
    static func skipTag(_ p: UnsafeBufferPointer<UInt8>, from i: Int, writer w: inout TextNormalizer.Writer) -> Int {
        let n = p.count
        // Comments end at "-->", or at the end of the text when unclosed.
        if i + 3 < n, p[i + 1] == UInt8(ascii: "!"), p[i + 2] == UInt8(ascii: "-"), p[i + 3] == UInt8(ascii: "-") {
            var j = i + 4
            while j + 2 < n {
                if p[j] == UInt8(ascii: "-"), p[j + 1] == UInt8(ascii: "-"), p[j + 2] == UInt8(ascii: ">") {
                    return j + 3
                }
                j += 1
            }
            return n
        }
        var j = i + 1
        var closing = false
        if p[j] == UInt8(ascii: "/") {
            closing = true
            j += 1
        }
        let nameStart = j
        while j < n, j - nameStart < 16 {
            let c = p[j] | 0x20
            guard (c >= 0x61 && c <= 0x7A) || (p[j] >= 0x30 && p[j] <= 0x39) else { break }
            j += 1
        }
        var name = String(decoding: UnsafeBufferPointer(rebasing: p[nameStart..<j]), as: UTF8.self)
        name = name.lowercased()
        // The tag ends at the first '>': attribute values holding '>' are rare, and honouring
        // quotes would let an unbalanced quote swallow the document.
        while j < n, p[j] != UInt8(ascii: ">") { j += 1 }
        let end = min(n, j + 1)
        if blockTags.contains(name) {
            w.paragraph()
        } else if cellTags.contains(name) {
            w.space()
        } else if !closing, rawTextTags.contains(name) {
            return skipRawText(p, from: end, name: name)
        }
        return end
    }

    /// Finds `</name` case-insensitively; an unclosed raw-text element runs to the end, as in
    /// browsers. One forward scan with a fixed-length comparison: linear.
    private static func skipRawText(_ p: UnsafeBufferPointer<UInt8>, from start: Int, name: String) -> Int {
        let needle = Array(name.utf8)
        let n = p.count
        var j = start
        while j + 1 + needle.count < n {
            if p[j] == UInt8(ascii: "<"), p[j + 1] == UInt8(ascii: "/") {
                var matches = true
                for (k, c) in needle.enumerated() where p[j + 2 + k] | 0x20 != c {
                    matches = false
                    break
                }
                if matches {
                    var e = j + 2 + needle.count
                    while e < n, p[e] != UInt8(ascii: ">") { e += 1 }
                    return min(n, e + 1)
                }
            }
            j += 1
        }
        return n
    }
}
