/// Writing systems the identifier distinguishes. Many languages are decided by script alone, and the
/// statistical model only has to separate languages that share one.
public enum Script: UInt8, Sendable, CaseIterable {
    case other = 0
    case latin, cyrillic, greek, arabic, hebrew, devanagari, bengali, gurmukhi, gujarati
    case tamil, telugu, thai, georgian, armenian, hangul, kana, han

    /// `allCases` and its count, built once: the synthesized `allCases` builds an array on every
    /// access, and the segmenter asked for it twice per line.
    static let all: [Script] = allCases
    static let count = all.count

    /// Script of a code point by block ranges. Combining marks shared by scripts answer `.other` so
    /// they neither vote nor break a word.
    static func of(_ v: UInt32) -> Script {
        switch v {
        case 0x41...0x5A, 0x61...0x7A, 0xC0...0x24F, 0x250...0x2AF, 0x1E00...0x1EFF, 0x2C60...0x2C7F,
             0xA720...0xA7FF, 0xFF21...0xFF3A, 0xFF41...0xFF5A:
            return .latin
        case 0x370...0x3FF, 0x1F00...0x1FFF: return .greek
        case 0x400...0x52F, 0x1C80...0x1C8F, 0x2DE0...0x2DFF, 0xA640...0xA69F: return .cyrillic
        case 0x530...0x58F: return .armenian
        case 0x590...0x5FF, 0xFB1D...0xFB4F: return .hebrew
        case 0x600...0x6FF, 0x750...0x77F, 0x8A0...0x8FF, 0xFB50...0xFDFF, 0xFE70...0xFEFF: return .arabic
        case 0x900...0x97F, 0xA8E0...0xA8FF: return .devanagari
        case 0x980...0x9FF: return .bengali
        case 0xA00...0xA7F: return .gurmukhi
        case 0xA80...0xAFF: return .gujarati
        case 0xB80...0xBFF: return .tamil
        case 0xC00...0xC7F: return .telugu
        case 0xE00...0xE7F: return .thai
        case 0x10A0...0x10FF, 0x1C90...0x1CBF, 0x2D00...0x2D2F: return .georgian
        case 0x1100...0x11FF, 0x3130...0x318F, 0xA960...0xA97F, 0xAC00...0xD7AF, 0xD7B0...0xD7FF:
            return .hangul
        case 0x3040...0x30FF, 0x31F0...0x31FF, 0xFF66...0xFF9F: return .kana
        case 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return .han
        default: return .other
        }
    }

    /// The language a script alone identifies, for scripts used by one language of the 75.
    var soleLanguage: String? {
        switch self {
        case .greek: "el"
        case .hebrew: "he"
        case .bengali: "bn"
        case .gurmukhi: "pa"
        case .gujarati: "gu"
        case .tamil: "ta"
        case .telugu: "te"
        case .thai: "th"
        case .georgian: "ka"
        case .armenian: "hy"
        case .hangul: "ko"
        case .kana: "ja"
        case .han: "zh"
        default: nil
        }
    }
}
