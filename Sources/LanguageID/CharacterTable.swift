/// Per-code-point facts the tokenizer needs (letter?, lower-case form, script), precomputed for the
/// Basic Multilingual Plane so the hot loop does one array read per scalar instead of querying
/// Unicode properties.
struct CharacterTable: Sendable {
    /// Bits 0–20 lower-case scalar, bit 21 letter flag, bits 24–31 `Script` raw value; 0 = not a letter.
    private let bmp: [UInt32]

    static let letterBit: UInt32 = 1 << 21

    init() {
        var table = [UInt32](repeating: 0, count: 0x10000)
        for v in 0..<UInt32(0x10000) {
            if let block = Self.uniformBlocks.first(where: { $0.range.contains(v) }) {
                table[Int(v)] = block.script.map { UInt32($0.rawValue) << 24 | Self.letterBit | v } ?? 0
            } else {
                table[Int(v)] = Self.compute(v)
            }
        }
        bmp = table
    }

    /// Blocks whose code points are all caseless letters of one script (`script`) or all no
    /// letters (nil), filled without Unicode property queries: they are 40 % of the plane and were
    /// most of this table's build time, which counts in the model's load time. A test checks them
    /// against `compute`.
    static let uniformBlocks: [(range: ClosedRange<UInt32>, script: Script?)] = [
        (0xAC00...0xD7A3, .hangul),  // Hangul syllables
        (0x4E00...0x9FFF, .han),  // CJK unified ideographs
        (0x3400...0x4DBF, .han),  // extension A
        (0xD800...0xF8FF, nil),  // surrogates, private use
    ]

    @inline(__always)
    func entry(_ v: UInt32) -> UInt32 {
        v < 0x10000 ? bmp[Int(v)] : Self.compute(v)
    }

    /// Mirrors the training tokenizer: letters and marks (general category L* or M*) form words,
    /// lower-cased to the first scalar of their lower-case mapping. Kept out of line: inlined in
    /// the scorers' loops (for scalars past the BMP, which news text hardly has), its category
    /// constants were loaded at every pass's start (~24 instructions a line) and held registers.
    @inline(never)
    static func compute(_ v: UInt32) -> UInt32 {
        guard let scalar = Unicode.Scalar(v) else { return 0 }
        let props = scalar.properties
        switch props.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .nonspacingMark, .spacingMark, .enclosingMark:
            break
        default:
            return 0
        }
        var lower = v
        if props.changesWhenLowercased, let first = props.lowercaseMapping.unicodeScalars.first {
            lower = first.value
        }
        return (UInt32(Script.of(v).rawValue) << 24) | letterBit | (lower & 0x1F_FFFF)
    }
}
