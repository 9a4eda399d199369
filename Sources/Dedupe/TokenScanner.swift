/// Receives the folded scalars of each token and, at its end, the token's hash; generic so the
/// fingerprint path (hashes only: `append` is empty and vanishes when specialised) and the
/// debugging path (strings) share one tokenizer and cannot drift apart.
protocol TokenSink {
    mutating func append(_ scalar: UInt32)
    mutating func endToken(hash: UInt64)
}

/// Hash of one token's folded scalars, kept in registers while scanning: bytes are packed eight
/// to a word and each full word is folded into `state`.
struct TokenHashAccumulator {
    private static let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    private var state: UInt64 = 0
    private var pending: UInt64 = 0
    private var pendingBytes: UInt64 = 0
    private var tokenBytes: UInt64 = 0

    @inline(__always)
    mutating func append(_ scalar: UInt32) {
        if scalar < 0x80 {
            push(UInt64(scalar))
        } else {
            // Non-ASCII as three 7-bit groups with the high bit set: cannot collide with ASCII.
            push(0x80 | UInt64(scalar >> 14) & 0x7F)
            push(0x80 | UInt64(scalar >> 7) & 0x7F)
            push(0x80 | UInt64(scalar) & 0x7F)
        }
    }

    @inline(__always)
    private mutating func push(_ byte: UInt64) {
        pending = pending << 8 | byte
        pendingBytes += 1
        tokenBytes += 1
        if pendingBytes == 8 {
            state = StableHash.rotateLeft((state ^ pending) &* Self.multiplier, 29)
            pending = 0
            pendingBytes = 0
        }
    }

    /// The token's hash; resets for the next token.
    @inline(__always)
    mutating func finish() -> UInt64 {
        let hash = StableHash.mix(state ^ pending ^ (tokenBytes << 56) ^ 0x746F_6B65_6E00_0000)
        self = TokenHashAccumulator()
        return hash
    }
}

/// Splits UTF-8 text into folded word tokens: a token is a maximal run of letters and digits;
/// everything else (punctuation, spaces, symbols, invalid bytes) separates tokens.
enum TokenScanner {
    static func scan<Sink: TokenSink>(_ text: String, table: FoldTable, into sink: inout Sink) {
        var copy = text
        copy.withUTF8 { bytes in scan(bytes, table: table, into: &sink) }
    }

    /// Lower-cased letters and digits; 0 for ASCII separators.
    private static let asciiFoldTable: InlineArray<128, UInt8> = {
        var table = InlineArray<128, UInt8>(repeating: 0)
        for byte in 0..<128 {
            switch byte {
            case 0x41...0x5A: table[byte] = UInt8(byte | 0x20)
            case 0x61...0x7A, 0x30...0x39: table[byte] = UInt8(byte)
            default: break
            }
        }
        return table
    }()

    static func scan<Sink: TokenSink>(_ bytes: UnsafeBufferPointer<UInt8>, table: FoldTable, into sink: inout Sink) {
        let asciiFold = asciiFoldTable
        var inToken = false
        var token = TokenHashAccumulator()
        var i = 0
        let count = bytes.count
        while i < count {
            let byte = bytes[i]
            if byte < 0x80 {
                // ASCII through one table lookup: a single data-dependent branch per byte.
                let folded = asciiFold[Int(byte)]
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
