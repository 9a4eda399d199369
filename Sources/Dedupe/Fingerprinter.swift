/// Turns an article into an `ArticleFingerprint` in one pass over its UTF-8 bytes: tokens are
/// hashed as they are scanned, shingle hashes are combined from the last `shingleSize` token
/// hashes, and the MinHash sketch and exact text hash are updated on the fly — no strings, no
/// per-token allocation. Immutable and `Sendable`: share one instance between workers.
public struct Fingerprinter: Sendable {
    /// Bump when tokenization or hashing changes, so old changelog entries are refused, not misread.
    public static let algorithmVersion: UInt16 = 1

    public let shingleSize: Int
    public let foldDiacritics: Bool
    public let minimumTokens: Int
    public let urlNormalizer: URLNormalizer
    private let table: FoldTable

    public init(configuration: DedupeConfiguration = DedupeConfiguration()) {
        shingleSize = min(max(configuration.shingleSize, 1), 16)
        foldDiacritics = configuration.foldDiacritics
        minimumTokens = max(configuration.minimumTokens, 1)
        urlNormalizer = configuration.urlNormalizer
        table = FoldTable.shared(foldDiacritics: configuration.foldDiacritics)
    }

    /// Version, shingle size and folding packed into one number stored with every fingerprint.
    public var scheme: UInt16 {
        Self.algorithmVersion << 8 | UInt16(shingleSize) << 1 | (foldDiacritics ? 1 : 0)
    }

    /// `text` should be the body (cleaned, if `clean` runs first); leave the headline out, since
    /// copies of one wire story carry different headlines.
    public func fingerprint(id: String, url: String?, text: String) -> ArticleFingerprint {
        var sink = HashingSink(shingleSize: shingleSize)
        TokenScanner.scan(text, table: table, into: &sink)
        sink.finishShortText()
        let textHash = sink.tokenCount > 0 ? sink.textHash : nil
        let signature = sink.tokenCount >= minimumTokens ? sink.minHash.finish() : nil
        return ArticleFingerprint(
            id: id,
            urlKey: url.flatMap { urlNormalizer.key($0) },
            textHash: textHash,
            signature: signature,
            shingleCount: sink.shingleCount,
            tokenCount: sink.tokenCount,
            scheme: scheme
        )
    }
}

/// Hashes tokens as the scanner produces them.
struct HashingSink: TokenSink {
    private static let tokenMultiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let shingleMultiplier: UInt64 = 0xD6E8_FEB8_6659_FD93

    let shingleSize: Int
    var minHash = MinHashBuilder()
    private(set) var tokenCount = 0
    private(set) var shingleCount = 0

    /// The last 16 token hashes (shingles are at most 16 tokens), indexed by count & 15: a mask,
    /// not a division, on the per-token path.
    private var window = InlineArray<16, UInt64>(repeating: 0)
    private var chainA: UInt64 = 0x5851_F42D_4C95_7F2D
    private var chainB: UInt64 = 0x1405_7B7E_F767_814F

    init(shingleSize: Int) {
        self.shingleSize = min(max(shingleSize, 1), 16)
    }

    @inline(__always)
    mutating func append(_ scalar: UInt32) {}

    @inline(__always)
    mutating func endToken(hash token: UInt64) {
        chainA = StableHash.rotateLeft((chainA ^ token) &* Self.tokenMultiplier, 31)
        chainB = (chainB &+ token) &* Self.shingleMultiplier ^ (chainB >> 29)
        window[tokenCount & 15] = token
        tokenCount += 1
        if tokenCount >= shingleSize {
            addShingle(endingAt: tokenCount, width: shingleSize)
        }
    }

    /// A text shorter than one shingle still gets a sketch of all its tokens.
    mutating func finishShortText() {
        if tokenCount > 0, tokenCount < shingleSize {
            addShingle(endingAt: tokenCount, width: tokenCount)
        }
    }

    @inline(__always)
    private mutating func addShingle(endingAt end: Int, width: Int) {
        var h: UInt64 = UInt64(width)
        for position in (end - width)..<end {
            h = StableHash.rotateLeft(h ^ window[position & 15], 23) &* Self.shingleMultiplier
        }
        minHash.add(StableHash.mix(h))
        shingleCount += 1
    }

    var textHash: TextHash {
        let count = UInt64(tokenCount)
        return TextHash(high: StableHash.mix(chainA ^ count), low: StableHash.mix(chainB ^ (count << 32)))
    }
}
