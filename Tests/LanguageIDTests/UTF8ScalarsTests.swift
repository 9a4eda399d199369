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
}
