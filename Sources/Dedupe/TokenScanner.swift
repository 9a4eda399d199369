/// Receives the folded scalars of each token and, at its end, the token's hash; generic so the
/// fingerprint path (hashes only: `append` is empty and vanishes when specialised) and the
/// debugging path (strings) share one tokenizer and cannot drift apart.
protocol TokenSink {
    mutating func append(_ scalar: UInt32)
    mutating func endToken(hash: UInt64)
}

/// Hash of one token's folded bytes (`FingerprintHash.token`), kept in registers while scanning:
/// the last eight bytes in `window` (last byte highest), and every group of eight folded into
/// `state` once a further byte shows it is not the last word. `BlockScanner` computes the same
/// value from whole words of folded text (`TextFolder`, which writes the bytes `forEachByte` gives).
struct TokenHashAccumulator {
    private var state: UInt64 = 0
    private var window: UInt64 = 0
    private var length: UInt64 = 0

    init() {}

    @inline(__always)
    mutating func append(_ scalar: UInt32) {
        Self.forEachByte(of: scalar) { push($0) }
    }

    /// The bytes a folded scalar adds to a token. Non-ASCII as three 7-bit groups with the high
    /// bit set: cannot collide with ASCII, and never zero.
    @inline(__always)
    static func forEachByte(of scalar: UInt32, _ body: (UInt64) -> Void) {
        if scalar < 0x80 {
            body(UInt64(scalar))
        } else {
            body(0x80 | UInt64(scalar >> 14) & 0x7F)
            body(0x80 | UInt64(scalar >> 7) & 0x7F)
            body(0x80 | UInt64(scalar) & 0x7F)
        }
    }

    @inline(__always)
    mutating func push(_ byte: UInt64) {
        if length != 0, length & 7 == 0 { state = FingerprintHash.fold(state, window) }
        window = window &>> 8 | byte &<< 56
        length &+= 1
    }

    /// The token's hash; resets for the next token.
    @inline(__always)
    mutating func finish() -> UInt64 {
        let last = length >= 8 ? window : (length == 0 ? 0 : window &>> (64 &- 8 &* length))
        let hash = FingerprintHash.token(state: state, last: last, length: length)
        self = TokenHashAccumulator()
        return hash
    }
}

/// Splits UTF-8 text into folded word tokens: a token is a maximal run of letters and digits;
/// everything else (punctuation, spaces, symbols, invalid bytes) separates tokens. This is the
/// scalar-at-a-time definition; `TextFolder` and `BlockScanner` are the fast path for hashing,
/// pinned to it by tests.
enum TokenScanner {
    static func scan<Sink: TokenSink>(_ text: String, table: FoldTable, into sink: inout Sink) {
        var copy = text
        copy.withUTF8 { bytes in scan(bytes, table: table, into: &sink) }
    }

    /// Lower-cased ASCII letter or digit, 0 for an ASCII separator.
    @inline(__always)
    static func foldASCII(_ byte: UInt8) -> UInt8 {
        let lower = byte | 0x20
        if lower &- 0x61 < 26 { return lower }
        return byte &- 0x30 < 10 ? byte : 0
    }

    /// Tokenizes the whole text; a token still open at its end is finished.
    static func scan<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, table: FoldTable, into sink: inout Sink) {
        var token = TokenHashAccumulator()
        var inToken = false
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte < 0x80 {
                let folded = foldASCII(byte)
                if folded != 0 {
                    sink.append(UInt32(folded))
                    token.append(UInt32(folded))
                    inToken = true
                } else if inToken {
                    sink.endToken(hash: token.finish())
                    inToken = false
                }
                i += 1
                continue
            }
            let (value, length) = decode(bytes, at: i)
            i += length
            let entry = table.entry(value)
            switch entry.kind {
            case .separator:
                if inToken {
                    sink.endToken(hash: token.finish())
                    inToken = false
                }
            case .ignore:
                break
            case .standalone:
                if inToken { sink.endToken(hash: token.finish()) }
                sink.append(entry.first)
                token.append(entry.first)
                sink.endToken(hash: token.finish())
                inToken = false
            case .letter:
                sink.append(entry.first)
                token.append(entry.first)
                if entry.second != 0 {
                    sink.append(entry.second)
                    token.append(entry.second)
                }
                inToken = true
            }
        }
        if inToken { sink.endToken(hash: token.finish()) }
    }

    /// One scalar from possibly invalid UTF-8; a bad sequence yields U+FFFD (a separator) and
    /// consumes one byte, so scanning always advances.
    @inline(__always)
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, at index: Int) -> (UInt32, Int) {
        let lead = UInt32(bytes[index])
        let length: Int
        var value: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; value = lead & 0x1F
        case 0xE0...0xEF: length = 3; value = lead & 0x0F
        case 0xF0...0xF4: length = 4; value = lead & 0x07
        default: return (0xFFFD, 1)
        }
        guard index + length <= bytes.count else { return (0xFFFD, 1) }
        for offset in 1..<length {
            let next = UInt32(bytes[index + offset])
            guard next & 0xC0 == 0x80 else { return (0xFFFD, 1) }
            value = value << 6 | (next & 0x3F)
        }
        return (value, length)
    }
}
