/// Part of `Tokenizer` (Tokenizer.swift): the byte classes and the punctuation and space tests the scan uses.
extension Tokenizer {
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

    static let openers: [UInt64] = [",,", "“", "„", "\"", "«", "‘", "‚", "'", "(", "[", "-", "–", "—", ":", "‹"].map(ByteHash.hash)
    static let enders: [UInt64] = [".", "!", "?", ";", "…"].map(ByteHash.hash)

    /// Byte classes for the ASCII range: what the scanning and folding loops need in one load.
    /// Bytes ≥ 0x80 carry `word | nonASCII`.
    static let byteClass: [UInt8] = {
        var t = [UInt8](repeating: 0, count: 256)
        for c in 0..<256 {
            var f: UInt8 = 0
            if c >= 0x30 && c <= 0x39 { f |= ByteClass.word | ByteClass.digit }
            if c >= 0x41 && c <= 0x5A { f |= ByteClass.word | ByteClass.upper }
            if c >= 0x61 && c <= 0x7A { f |= ByteClass.word | ByteClass.lower }
            if c >= 0x80 { f |= ByteClass.word | ByteClass.nonASCII }
            if c == 0x20 || (c >= 0x09 && c <= 0x0D) { f |= ByteClass.space }
            if c == 0x2D || c == 0x27 || c == 0x26 { f |= ByteClass.joiner }
            if c == 0x2E || c == 0x2C { f |= ByteClass.numberJoiner }
            t[c] = f
        }
        return t
    }()

    enum ByteClass {
        static let word: UInt8 = 1
        static let digit: UInt8 = 2
        static let upper: UInt8 = 4
        static let lower: UInt8 = 8
        static let space: UInt8 = 16
        static let nonASCII: UInt8 = 32
        /// "-", "'", "&": stay inside a word between word bytes ("CD&V", "l'Oréal").
        static let joiner: UInt8 = 64
        /// "." and ",": stay inside a number between digits ("300.000").
        static let numberJoiner: UInt8 = 128
    }

    /// Lower-case of every byte (ASCII letters folded, everything else unchanged).
    static let lowerTable: [UInt8] = (0..<256).map { (c: Int) -> UInt8 in
        let b = UInt8(c)
        return b >= 0x41 && b <= 0x5A ? b | 0x20 : b
    }

    /// Whether the joiner or number separator at `i` (class `cc`) stays inside the word being scanned:
    /// "-", "'", "&" between word bytes; "." and "," between digits of a number ("300.000").
    @inline(__always)
    static func joins(_ b: UnsafeBufferPointer<UInt8>, _ i: Int, _ cc: UInt8, _ cc0: UInt8, _ seen: UInt8) -> Bool {
        let nx = b[i + 1]
        if cc & ByteClass.numberJoiner != 0 {
            let isNumber = cc0 & ByteClass.digit != 0 && seen & (ByteClass.upper | ByteClass.lower) == 0
            return isNumber && isDigit(nx) && isDigit(b[i - 1])
        }
        return isWordByte(nx) && isWordByte(b[i - 1])
    }

    /// ASCII punctuation that ends a sentence or opens a quotation/parenthesis (the ASCII members of
    /// `enders` and `openers`; ",," is handled by its length).
    static let asciiBreak: [Bool] = {
        var t = [Bool](repeating: false, count: 128)
        for c in ".!?;\"'([-:".utf8 { t[Int(c)] = true }
        return t
    }()

    /// Whether a multi-byte punctuation token (one `punctLength` accepts) is in `enders` or `openers`.
    @inline(__always)
    static func isMultiByteBreak(_ b: UnsafeBufferPointer<UInt8>, _ start: Int, _ length: Int) -> Bool {
        if length == 2 { return b[start + 1] == 0xAB }  // « (not »)
        switch b[start + 2] {
        case 0x93, 0x94, 0x98, 0x9A, 0x9C, 0x9E, 0xA6, 0xB9: return true  // – — ‘ ‚ “ „ … ‹
        default: return false
        }
    }
}

/// The tokenizer's byte tables at fixed addresses: built once, never written or freed afterwards,
/// which is what makes sharing the pointers across threads safe.
final class ByteTableStorage: @unchecked Sendable {
    static let shared = ByteTableStorage()
    let byteClass: UnsafeBufferPointer<UInt8>
    let lower: UnsafeBufferPointer<UInt8>
    let asciiBreak: UnsafeBufferPointer<Bool>
    /// Per ASCII punctuation byte: its token bits (`.hyphen`, `.dot`) and `breakFlag` when it
    /// ends a sentence or opens a quotation (`asciiBreak`): one load for the window scan.
    let punctBits: UnsafeBufferPointer<UInt8>
    static let breakFlag: UInt8 = 0x80
    /// `Tokenizer.latinFold` at a fixed address.
    let latinFold: UnsafeBufferPointer<UInt32>
    /// `ByteHash` of every one-byte string.
    let byteHash: UnsafeBufferPointer<UInt64>
    /// `ByteHash.shortMasks`: per length 0...15, the masks of its first and second 8-byte chunk.
    let shortMasks: UnsafeBufferPointer<UInt64>

    private init() {
        func pinned<T>(_ a: [T]) -> UnsafeBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: a.count)
            _ = p.initialize(from: a)
            return UnsafeBufferPointer(p)
        }
        byteClass = pinned(Tokenizer.byteClass)
        lower = pinned(Tokenizer.lowerTable)
        asciiBreak = pinned(Tokenizer.asciiBreak)
        latinFold = pinned(Tokenizer.latinFold)
        punctBits = pinned((0..<256).map { (c: Int) -> UInt8 in
            (c < 128 && Tokenizer.asciiBreak[c] ? Self.breakFlag : 0)
                | (c == 0x2D ? Token.Bit.hyphen : 0) | (c == 0x2E ? Token.Bit.dot : 0)
        })
        byteHash = pinned((0..<256).map { ByteHash.hash([UInt8($0)]) })
        shortMasks = pinned(ByteHash.shortMasks)
    }
}

/// Eight input bytes classified at once (SWAR): how many leading bytes are ASCII letters or digits,
/// their classes, and all eight lower-cased. Replaces the per-byte loop whose exit — one unpredictable
/// branch per word — cost more than the bytes' work.
struct AsciiBlock {
    /// Leading bytes (0...8) that are ASCII letters or digits.
    let run: Int
    /// `ByteClass.digit` / `.upper` / `.lower` present among those bytes.
    let classes: UInt8
    /// The block with ASCII upper-case letters lower-cased (every byte, also past `run`).
    let lowercased: UInt64

    static let high: UInt64 = 0x8080_8080_8080_8080
    static let ones: UInt64 = 0x0101_0101_0101_0101

    @inline(__always)
    init(_ w: UInt64) {
        // Per byte, the high bit answers "lo ≤ byte ≤ hi" for ASCII bytes (the low seven bits plus a
        // constant never carry into the next byte); non-ASCII bytes are masked out.
        let x = w & ~Self.high
        let ascii = ~w & Self.high
        @inline(__always) func within(_ lo: UInt64, _ hi: UInt64) -> UInt64 {
            (x &+ Self.ones &* (0x80 - lo)) & ~(x &+ Self.ones &* (0x7F - hi)) & ascii
        }
        let digit = within(0x30, 0x39), upper = within(0x41, 0x5A), lower = within(0x61, 0x7A)
        let stop = ~(digit | upper | lower) & Self.high
        run = stop.trailingZeroBitCount >> 3
        // Bytes before the first stop byte (all eight when there is none).
        let keep = ((stop & (0 &- stop)) >> 7) &- 1
        classes = Tokenizer.ByteClass.digit &* Candidates.bit(digit & keep != 0)
            | Tokenizer.ByteClass.upper &* Candidates.bit(upper & keep != 0)
            | Tokenizer.ByteClass.lower &* Candidates.bit(lower & keep != 0)
        lowercased = w | (upper >> 2)
    }
}
