/// One stored article: its fingerprint, when it was first seen and what it was judged to be.
/// This is the unit of the changelog topic (key: the article id, value: `encoded()`).
public struct DedupeEntry: Sendable, Equatable {
    public var fingerprint: ArticleFingerprint
    public var firstSeenMilliseconds: Int64
    /// The verdict the article got when it was inserted (`unique` for originals).
    public var status: DedupeStatus
    public var of: String?
    public var method: DedupeMethod?
    public var similarity: Double

    public init(
        fingerprint: ArticleFingerprint, firstSeenMilliseconds: Int64,
        status: DedupeStatus = .unique, of: String? = nil, method: DedupeMethod? = nil, similarity: Double = 0
    ) {
        self.fingerprint = fingerprint
        self.firstSeenMilliseconds = firstSeenMilliseconds
        self.status = status
        self.of = of
        self.method = method
        self.similarity = similarity
    }
}
