/// UTF-8 checked once per record: the decoder validates the whole value, and the strings cut
/// from it (at ASCII delimiters, so at scalar boundaries) are then created without validating
/// each again. Validating the value and re-validating its text in `String(decoding:as:)` cost as
/// much as the rest of decoding. The stages cut their strings from a String's bytes at scalar
/// boundaries too, and make them with `string(_:isASCII:)` for the same reason.
public enum ValidatedUTF8 {
    /// nil when `bytes` is not valid UTF-8; else whether all of it is ASCII.
    static func check(_ bytes: [UInt8]) -> Bool? {
        let (end, isASCII) = bytes.withUnsafeBufferPointer { scan($0) }
        return end == bytes.count ? isASCII : nil
    }

    /// Where the first ill-formed sequence starts (`bytes.count` when there is none): the offset
    /// a decode error names.
    static func firstInvalidOffset(_ bytes: [UInt8]) -> Int {
        bytes.withUnsafeBufferPointer { scan($0).end }
    }

    /// The standard library's validator (`UTF8Span(validating:)`) cost ~8 instructions a byte on
    /// the benchmark's Latin-script articles, 36 k per 4 KB record, half of decoding: past the
    /// first non-ASCII byte it went byte by byte. Here ASCII runs are passed 8 bytes at a time
    /// after every multi-byte sequence too, and each sequence is checked as the Unicode standard's
    /// table of well-formed sequences says (no overlongs, surrogates or scalars past U+10FFFF).
    /// `ValidatedUTF8Tests` compares it with `String(validating:)` on hostile and random bytes.
    /// Measured and rejected: validation fused into the parser's string scan (the SSE2 stop test
    /// also stopping at bytes from 0x80, each sequence checked there): the benchmark's articles
    /// stop it so often that the codec went from 95.4 k to 100.0 k instructions per article
    /// (scan −6.1 k, copyPlainRun and parseString +10.3 k).
    ///
    /// Returns where the well-formed prefix ends (the whole count when all of it is) and whether
    /// that prefix is ASCII.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> (end: Int, isASCII: Bool) {
        guard let base = bytes.baseAddress else { return (0, true) }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var i = 0
        var ascii = true
        let high: UInt64 = 0x8080_8080_8080_8080
        while true {
            // ASCII 16 bytes a step; a word with a high bit gives the offset of its first such
            // byte (the lowest set bit: little-endian), so the bytes before the next sequence are
            // not tested one by one again (~1.5 instructions a byte on the benchmark's articles, whose
            // ~90 sequences a record each followed a byte loop).
            var atSequence = false
            while count &- i >= 16 {
                let first = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & high
                let second = raw.loadUnaligned(fromByteOffset: i &+ 8, as: UInt64.self) & high
                if first | second == 0 {
                    i &+= 16
                    continue
                }
                i &+= first != 0 ? first.trailingZeroBitCount &>> 3 : 8 &+ second.trailingZeroBitCount &>> 3
                atSequence = true
                break
            }
            if !atSequence {
                if count &- i >= 8 {
                    let word = raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & high
                    i &+= word == 0 ? 8 : word.trailingZeroBitCount &>> 3
                }
                while i < count, base[i] < 0x80 { i &+= 1 }
            }
            guard i < count else { return (count, ascii) }
            ascii = false
            let lead = base[i]
            let length: Int
            // The second byte's range depends on the lead (Unicode 15, table 3-7); later bytes
            // are any continuation byte.
            var low: UInt8 = 0x80
            var high: UInt8 = 0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; low = 0xA0
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; high = 0x9F
            case 0xF0: length = 4; low = 0x90
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; high = 0x8F
            default: return (i, false)
            }
            guard count &- i >= length else { return (i, false) }
            let second = base[i &+ 1]
            guard second >= low, second <= high else { return (i, false) }
            if length > 2 {
                guard base[i &+ 2] & 0xC0 == 0x80 else { return (i, false) }
                if length > 3 { guard base[i &+ 3] & 0xC0 == 0x80 else { return (i, false) } }
            }
            i &+= length
        }
    }

    /// A String of bytes the caller knows to be valid UTF-8 (a part of a checked value or of a
    /// String cut at scalar boundaries, or built from valid scalars). Debug builds check it.
    @inlinable @inline(__always)
    public static func string(_ bytes: UnsafeBufferPointer<UInt8>, isASCII: Bool = false) -> String {
        assert(String(validating: bytes, as: UTF8.self) != nil, "bytes taken for valid UTF-8 are not")
        if #available(macOS 26.0, iOS 26.0, watchOS 26.0, tvOS 26.0, visionOS 26.0, *) {
            return String(copying: UTF8Span(unchecked: Span(_unsafeElements: bytes), isKnownASCII: isASCII))
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
