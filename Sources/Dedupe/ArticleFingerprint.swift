/// 128-bit hash of the normalised token sequence, from two independently seeded 64-bit chains.
public struct TextHash: Sendable, Hashable {
    public let high: UInt64
    public let low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    /// 32 lower-case hex digits.
    public var hex: String {
        let h = String(high, radix: 16)
        let l = String(low, radix: 16)
        return String(repeating: "0", count: 16 - h.count) + h + String(repeating: "0", count: 16 - l.count) + l
    }
}

/// Everything the index needs to know about one article; computing it is pure and lock-free, so
/// workers fingerprint in parallel and only `check`/`insert` touch shared state.
public struct ArticleFingerprint: Sendable, Equatable {
    public let id: String
    /// `StableHash` of the normalised URL; nil without a usable URL.
    public let urlKey: UInt64?
    /// Nil when the text has no tokens.
    public let textHash: TextHash?
    /// Nil when the text is too short for near-duplicate detection (`minimumTokens`).
    public let signature: MinHashSignature?
    /// Shingles counted with repeats; used to turn a Jaccard estimate into a containment estimate.
    public let shingleCount: Int
    public let tokenCount: Int
    /// Identifies the tokenizer, shingle size and sketch; fingerprints with different schemes are
    /// not comparable (a changelog written under another configuration is refused on import).
    public let scheme: UInt16

    public init(
        id: String, urlKey: UInt64?, textHash: TextHash?, signature: MinHashSignature?,
        shingleCount: Int, tokenCount: Int, scheme: UInt16
    ) {
        self.id = id
        self.urlKey = urlKey
        self.textHash = textHash
        self.signature = signature
        self.shingleCount = shingleCount
        self.tokenCount = tokenCount
        self.scheme = scheme
    }
}
