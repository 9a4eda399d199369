/// Why changelog bytes could not be turned back into an entry.
public struct DedupeCodingError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable {
        case truncated
        case unsupportedFormat(UInt8)
        case invalidUTF8
        case invalidValue(String)
        case schemeMismatch(stored: UInt16, expected: UInt16)
    }

    public let reason: Reason
    /// Byte offset where decoding stopped.
    public let offset: Int

    public var description: String { "dedupe changelog entry: \(reason) at byte \(offset)" }
}

/// Compact, stable binary form of a `DedupeEntry` (format 1, little-endian):
///
///     u8  format = 1
///     u16 scheme (Fingerprinter.scheme)
///     u8  flags: 1 url, 2 text hash, 4 signature, 8 copy-of (status/of/method/similarity follow)
///     i64 firstSeenMilliseconds
///     uvarint length + UTF-8 id
///     [flag 8] u8 status (1 duplicate, 2 near_duplicate), u8 method (0 none, 1 url, 2 text_hash,
///              3 minhash), u16 similarity × 65535, uvarint length + UTF-8 of
///     [flag 1] u64 url key
///     [flag 2] u64 text hash high, u64 low
///     uvarint shingle count, uvarint token count
///     [flag 4] 128 × u16 MinHash buckets
///
/// About 300 bytes with a sketch, 40 without.
extension DedupeEntry {
    public static let formatVersion: UInt8 = 1

    public func encoded() -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(64 + fingerprint.id.utf8.count + MinHashSignature.size * 2)
        out.append(Self.formatVersion)
        Self.put(UInt64(fingerprint.scheme), bytes: 2, into: &out)
        let isCopy = status == .duplicate || status == .nearDuplicate
        var flags: UInt8 = 0
        if fingerprint.urlKey != nil { flags |= 1 }
        if fingerprint.textHash != nil { flags |= 2 }
        if fingerprint.signature != nil { flags |= 4 }
        if isCopy { flags |= 8 }
        out.append(flags)
        Self.put(UInt64(bitPattern: firstSeenMilliseconds), bytes: 8, into: &out)
        Self.putString(fingerprint.id, into: &out)
        if isCopy {
            out.append(status == .duplicate ? 1 : 2)
            out.append(Self.methodCode(method))
            Self.put(UInt64((min(max(similarity, 0), 1) * 65535).rounded()), bytes: 2, into: &out)
            Self.putString(of ?? "", into: &out)
        }
        if let urlKey = fingerprint.urlKey { Self.put(urlKey, bytes: 8, into: &out) }
        if let textHash = fingerprint.textHash {
            Self.put(textHash.high, bytes: 8, into: &out)
            Self.put(textHash.low, bytes: 8, into: &out)
        }
        Self.putVarint(UInt64(max(fingerprint.shingleCount, 0)), into: &out)
        Self.putVarint(UInt64(max(fingerprint.tokenCount, 0)), into: &out)
        if let signature = fingerprint.signature {
            for value in signature.values { Self.put(UInt64(value), bytes: 2, into: &out) }
        }
        return out
    }

    /// Decodes `encoded()` output. With `expectedScheme`, entries written under another tokenizer
    /// or shingle size are refused (`schemeMismatch`) instead of silently never matching.
    public init(decoding bytes: [UInt8], expectedScheme: UInt16? = nil) throws(DedupeCodingError) {
        var reader = ByteReader(bytes: bytes)
        let format = try reader.byte()
        guard format == Self.formatVersion else {
            throw DedupeCodingError(reason: .unsupportedFormat(format), offset: 0)
        }
        let scheme = UInt16(try reader.integer(bytes: 2))
        if let expectedScheme, expectedScheme != scheme {
            throw DedupeCodingError(reason: .schemeMismatch(stored: scheme, expected: expectedScheme), offset: 1)
        }
        let flags = try reader.byte()
        let time = Int64(bitPattern: try reader.integer(bytes: 8))
        let id = try reader.string()
        var status = DedupeStatus.unique
        var of: String?
        var method: DedupeMethod?
        var similarity = 0.0
        if flags & 8 != 0 {
            switch try reader.byte() {
            case 1: status = .duplicate
            case 2: status = .nearDuplicate
            case let other:
                throw DedupeCodingError(reason: .invalidValue("status \(other)"), offset: reader.offset - 1)
            }
            let methodCode = try reader.byte()
            method = switch methodCode {
            case 1: .url
            case 2: .textHash
            case 3: .minhash
            default: nil
            }
            similarity = Double(try reader.integer(bytes: 2)) / 65535
            of = try reader.string()
        }
        let urlKey = flags & 1 != 0 ? try reader.integer(bytes: 8) : nil
        var textHash: TextHash?
        if flags & 2 != 0 {
            let high = try reader.integer(bytes: 8)
            textHash = TextHash(high: high, low: try reader.integer(bytes: 8))
        }
        let shingles = try reader.varint()
        let tokens = try reader.varint()
        guard shingles <= UInt64(Int32.max), tokens <= UInt64(Int32.max) else {
            throw DedupeCodingError(reason: .invalidValue("count"), offset: reader.offset)
        }
        var signature: MinHashSignature?
        if flags & 4 != 0 {
            var values: [UInt16] = []
            values.reserveCapacity(MinHashSignature.size)
            for _ in 0..<MinHashSignature.size { values.append(UInt16(try reader.integer(bytes: 2))) }
            signature = MinHashSignature(unchecked: values)
        }
        guard reader.isAtEnd else {
            throw DedupeCodingError(reason: .invalidValue("trailing bytes"), offset: reader.offset)
        }
        self.init(
            fingerprint: ArticleFingerprint(
                id: id, urlKey: urlKey, textHash: textHash, signature: signature,
                shingleCount: Int(shingles), tokenCount: Int(tokens), scheme: scheme
            ),
            firstSeenMilliseconds: time, status: status, of: of, method: method, similarity: similarity
        )
    }

    private static func methodCode(_ method: DedupeMethod?) -> UInt8 {
        switch method {
        case nil: 0
        case .url: 1
        case .textHash: 2
        case .minhash: 3
        }
    }

    private static func put(_ value: UInt64, bytes: Int, into out: inout [UInt8]) {
        for index in 0..<bytes { out.append(UInt8(truncatingIfNeeded: value >> (8 * UInt64(index)))) }
    }

    private static func putVarint(_ value: UInt64, into out: inout [UInt8]) {
        var rest = value
        while rest >= 0x80 {
            out.append(UInt8(truncatingIfNeeded: rest) | 0x80)
            rest >>= 7
        }
        out.append(UInt8(rest))
    }

    private static func putString(_ string: String, into out: inout [UInt8]) {
        putVarint(UInt64(string.utf8.count), into: &out)
        out += string.utf8
    }
}

/// Bounds-checked cursor; every read throws `truncated` instead of trapping.
private struct ByteReader {
    let bytes: [UInt8]
    private(set) var offset = 0

    init(bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset == bytes.count }

    mutating func byte() throws(DedupeCodingError) -> UInt8 {
        guard offset < bytes.count else { throw DedupeCodingError(reason: .truncated, offset: offset) }
        defer { offset += 1 }
        return bytes[offset]
    }

    mutating func integer(bytes count: Int) throws(DedupeCodingError) -> UInt64 {
        guard bytes.count - offset >= count else { throw DedupeCodingError(reason: .truncated, offset: offset) }
        var value: UInt64 = 0
        for index in 0..<count { value |= UInt64(bytes[offset + index]) << (8 * UInt64(index)) }
        offset += count
        return value
    }

    mutating func varint() throws(DedupeCodingError) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let next = try byte()
            guard shift < 64 else { throw DedupeCodingError(reason: .invalidValue("varint"), offset: offset) }
            value |= UInt64(next & 0x7F) << shift
            if next & 0x80 == 0 { return value }
            shift += 7
        }
    }

    mutating func string() throws(DedupeCodingError) -> String {
        let length = try varint()
        guard length <= UInt64(bytes.count - offset) else {
            throw DedupeCodingError(reason: .truncated, offset: offset)
        }
        let end = offset + Int(length)
        guard let text = String(validating: bytes[offset..<end], as: UTF8.self) else {
            throw DedupeCodingError(reason: .invalidUTF8, offset: offset)
        }
        offset = end
        return text
    }
}
