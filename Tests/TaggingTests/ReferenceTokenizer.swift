import Testing
@testable import Tagging

/// The tokenizer as it was before the byte-table rewrite, kept as the reference the fast path must
/// reproduce token for token.
enum ReferenceTokenizer {
    static func tokenize(_ text: String, vocabulary: ByteVocabulary? = nil) -> TokenizedText {
        let bytes = Array(text.utf8)
        var lower: [UInt8] = []
        let tokens = bytes.withUnsafeBufferPointer { b in
            tokenize(bytes: b, lower: &lower, vocabulary: vocabulary)
        }
        return TokenizedText(bytes: bytes, lower: lower, tokens: tokens)
    }

    static func tokenize(bytes b: UnsafeBufferPointer<UInt8>, lower: inout [UInt8], vocabulary: ByteVocabulary?) -> [Token] {
        var tokens: [Token] = []
        tokens.reserveCapacity(b.count / 5)
        var i = 0
        var newline = true
        var space = true
        var prevEnder = true
        while i < b.count {
            let sl = Tokenizer.spaceLength(b, i)
            if sl > 0 {
                if b[i] == 0x0A { newline = true }
                space = true
                i += sl
                continue
            }
            let start = i
            var kind: Token.Kind
            let pl = Tokenizer.punctLength(b, i)
            if pl > 0 {
                i += pl
                kind = .punct
            } else if Tokenizer.isWordByte(b[i]) {
                kind = Tokenizer.isDigit(b[i]) ? .number : .word
                i += 1
                while i < b.count {
                    let c = b[i]
                    if Tokenizer.punctLength(b, i) > 0 {
                        // Apostrophe ’ between letters stays in the word ("video’s").
                        if c == 0xE2, b[i + 2] == 0x99, i + 3 < b.count, Tokenizer.isWordByte(b[i + 3]), kind == .word {
                            i += 3
                            continue
                        }
                        break
                    }
                    if Tokenizer.isWordByte(c) {
                        if kind == .number && !Tokenizer.isDigit(c) && c < 0x80 {
                            // "16e", "3D": digits followed by letters form one word token.
                            kind = .word
                        }
                        i += 1
                        continue
                    }
                    if i + 1 < b.count {
                        let n = b[i + 1]
                        if (c == 0x2E || c == 0x2C), kind == .number, Tokenizer.isDigit(n), Tokenizer.isDigit(b[i - 1]) {
                            i += 1
                            continue
                        }
                        if (c == 0x2D || c == 0x27 || c == 0x26), Tokenizer.isWordByte(n), Tokenizer.isWordByte(b[i - 1]) {
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
            // One pass over the token: hashes of both forms, the lower-cased copy, case shape.
            let lowerStart = lower.count
            var hasUpper = false, hasLower = false, firstUpper = false
            var hasHyphen = false, hasDot = false
            var scalars = 0
            var k = start
            while k < i {
                let c = b[k]
                if c < 0x80 {
                    var l = c
                    if c >= 0x41 && c <= 0x5A {
                        l = c | 0x20
                        hasUpper = true
                        if k == start { firstUpper = true }
                    } else if c >= 0x61 && c <= 0x7A {
                        hasLower = true
                    } else if c == 0x2D {
                        hasHyphen = true
                    } else if c == 0x2E {
                        hasDot = true
                    }
                    lower.append(l)
                    scalars += 1
                    k += 1
                    continue
                }
                let (v, len) = CaseFolding.decode(b, k, i)
                if len == 1 {
                    lower.append(c)
                } else {
                    let f = CaseFolding.fold(v)
                    if f.isUpper {
                        hasUpper = true
                        if k == start { firstUpper = true }
                    }
                    if f.isLower { hasLower = true }
                    if let m = f.multi { lower.append(contentsOf: m.utf8) } else { CaseFolding.appendUTF8(f.lower, to: &lower) }
                }
                scalars += 1
                k += len
            }
            let eh = ByteHash.hash(Array(b[start..<i]))
            let lh = ByteHash.hash(Array(lower[lowerStart..<lower.count]))
            var capitalized = false, allCaps = false
            if kind == .word {
                capitalized = firstUpper
                allCaps = capitalized && scalars >= 2 && !hasLower
            }
            var id: Int32 = -1, exactID: Int32 = -1
            if let v = vocabulary {
                id = lower.withUnsafeBufferPointer { v.find(hash: lh, UnsafeBufferPointer(rebasing: $0[lowerStart..<lower.count])) } ?? -1
                exactID = hasUpper ? (v.find(hash: eh, UnsafeBufferPointer(rebasing: b[start..<i])) ?? -1) : id
            }
            let sentenceStart = tokens.isEmpty || newline || prevEnder
            prevEnder = kind == .punct && (Tokenizer.enders.contains(eh) || Tokenizer.openers.contains(eh))
            tokens.append(Token(start: start, end: i, lowerStart: lowerStart, lowerEnd: lower.count, kind: kind,
                                id: id, exactID: exactID, exactHash: eh, lowerHash: lh, length: scalars,
                                isCapitalized: capitalized, isAllCaps: allCaps, sentenceStart: sentenceStart,
                                newlineBefore: newline, spaceBefore: space, hasHyphen: hasHyphen, hasDot: hasDot))
            newline = false
            space = false
        }
        return tokens
    }
}

/// Every field of every token from the fast tokenizer equals the reference tokenizer's.
func expectTokenizerMatchesReference(_ text: String) throws {
        let vocab = try #require(sharedTagger).data.vocabulary
        let fast = Tokenizer.tokenize(text, vocabulary: vocab)
        let ref = ReferenceTokenizer.tokenize(text, vocabulary: vocab)
        expectSameTokens(fast, ref)
}

/// Every field of every token (and the lower-cased text) equal.
func expectSameTokens(_ fast: TokenizedText, _ ref: TokenizedText) {
        #expect(fast.lower == ref.lower)
        #expect(fast.tokens.count == ref.tokens.count)
        for (a, b) in zip(fast.tokens, ref.tokens) {
            #expect(a.start == b.start && a.end == b.end && a.lowerStart == b.lowerStart && a.lowerEnd == b.lowerEnd)
            #expect(a.kind == b.kind && a.id == b.id && a.exactID == b.exactID)
            #expect(a.exactHash == b.exactHash && a.lowerHash == b.lowerHash && a.length == b.length)
            #expect(a.isCapitalized == b.isCapitalized && a.isAllCaps == b.isAllCaps && a.sentenceStart == b.sentenceStart)
            #expect(a.newlineBefore == b.newlineBefore && a.spaceBefore == b.spaceBefore)
            #expect(a.hasHyphen == b.hasHyphen && a.hasDot == b.hasDot)
        }
}
