/// The text view that fingerprints are computed over: case-folded word tokens, punctuation
/// dropped, whitespace irrelevant, diacritics optionally folded (so "Poetin's" re-typed without
/// accents on one site still matches). The string functions here are for tests and debugging;
/// `Fingerprinter` runs the same tokenizer without building strings.
public struct TextNormalizer: Sendable {
    public var foldDiacritics: Bool

    public init(foldDiacritics: Bool = true) {
        self.foldDiacritics = foldDiacritics
    }

    /// The tokens in order.
    public func tokens(_ text: String) -> [String] {
        var sink = StringTokenSink()
        TokenScanner.scan(text, table: FoldTable.shared(foldDiacritics: foldDiacritics), into: &sink)
        return sink.tokens
    }

    /// Tokens joined by single spaces: the text whose hash is the exact-duplicate key.
    public func normalize(_ text: String) -> String {
        tokens(text).joined(separator: " ")
    }

    /// Word shingles of `size` tokens (a text shorter than `size` gives one shingle of all its tokens).
    public func shingles(_ text: String, size: Int) -> [String] {
        let words = tokens(text)
        let width = max(1, size)
        guard !words.isEmpty else { return [] }
        guard words.count >= width else { return [words.joined(separator: " ")] }
        return (0...(words.count - width)).map { words[$0..<($0 + width)].joined(separator: " ") }
    }
}

struct StringTokenSink: TokenSink {
    var tokens: [String] = []
    var current = String.UnicodeScalarView()

    mutating func append(_ scalar: UInt32) {
        if let value = Unicode.Scalar(scalar) { current.append(value) }
    }

    mutating func endToken(hash: UInt64) {
        tokens.append(String(current))
        current = String.UnicodeScalarView()
    }
}
