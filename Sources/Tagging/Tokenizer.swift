/// A token of the input with its UTF-8 byte range. Works on bytes because every sub-tagger walks the
/// same token array and byte offsets are what the result reports.
struct Token: Sendable {
    enum Kind: Sendable { case word, number, punct }
    var start: Int
    var end: Int
    var kind: Kind
    var text: String
    var lower: String
    var isCapitalized: Bool
    var isAllCaps: Bool
    /// First token of a sentence, a paragraph, a quotation or a parenthesis: capitals there say little.
    var sentenceStart: Bool
    var newlineBefore: Bool
    var spaceBefore: Bool
}

enum Tokenizer {
    /// Multi-byte punctuation that must not be glued into words: typographic quotes, dashes, ellipsis.
    @inline(__always)
    static func punctLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80 {
            switch b[i + 2] {
            case 0x93, 0x94, 0x98, 0x99, 0x9A, 0x9C, 0x9D, 0x9E, 0xA6, 0xB9, 0xBA: return 3
            default: return 0
            }
        }
        if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xAB || b[i + 1] == 0xBB { return 2 }
        return 0
    }

    @inline(__always)
    static func spaceLength(_ b: UnsafeBufferPointer<UInt8>, _ i: Int) -> Int {
        let c = b[i]
        if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0B || c == 0x0C { return 1 }
        if c == 0xC2, i + 1 < b.count, b[i + 1] == 0xA0 { return 2 }
        if c == 0xE2, i + 2 < b.count, b[i + 1] == 0x80, (0x80...0x8B).contains(b[i + 2]) || b[i + 2] == 0xAF { return 3 }
        return 0
    }

    @inline(__always)
    static func isWordByte(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c >= 0x80
    }

    @inline(__always)
    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    static let openers: Set<String> = [",,", "“", "„", "\"", "«", "‘", "‚", "'", "(", "[", "-", "–", "—", ":", "‹"]
    static let enders: Set<String> = [".", "!", "?", ";", "…"]

    static func tokenize(_ text: String) -> [Token] {
        var utf8 = Array(text.utf8)
        return utf8.withUnsafeMutableBufferPointer { mb in
            tokenize(bytes: UnsafeBufferPointer(mb))
        }
    }

    static func tokenize(bytes b: UnsafeBufferPointer<UInt8>) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(b.count / 5)
        var i = 0
        var newline = true
        var space = true
        while i < b.count {
            let sl = spaceLength(b, i)
            if sl > 0 {
                if b[i] == 0x0A { newline = true }
                space = true
                i += sl
                continue
            }
            let start = i
            var kind: Token.Kind
            let pl = punctLength(b, i)
            if pl > 0 {
                i += pl
                kind = .punct
            } else if isWordByte(b[i]) {
                kind = isDigit(b[i]) ? .number : .word
                i += 1
                while i < b.count {
                    let c = b[i]
                    if punctLength(b, i) > 0 {
                        // Apostrophe ’ between letters stays in the word ("video’s").
                        if c == 0xE2, b[i + 2] == 0x99, i + 3 < b.count, isWordByte(b[i + 3]), kind == .word {
                            i += 3
                            continue
                        }
                        break
                    }
                    if isWordByte(c) {
                        if kind == .number && !isDigit(c) && c < 0x80 {
                            // "16e", "3D": digits followed by letters form one word token.
                            kind = .word
                        }
                        i += 1
                        continue
                    }
                    if i + 1 < b.count {
                        let n = b[i + 1]
                        if (c == 0x2E || c == 0x2C), kind == .number, isDigit(n), isDigit(b[i - 1]) {
                            i += 1
                            continue
                        }
                        if (c == 0x2D || c == 0x27 || c == 0x26), isWordByte(n), isWordByte(b[i - 1]) {
                            i += 1
                            continue
                        }
                    }
                    break
                }
            } else {
                // ASCII punctuation; ",," (Dutch opening quote) is one token.
                if b[i] == 0x2C, i + 1 < b.count, b[i + 1] == 0x2C {
                    i += 2
                } else {
                    i += 1
                }
                kind = .punct
            }
            let text = String(decoding: UnsafeBufferPointer(rebasing: b[start..<i]), as: UTF8.self)
            var capitalized = false
            var allCaps = false
            var lower = text
            if kind == .word {
                let first = b[start]
                if first >= 0x41 && first <= 0x5A {
                    capitalized = true
                } else if first >= 0x80, let ch = text.first, ch.isUppercase {
                    capitalized = true
                }
                lower = text.lowercased()
                if capitalized {
                    allCaps = text.count >= 2 && lower != text && text.uppercased() == text
                }
            }
            let prev = tokens.last
            let sentenceStart = prev == nil || newline || (prev.map { $0.kind == .punct && (enders.contains($0.text) || openers.contains($0.text)) } ?? true)
            tokens.append(Token(start: start, end: i, kind: kind, text: text, lower: lower,
                                isCapitalized: capitalized, isAllCaps: allCaps, sentenceStart: sentenceStart,
                                newlineBefore: newline, spaceBefore: space))
            newline = false
            space = false
        }
        return tokens
    }
}
