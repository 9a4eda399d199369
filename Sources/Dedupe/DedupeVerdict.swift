/// Outcome class of a check; raw values are the JSON spelling.
public enum DedupeStatus: String, Sendable, Equatable, CaseIterable {
    case unique
    case duplicate
    case nearDuplicate = "near_duplicate"
    /// Never returned by `DedupeIndex`; for the stage to report while the state is still restoring.
    case unknown
}

/// Which evidence decided the status; raw values are the JSON spelling.
public enum DedupeMethod: String, Sendable, Equatable, CaseIterable {
    case url
    case textHash = "text_hash"
    case minhash
}

/// The result of `DedupeIndex.check`.
public struct DedupeVerdict: Sendable, Equatable {
    public var status: DedupeStatus
    /// Id of the first copy seen (the root of the chain when the match was itself a copy).
    public var of: String?
    /// 1 for exact matches; the estimate for near-duplicates; for `unique`, the best similarity
    /// found below the threshold (0 when there was no candidate).
    public var similarity: Double
    public var method: DedupeMethod?
    /// True when an entry with this article's id is already stored: a re-delivery or replay. Its
    /// stored verdict is returned, so a replay never becomes a duplicate of itself and a copy stays
    /// a copy of the same original.
    public var seenBefore: Bool

    public init(status: DedupeStatus, of: String?, similarity: Double, method: DedupeMethod?, seenBefore: Bool) {
        self.status = status
        self.of = of
        self.similarity = similarity
        self.method = method
        self.seenBefore = seenBefore
    }

    public static let unique = DedupeVerdict(status: .unique, of: nil, similarity: 0, method: nil, seenBefore: false)
}
