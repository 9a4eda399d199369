import Foundation

/// German writes every noun with a capital and glues nouns together, so most capitalised words the
/// background list does not know are compounds of words it does ("Wärmepumpe", "Fahrzeit",
/// "Hausbesitzer"). A place name is often built the same way from an element that is also a word
/// ("Ludwigs-lust", "Witten-berge", "Lüne-burg"): those elements keep the word a name.
enum GermanCompounds {
    /// Endings of place names (and of the "-mann" surnames) that are also common words.
    static let nameElements: [[UInt8]] = [
        "burg", "berg", "berge", "dorf", "feld", "felde", "hausen", "stadt", "heim", "bach", "hafen",
        "kirchen", "furt", "lust", "see", "land", "reich", "hof", "hofen", "ingen", "wald", "walde",
        "stein", "tal", "thal", "rode", "hagen", "born", "brunn", "brück", "brücke", "werder", "leben",
        "mark", "ach", "mann", "burger", "berger", "dorfer", "heimer",
    ].map { Array($0.utf8) }
    static let nameElementTable = SuffixTable(nameElements)

    /// Suffixes that make an abstract or plural common noun ("Lesungen", "Förderung", "Mannschaft").
    static let nounSuffixes: [(bytes: [UInt8], length: Int)] = [
        "ung", "ungen", "heit", "heiten", "keit", "keiten", "schaft", "schaften", "tion", "tionen",
        "ität", "itäten", "innen",
    ].map { (Array($0.utf8), $0.unicodeScalars.count) }
    static let nounSuffixTable = SuffixTable(nounSuffixes.map(\.bytes))

    /// The suffix tables as one value the caller keeps (`EntityRecognizer.compounds`): read as
    /// static lets, each read was a call to check their one-time initialisation (two to three per
    /// compound candidate).
    struct Tables: Sendable {
        let nounSuffixes: SuffixTable
        /// `nounSuffixes`' lengths in scalars, by list index.
        let nounSuffixLengths: [Int]
        let nameElements: SuffixTable
        static let standard = Tables(nounSuffixes: nounSuffixTable, nounSuffixLengths: GermanCompounds.nounSuffixes.map(\.length),
                                     nameElements: nameElementTable)

        /// Whether the lower-cased word `i` ends in a name element ("-burg", "-hausen").
        func endsInNameElement(_ doc: TokenizedText, _ i: Int) -> Bool {
            nameElements.matchIndex(doc, i, where: { _ in true }) != nil
        }
    }

    /// Shortest head and tail of a compound, in letters.
    static let minimumHead = 3
    static let minimumTail = 4
    /// Tails shorter than this need a head that is a word (`isHead`).
    static let shortTail = 6
    /// Zipf frequency a tail needs to count as a common word (a bit above the common-word bar:
    /// surnames are compounds too, "Wagen-knecht").
    static let tailZipf = 3.5

    /// `LanguageLexicon.compoundTailBits` for a background list (word, Zipf × 100).
    static func tailBits(_ background: [(String, Int)]) -> [UInt64] {
        var bits = [UInt64](repeating: 0, count: LanguageLexicon.stemPrefixBitCount / 64)
        for (word, z) in background where Double(z) / 100 >= tailZipf && word.unicodeScalars.count >= minimumTail {
            let b = CaseFolding.lowercased(word)
            guard b.count >= 3 else { continue }
            let bit = LanguageLexicon.stemPrefixBit(b[0], b[1], b[2])
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }
        return bits
    }

    /// True when token `i` is a compound common noun: it ends in a noun suffix, or in a common word of
    /// at least `minimumTail` letters after a head of at least `minimumHead`, and in no name element.
    static func isCompoundNoun(_ doc: TokenizedText, _ i: Int, vocabulary: ByteVocabulary, lex: LanguageLexicon) -> Bool {
        isCompoundNoun(doc, i, vocabulary: vocabulary, lex: lex, tables: .standard)
    }

    static func isCompoundNoun(_ doc: TokenizedText, _ i: Int, vocabulary: ByteVocabulary, lex: LanguageLexicon,
                               tables: Tables) -> Bool {
        let t = doc.tokens[i]
        guard t.kind == .word, !t.isAllCaps, !t.hasHyphen, t.length >= minimumHead + minimumTail - 1 else { return false }
        // Name elements are checked last, only for a word that otherwise qualifies (most do not).
        let lengths = tables.nounSuffixLengths
        if tables.nounSuffixes.matchIndex(doc, i, where: { t.length >= lengths[$0] + minimumHead }) != nil {
            return !tables.endsInNameElement(doc, i)
        }
        guard t.length >= minimumHead + minimumTail else { return false }
        return hasCommonTail(doc, t, vocabulary: vocabulary, lex: lex) && !tables.endsInNameElement(doc, i)
    }

    /// Whether the part before a common tail is itself a word: as written ("Wärme-pumpe"), without
    /// a linking "s"/"es"/"n"/"en" ("Tages-karte"), or as the stem of a word ending in "e"/"en"
    /// ("Schul-klassen", "Fahr-zeit"), or starting with a word. Surnames glue a non-word to a word
    /// ("Baer-bock"): they are no compound nouns.
    static func isHead(_ head: UnsafeBufferPointer<UInt8>, vocabulary: ByteVocabulary, lex: LanguageLexicon) -> Bool {
        func known(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
            guard bytes.count >= minimumHead, let id = vocabulary.find(hash: ByteHash.hash(bytes)) else { return false }
            return lex.zipf(id: id) != nil || lex.has(id: id, LanguageLexicon.stopword)
        }
        if known(head) { return true }
        // A head that is a compound itself starts with a word ("Zwei-stunden-takt", "Jahres-arbeits-zahl").
        var end = minimumHead
        while end < head.count {
            if head[end] & 0xC0 != 0x80, known(UnsafeBufferPointer(rebasing: head[0..<end])) { return true }
            end += 1
        }
        for link in [1, 2] where head.count > link + minimumHead - 1 {
            let c = head[head.count - 1]
            // Linking elements: "s", "n" (one byte) or "es", "en" (two).
            guard link == 1 ? (c == 0x73 || c == 0x6E) : (c == 0x73 || c == 0x6E) && head[head.count - 2] == 0x65 else { continue }
            if known(UnsafeBufferPointer(rebasing: head[0..<(head.count - link)])) { return true }
        }
        var buffer = [UInt8](head)
        for ending in [[UInt8(0x65)], [UInt8(0x65), 0x6E]] {
            buffer.removeLast(buffer.count - head.count)
            buffer += ending
            if buffer.withUnsafeBufferPointer({ known($0) }) { return true }
        }
        return false
    }

    private static func hasCommonTail(_ doc: TokenizedText, _ t: Token, vocabulary: ByteVocabulary, lex: LanguageLexicon) -> Bool {
        doc.lower.withUnsafeBufferPointer { lower in
            var head = 0
            var k = t.lowerStart
            while k < t.lowerEnd {
                if lower[k] & 0xC0 != 0x80 {
                    if head >= minimumHead {
                        guard t.length - head >= minimumTail else { return false }
                        // No bits (a lexicon compiled without them): every split point is probed.
                        let bit = LanguageLexicon.stemPrefixBit(lower[k], lower[k + 1], lower[k + 2])
                        if !lex.compoundTailBits.isEmpty, lex.compoundTailBits[bit >> 6] & (1 << UInt64(bit & 63)) == 0 {
                            head += 1
                            k += 1
                            continue
                        }
                        let tail = UnsafeBufferPointer(rebasing: lower[k..<t.lowerEnd])
                        // A short tail ("-bock") is where surnames and compounds meet: there the head must be a word too.
                        if let id = vocabulary.find(hash: ByteHash.hash(tail)), let z = lex.zipf(id: id), z >= tailZipf,
                           t.length - head >= shortTail
                            || isHead(UnsafeBufferPointer(rebasing: lower[t.lowerStart..<k]), vocabulary: vocabulary, lex: lex) {
                            return true
                        }
                    }
                    head += 1
                }
                k += 1
            }
            return false
        }
    }
}

/// Byte strings in one flat array, for testing a token's lower-cased tail against all of them
/// without touching an array per string (`[[UInt8]]` retained and released each element: ~930
/// instructions per German chunk word for the 40 name elements).
///
/// The strings are grouped by their last byte, so a token is compared only with those that end like
/// it: scanning all 40 name elements for their last byte cost ~760 instructions per call, run for
/// every German compound candidate.
struct SuffixTable: Sendable {
    private let bytes: [UInt8]
    /// Per string, in groups by last byte (list order within a group): its index in the list, and
    /// where its bytes start and end in `bytes`.
    private let entries: [(index: Int32, start: Int32, end: Int32)]
    /// The group of last byte b is `entries[groups[b]..<groups[b + 1]]`.
    private let groups: [Int32]

    /// An empty string ends every non-empty token: it is in every group.
    init(_ strings: [[UInt8]]) {
        bytes = strings.flatMap { $0 }
        var starts = [0]
        for s in strings { starts.append(starts[starts.count - 1] + s.count) }
        var entries: [(index: Int32, start: Int32, end: Int32)] = []
        var groups: [Int32] = []
        for last in 0...255 {
            groups.append(Int32(entries.count))
            for (j, s) in strings.enumerated() where s.last.map({ Int($0) == last }) ?? true {
                entries.append((Int32(j), Int32(starts[j]), Int32(starts[j + 1])))
            }
        }
        groups.append(Int32(entries.count))
        self.entries = entries
        self.groups = groups
    }

    /// The first string j (in list order) with `accept(j)` that the lower-cased token `i` ends with
    /// (or is), as `TokenizedText.lowerHasSuffix` compares.
    @inline(__always)
    func matchIndex(_ doc: TokenizedText, _ i: Int, where accept: (Int) -> Bool) -> Int? {
        let t = doc.tokens[i]
        let tokenLength = t.lowerEnd - t.lowerStart
        guard tokenLength > 0 else { return nil }
        return doc.lower.withUnsafeBufferPointer { lower in
            bytes.withUnsafeBufferPointer { table in
                entries.withUnsafeBufferPointer { entries in
                    groups.withUnsafeBufferPointer { groups in
                        guard let lowerBase = lower.baseAddress, let entryBase = entries.baseAddress,
                              let groupBase = groups.baseAddress else { return nil }
                        let tail = lowerBase + t.lowerEnd
                        let last = Int(tail[-1])
                        for o in Int(groupBase[last])..<Int(groupBase[last + 1]) {
                            let e = entryBase[o]
                            let length = Int(e.end - e.start)
                            guard length <= tokenLength else { continue }
                            // The last byte is equal (the group's): the rest compared from the end.
                            var k = 2
                            while k <= length, tail[-k] == table[Int(e.end) - k] { k += 1 }
                            if k > length, accept(Int(e.index)) { return Int(e.index) }
                        }
                        return nil
                    }
                }
            }
        }
    }
}
