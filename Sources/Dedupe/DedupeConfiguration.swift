/// What the stage does with an article of a given status.
public enum DedupeAction: Sendable, Equatable {
    /// Publish with the `dedupe` result attached (the default).
    case mark
    /// Do not publish.
    case drop
    /// Publish to another topic instead of the output topic.
    case route(topic: String)
}

/// Settings of the dedupe stage. Defaults are chosen for news wire copies: see the README.
public struct DedupeConfiguration: Sendable, Equatable {
    /// Minimum similarity (max of estimated Jaccard and, when allowed, containment) for `near_duplicate`.
    public var threshold: Double = 0.8
    /// Words per shingle: 4 survives one changed number or name per sentence better than 5,
    /// and different stories on one topic share far fewer 4-word runs than 3-word runs.
    public var shingleSize: Int = 4
    public var foldDiacritics: Bool = true
    /// Texts with fewer tokens get no sketch (only id, URL and exact-text checks): a headline-only
    /// item must not be a near-duplicate of a story that quotes it.
    public var minimumTokens: Int = 25
    /// LSH bands × rows per band (≤ `MinHashSignature.size`). 20 × 3 makes a pair a candidate with
    /// probability 1 − (1 − J³)²⁰: J 0.6 → 99 %, 0.5 → 93 %, 0.4 → 73 %, 0.1 → 2 %. Each band costs
    /// about 11 bytes per stored entry.
    public var bands: Int = 20
    public var rowsPerBand: Int = 3
    /// Containment (|A∩B| / |smaller|) lets a copy with furniture added or a paragraph appended
    /// match its original even when Jaccard is below the threshold. It applies only when the
    /// smaller text has at least this many shingles …
    public var containmentMinimumShingles: Int = 40
    /// … and the Jaccard estimate is at least this, so a short text sharing a few phrases with a
    /// long one is not called a copy.
    public var containmentMinimumJaccard: Double = 0.3
    /// Use containment at all.
    public var useContainment: Bool = true
    /// Most LSH candidates verified against their sketches per check, those sharing the most
    /// bands first; bounds the work when many stored articles share boilerplate or a template.
    /// A true copy shares about half the bands, so it ranks first: 16 and 64 give the same F1.
    public var maxCandidates: Int = 16
    /// Entries older than this (by the time given to `insert`, against the newest time seen) are
    /// forgotten.
    public var ttlMilliseconds: Int64 = 72 * 3_600_000
    /// Upper bound on stored entries; the oldest inserted go first. An entry costs ~520 bytes
    /// with a 27-byte id (LSH cells ~230, sketch 128, columns ~60, id ~45, exact-key cells ~35):
    /// the default 100 000 (~50 MB) is a day of a busy feed; a million costs ~500 MB.
    public var maxEntries: Int = 100_000
    public var checkURL: Bool = true
    public var checkTextHash: Bool = true
    public var actionForDuplicate: DedupeAction = .mark
    public var actionForNearDuplicate: DedupeAction = .mark
    public var urlNormalizer = URLNormalizer()

    public init() {}

    public func action(for status: DedupeStatus) -> DedupeAction {
        switch status {
        case .duplicate: actionForDuplicate
        case .nearDuplicate: actionForNearDuplicate
        case .unique, .unknown: .mark
        }
    }

    /// Band layout that fits the sketch: at least one band of at least one row.
    var effectiveBands: (bands: Int, rows: Int) {
        let rows = min(max(rowsPerBand, 1), MinHashSignature.size)
        let bands = min(max(self.bands, 1), MinHashSignature.size / rows)
        return (bands, rows)
    }
}

extension URLNormalizer: Equatable {
    public static func == (lhs: URLNormalizer, rhs: URLNormalizer) -> Bool {
        lhs.trackingParameters == rhs.trackingParameters && lhs.trackingPrefixes == rhs.trackingPrefixes
    }
}
