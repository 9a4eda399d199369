@testable import Tagging

/// The English possessive split as it was first written, a post-pass that rebuilt the token array
/// (main 511fbde), kept as the reference the tokenizer's own split (`Tokenizer+Possessives.swift`)
/// must reproduce token for token.
extension TokenizedText {
    /// The text with every possessive split off its word, or nil when it has none (the usual case,
    /// one pass over the tokens).
    func splittingPossessives(vocabulary: ByteVocabulary) -> TokenizedText? {
        guard tokens.contains(where: { possessiveLength($0) > 0 }) else { return nil }
        var split: [Token] = []
        split.reserveCapacity(tokens.count + 16)
        for t in tokens {
            let k = possessiveLength(t)
            guard k > 0 else {
                split.append(t)
                continue
            }
            let end = t.end - k
            let lowerEnd = t.lowerEnd - k
            let exact = Self.hash(bytes, t.start..<end)
            let lowerHash = Self.hash(lower, t.lowerStart..<lowerEnd)
            // "NATO's" was not all capitals with its "s"; the word alone may be.
            let baseIsAllCaps = t.isCapitalized && t.length - 2 >= 2 && bytes[t.start..<end].allSatisfy { $0 < 0x61 || $0 > 0x7A }
                && bytes[t.start..<end].allSatisfy { $0 < 0x80 }
            split.append(Token(start: t.start, end: end, lowerStart: t.lowerStart, lowerEnd: lowerEnd, kind: .word,
                               id: vocabulary.findID(hash: lowerHash), exactID: vocabulary.findID(hash: exact),
                               exactHash: exact, lowerHash: lowerHash, length: t.length - 2,
                               isCapitalized: t.isCapitalized, isAllCaps: t.isAllCaps || baseIsAllCaps,
                               sentenceStart: t.sentenceStart, newlineBefore: t.newlineBefore, spaceBefore: t.spaceBefore,
                               hasHyphen: t.hasHyphen, hasDot: t.hasDot))
            let clitic = Self.hash(bytes, end..<t.end)
            let cliticLower = Self.hash(lower, lowerEnd..<t.lowerEnd)
            split.append(Token(start: end, end: t.end, lowerStart: lowerEnd, lowerEnd: t.lowerEnd, kind: .punct,
                               id: vocabulary.findID(hash: cliticLower), exactID: vocabulary.findID(hash: clitic),
                               exactHash: clitic, lowerHash: cliticLower, length: 2,
                               isCapitalized: false, isAllCaps: false, sentenceStart: false, newlineBefore: false,
                               spaceBefore: false, hasHyphen: false, hasDot: false))
        }
        return TokenizedText(bytes: bytes, lower: lower, tokens: split)
    }

    /// `ByteHash` of a range in place (the `Sequence` overload copies it into an array first).
    private static func hash(_ array: [UInt8], _ range: Range<Int>) -> UInt64 {
        array.withUnsafeBufferPointer { ByteHash.hash(UnsafeBufferPointer(rebasing: $0[range])) }
    }

    /// Bytes of a trailing "'s" / "’s" (or "'S") after at least one letter of a word: 2, 4 or 0.
    private func possessiveLength(_ t: Token) -> Int {
        let end = t.end
        guard t.kind == .word, end - t.start >= 3, bytes[end - 1] | 0x20 == 0x73 else { return 0 }
        if bytes[end - 2] == 0x27 { return 2 }
        if end - t.start >= 5, bytes[end - 4] == 0xE2, bytes[end - 3] == 0x80, bytes[end - 2] == 0x99 { return 4 }
        return 0
    }
}
