import Foundation

/// What one Unicode scalar contributes to a token, precomputed for Latin scripts (U+0000–U+024F,
/// where almost all European news text lives) so the hot loop never asks Unicode properties.
struct FoldEntry: Sendable, Equatable {
    enum Kind: UInt8, Sendable { case separator, ignore, standalone, letter }
    var kind: Kind
    /// Up to two output scalars (ß → "ss", æ → "ae"); `second` is 0 when unused.
    var first: UInt32
    var second: UInt32

    static let separator = FoldEntry(kind: .separator, first: 0, second: 0)
    static let ignore = FoldEntry(kind: .ignore, first: 0, second: 0)

    /// What the scalar writes into folded text (`TextFolder`), where a token is a run of nonzero
    /// bytes: the bytes `TokenHashAccumulator` takes for its output scalars, a zero before and after
    /// a standalone one, a zero for a separator, nothing for an ignored scalar. Packed first byte
    /// lowest in bits 0–55, the count in bits 56–63 (at most 6 + 2).
    var foldedBytes: UInt64 {
        var bytes: UInt64 = 0
        var count: UInt64 = 0
        func add(_ byte: UInt64) {
            bytes |= byte &<< (8 &* count)
            count &+= 1
        }
        func add(scalar: UInt32) {
            TokenHashAccumulator.forEachByte(of: scalar) { add($0) }
        }
        switch kind {
        case .separator:
            add(0)
        case .ignore:
            break
        case .standalone:
            add(0)
            add(scalar: first)
            add(0)
        case .letter:
            add(scalar: first)
            if second != 0 { add(scalar: second) }
        }
        return bytes | count &<< 56
    }
}

/// Case folding, optional diacritic folding and token classes. Built from the Unicode data in the
/// standard library and Foundation's canonical decomposition, both stable for these code points, so
/// fingerprints do not depend on the machine.
final class FoldTable: Sendable {
    static let latinLimit: UInt32 = 0x250
    /// General Punctuation (U+2000–U+206F): news text's typographic quotes, dashes, ellipses and
    /// spaces. Classified on every lookup, they were ~4 k instructions per 4 KB article.
    static let punctuation: Range<UInt32> = 0x2000..<0x2070
    let foldDiacritics: Bool
    let latin: [FoldEntry]
    let generalPunctuation: [FoldEntry]
    /// `FoldEntry.foldedBytes` of `latin` and `generalPunctuation`, for `TextFolder`.
    let latinBytes: [UInt64]
    let punctuationBytes: [UInt64]

    static let folding = FoldTable(foldDiacritics: true)
    static let caseOnly = FoldTable(foldDiacritics: false)

    static func shared(foldDiacritics: Bool) -> FoldTable { foldDiacritics ? folding : caseOnly }

    private init(foldDiacritics: Bool) {
        self.foldDiacritics = foldDiacritics
        var table: [FoldEntry] = []
        table.reserveCapacity(Int(Self.latinLimit))
        for value in 0..<Self.latinLimit {
            table.append(Self.classify(value, foldDiacritics: foldDiacritics))
        }
        latin = table
        generalPunctuation = Self.punctuation.map { Self.classify($0, foldDiacritics: foldDiacritics) }
        latinBytes = latin.map(\.foldedBytes)
        punctuationBytes = generalPunctuation.map(\.foldedBytes)
    }

    /// `entry(value).foldedBytes`, from a table for Latin and General Punctuation.
    @inline(__always)
    func foldedBytes(_ value: UInt32) -> UInt64 {
        if value < Self.latinLimit { return latinBytes[Int(value)] }
        let offset = value &- Self.punctuation.lowerBound
        if offset < UInt32(Self.punctuation.count) { return punctuationBytes[Int(offset)] }
        return Self.classify(value, foldDiacritics: foldDiacritics).foldedBytes
    }

    @inline(__always)
    func entry(_ value: UInt32) -> FoldEntry {
        if value < Self.latinLimit { return latin[Int(value)] }
        let offset = value &- Self.punctuation.lowerBound
        if offset < UInt32(Self.punctuation.count) { return generalPunctuation[Int(offset)] }
        return Self.classify(value, foldDiacritics: foldDiacritics)
    }

    /// Letters whose "base" is not reachable by canonical decomposition.
    private static let specialFolds: [UInt32: (UInt32, UInt32)] = [
        0xDF: (0x73, 0x73), // ß → ss
        0xE6: (0x61, 0x65), // æ → ae
        0x153: (0x6F, 0x65), // œ → oe
        0xF8: (0x6F, 0), // ø → o
        0x142: (0x6C, 0), // ł → l
        0x111: (0x64, 0), // đ → d
        0xF0: (0x64, 0), // ð → d
        0xFE: (0x74, 0x68), // þ → th
        0x131: (0x69, 0), // dotless ı → i
        0x127: (0x68, 0), // ħ → h
        0x140: (0x6C, 0), // ŀ → l
    ]

    static func classify(_ value: UInt32, foldDiacritics: Bool) -> FoldEntry {
        if value < 0x80 {
            switch value {
            case 0x41...0x5A: return FoldEntry(kind: .letter, first: value | 0x20, second: 0)
            case 0x61...0x7A, 0x30...0x39: return FoldEntry(kind: .letter, first: value, second: 0)
            default: return .separator
            }
        }
        // Combining marks: decomposed and precomposed spellings must give the same token.
        if (0x300...0x36F).contains(value) || value == 0x200D || value == 0x00AD || value == 0x200C {
            return .ignore
        }
        if isStandalone(value) {
            return FoldEntry(kind: .standalone, first: value, second: 0)
        }
        guard let scalar = Unicode.Scalar(value) else { return .separator }
        let properties = scalar.properties
        guard properties.isAlphabetic || properties.numericType != nil else { return .separator }
        if properties.generalCategory == .nonspacingMark || properties.generalCategory == .enclosingMark {
            return .ignore
        }
        var lower = value
        if properties.changesWhenLowercased, let mapped = properties.lowercaseMapping.unicodeScalars.first {
            lower = mapped.value
        }
        guard foldDiacritics else { return FoldEntry(kind: .letter, first: lower, second: 0) }
        if let special = specialFolds[lower] {
            return FoldEntry(kind: .letter, first: special.0, second: special.1)
        }
        if lower >= 0x80, let lowerScalar = Unicode.Scalar(lower) {
            let decomposed = String(Character(lowerScalar)).decomposedStringWithCanonicalMapping.unicodeScalars
            if let base = decomposed.first, base.value != lower, !(0x300...0x36F).contains(base.value) {
                return FoldEntry(kind: .letter, first: base.value, second: 0)
            }
        }
        return FoldEntry(kind: .letter, first: lower, second: 0)
    }

    /// Scripts written without spaces: each character is its own token, else a whole sentence
    /// would be one "word" and shingling would see nothing.
    private static func isStandalone(_ value: UInt32) -> Bool {
        switch value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x2FA1F,
             0x0E00...0x0E7F, 0x0E80...0x0EFF, 0x1000...0x109F, 0x1780...0x17FF:
            return true
        default:
            return false
        }
    }
}
