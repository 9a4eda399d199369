/// A language's adjective endings ("-isch", "-ese": `EntityRecognizer.adjectiveSuffixWords`), which
/// mark a capitalised word as an adjective of a place or people ("Russische", "Chinese").
///
/// Held as a `SuffixTable`, so a word is compared only with the endings that end in its last byte:
/// comparing it with every ending of its language in turn (`lowerHasSuffix`, ~30 instructions
/// each) was asked for every run of two capitals and every lone capitalised word typed by the rules.
/// A class: `EntityRecognizer.rules` hands it out per article, one reference instead of its arrays.
final class AdjectiveEndings: Sendable {
    private let table: SuffixTable
    /// Per ending (list order): its length in Unicode scalars.
    private let lengths: [Int]

    init(_ endings: [String]) {
        table = SuffixTable(endings.map { Array($0.utf8) })
        lengths = endings.map { $0.unicodeScalars.count }
    }

    /// For a language without endings.
    static let none = AdjectiveEndings([])

    /// Whether the lower-cased word `i` ends in one of the endings with at least three more
    /// letters before it.
    func endWord(_ doc: TokenizedText, _ i: Int) -> Bool {
        guard !lengths.isEmpty else { return false }
        let length = doc.tokens[i].length
        return lengths.withUnsafeBufferPointer { l in table.matchIndex(doc, i, where: { length > l[$0] + 2 }) != nil }
    }
}
