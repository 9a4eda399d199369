import Testing
@testable import LanguageID

/// The hand decoder yields exactly the scalars `unicodeScalars` does, on substrings of every kind
/// of sequence (1 to 4 bytes) at every offset.
@Suite struct UTF8ScalarsTests {
    @Test func decodesLikeUnicodeScalars() {
        let text = "aé€😀 Київ ß中\u{0301}z\u{10FFFF}\u{7F}\u{80}\u{7FF}\u{800}\u{FFFF}\u{10000}"
        for start in 0..<text.count {
            for end in start...text.count {
                let piece = text[text.index(text.startIndex, offsetBy: start)..<text.index(text.startIndex, offsetBy: end)]
                let decoded = UTF8Scalars.of(piece) { scalars in
                    var values: [UInt32] = []
                    while let value = scalars.next() { values.append(value) }
                    return values
                }
                #expect(decoded == piece.unicodeScalars.map(\.value), "\(piece.debugDescription)")
            }
        }
    }

    /// The ASCII fold takes letters only, at most `limit`, and hashes them as the per-scalar loop
    /// would (lower-case form, FNV-1a step); the decoder continues right after them.
    @Test func foldsASCIILettersUpToLimitAndNonLetter() {
        let prime = FeatureScorer.fnvPrime
        for (text, limit, taken, rest) in [("AbZz@[`{é", 10, 4, "@"), ("Word", 2, 2, "r"), ("", 5, 0, nil),
                                           ("éa", 5, 0, "é"), ("abc", 0, 0, "a"), ("x9", 5, 1, "9")] as [(String, Int, Int, String?)] {
            UTF8Scalars.of(Substring(text)) { scalars in
                var hash = FeatureScorer.wordSeed
                let run = scalars.foldASCIILetters(into: &hash, limit: limit, prime: prime)
                var expected = FeatureScorer.wordSeed
                for scalar in text.unicodeScalars.prefix(taken) {
                    expected = (expected ^ UInt64(scalar.properties.lowercaseMapping.unicodeScalars.first?.value ?? 0)) &* prime
                }
                #expect(run == taken, "\(text)")
                #expect(hash == expected, "\(text)")
                #expect(scalars.next() == rest?.unicodeScalars.first?.value, "\(text)")
            }
        }
    }

    /// Between words, the skip takes ASCII non-letters only (not letters, not non-ASCII bytes),
    /// and `atASCIINonLetter` tells such a byte ahead (false at the end).
    @Test func skipsASCIINonLettersOnly() {
        for (text, rest, atNonLetter) in [(" ,.9-a", "a", true), ("  é", "é", true), ("Ab", "A", false),
                                          ("", nil, false), ("@[`{ z", "z", true)] as [(String, String?, Bool)] {
            UTF8Scalars.of(Substring(text)) { scalars in
                #expect(scalars.atASCIINonLetter == atNonLetter, "\(text)")
                scalars.skipASCIINonLetters()
                #expect(!scalars.atASCIINonLetter, "\(text)")
                #expect(scalars.next() == rest?.unicodeScalars.first?.value, "\(text)")
            }
        }
    }
}
