/// The stored entries, one column per field (struct of arrays) indexed by slot: a check touches
/// only the columns it needs (time and flags of a candidate, its sketch), nothing per entry is a
/// class or a dictionary, and fixed-width fields cost their width and no padding.
struct EntryColumns {
    static let isAlive: UInt8 = 1, hasURL: UInt8 = 2, hasText: UInt8 = 4, hasSignature: UInt8 = 8, hasOf: UInt8 = 16

    private(set) var ids = IDArena()
    /// The original's id for copies (duplicate / near-duplicate; flag `hasOf`), empty for originals.
    private var ofs = IDArena()
    private(set) var times: [Int64] = []
    private(set) var urlKeys: [UInt64] = []
    private(set) var textHigh: [UInt64] = []
    private(set) var textLow: [UInt64] = []
    private(set) var shingleCounts: [UInt32] = []
    private(set) var tokenCounts: [UInt32] = []
    /// Similarity × 65535, rounded: the changelog's precision, so an exported entry equals the
    /// decoded changelog value.
    private(set) var similarities: [UInt16] = []
    private(set) var schemes: [UInt16] = []
    private(set) var flags: [UInt8] = []
    /// Status (0 unique, 1 duplicate, 2 near-duplicate) | method code (0 none, 1 url,
    /// 2 text hash, 3 minhash) << 2.
    private(set) var verdicts: [UInt8] = []
    /// Sketch of slot `s` at `s * MinHashSignature.size`, the low byte of each bucket (b-bit
    /// MinHash with b = 8; see `MinHashSignature.jaccard(equalLowBytes:)`): 128 bytes an entry
    /// instead of 256. Changelog values carry all 16 bits (they are written from the fingerprint
    /// as it was inserted), so a restart or a later version may use them.
    private(set) var signatures: [UInt8] = []
    /// Whole sketches of entries stored under another fingerprint scheme (restored from an older
    /// changelog), which match nothing and are kept only to be exported as they were restored.
    private var foreignSignatures: [Int: MinHashSignature] = [:]

    var slotCount: Int { ids.slotCount }

    /// Room for `count` entries without reallocating (appending copies a full column otherwise).
    mutating func reserve(_ count: Int) {
        ids.reserve(count)
        ofs.reserve(count)
        times.reserveCapacity(count)
        urlKeys.reserveCapacity(count)
        textHigh.reserveCapacity(count)
        textLow.reserveCapacity(count)
        shingleCounts.reserveCapacity(count)
        tokenCounts.reserveCapacity(count)
        similarities.reserveCapacity(count)
        schemes.reserveCapacity(count)
        flags.reserveCapacity(count)
        verdicts.reserveCapacity(count)
        signatures.reserveCapacity(count * MinHashSignature.size)
    }

    @inline(__always)
    func isAlive(_ slot: Int) -> Bool { flags[slot] & Self.isAlive != 0 }

    /// Writes `entry` into `slot` (a new slot when `slot == slotCount`). `foreign`: its scheme is
    /// not the index's (its sketch is kept whole, aside).
    mutating func store(_ entry: DedupeEntry, at slot: Int, foreign: Bool = false) {
        let fingerprint = entry.fingerprint
        let isCopy = entry.status == .duplicate || entry.status == .nearDuplicate
        var flag = Self.isAlive
        if fingerprint.urlKey != nil { flag |= Self.hasURL }
        if fingerprint.textHash != nil { flag |= Self.hasText }
        if fingerprint.signature != nil { flag |= Self.hasSignature }
        let of = isCopy ? entry.of : nil
        if of != nil { flag |= Self.hasOf }
        let verdict: UInt8 = isCopy ? (entry.status == .duplicate ? 1 : 2) | Self.methodCode(entry.method) << 2 : 0
        let similarity = isCopy ? UInt16((min(max(entry.similarity, 0), 1) * 65535).rounded()) : 0
        ids.set(fingerprint.id, at: slot)
        ofs.set(of ?? "", at: slot)
        if slot == times.count {
            times.append(entry.firstSeenMilliseconds)
            urlKeys.append(fingerprint.urlKey ?? 0)
            textHigh.append(fingerprint.textHash?.high ?? 0)
            textLow.append(fingerprint.textHash?.low ?? 0)
            shingleCounts.append(UInt32(clamping: fingerprint.shingleCount))
            tokenCounts.append(UInt32(clamping: fingerprint.tokenCount))
            similarities.append(similarity)
            schemes.append(fingerprint.scheme)
            flags.append(flag)
            verdicts.append(verdict)
            signatures.append(contentsOf: Self.emptySignature)
            if let values = fingerprint.signature?.values { storeLowBytes(values, at: slot) }
        } else {
            times[slot] = entry.firstSeenMilliseconds
            urlKeys[slot] = fingerprint.urlKey ?? 0
            textHigh[slot] = fingerprint.textHash?.high ?? 0
            textLow[slot] = fingerprint.textHash?.low ?? 0
            shingleCounts[slot] = UInt32(clamping: fingerprint.shingleCount)
            tokenCounts[slot] = UInt32(clamping: fingerprint.tokenCount)
            similarities[slot] = similarity
            schemes[slot] = fingerprint.scheme
            flags[slot] = flag
            verdicts[slot] = verdict
            if let values = fingerprint.signature?.values { storeLowBytes(values, at: slot) }
        }
        if foreign, let signature = fingerprint.signature { foreignSignatures[slot] = signature }
    }

    /// A new slot's sketch bytes before they are written: appending an array is one copy, where
    /// appending `repeatElement(0, count: 128)` went element by element (~415 instructions per
    /// insert).
    private static let emptySignature = [UInt8](repeating: 0, count: MinHashSignature.size)

    /// Writes the low bytes of a sketch's buckets into `slot`'s place, in one plain loop (appending
    /// them through a lazy map went element by element: 2.6 k instructions per insert).
    private mutating func storeLowBytes(_ values: [UInt16], at slot: Int) {
        let start = slot * MinHashSignature.size
        signatures.withUnsafeMutableBufferPointer { stored in
            values.withUnsafeBufferPointer { values in
                for offset in 0..<min(values.count, MinHashSignature.size) {
                    stored[start + offset] = UInt8(truncatingIfNeeded: values[offset])
                }
            }
        }
    }

    /// Marks `slot` free and drops its strings' storage.
    mutating func clear(_ slot: Int) {
        ids.clear(slot)
        ofs.clear(slot)
        flags[slot] = 0
        if !foreignSignatures.isEmpty { foreignSignatures[slot] = nil }
    }

    @inline(__always)
    func textHash(_ slot: Int) -> TextHash? {
        flags[slot] & Self.hasText != 0 ? TextHash(high: textHigh[slot], low: textLow[slot]) : nil
    }

    /// The sketch of `slot` (low bytes), in place.
    @inline(__always)
    func withSignature<R>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        signatures.withUnsafeBufferPointer { stored in
            let start = slot * MinHashSignature.size
            return body(UnsafeBufferPointer(rebasing: stored[start..<(start + MinHashSignature.size)]))
        }
    }

    func of(_ slot: Int) -> String? {
        flags[slot] & Self.hasOf != 0 ? ofs.string(slot) : nil
    }

    func status(_ slot: Int) -> DedupeStatus {
        switch verdicts[slot] & 3 {
        case 1: .duplicate
        case 2: .nearDuplicate
        default: .unique
        }
    }

    func method(_ slot: Int) -> DedupeMethod? {
        switch verdicts[slot] >> 2 {
        case 1: .url
        case 2: .textHash
        case 3: .minhash
        default: nil
        }
    }

    func similarity(_ slot: Int) -> Double { Double(similarities[slot]) / 65535 }

    /// The first copy: a stored copy points at its own original.
    func root(_ slot: Int) -> String {
        verdicts[slot] & 3 != 0 ? of(slot) ?? ids.string(slot) : ids.string(slot)
    }

    /// The verdict a replay of this article gets.
    func replayVerdict(_ slot: Int) -> DedupeVerdict {
        let status = status(slot)
        guard status != .unique else {
            return DedupeVerdict(status: .unique, of: nil, similarity: 0, method: nil, seenBefore: true)
        }
        return DedupeVerdict(status: status, of: of(slot), similarity: similarity(slot), method: method(slot), seenBefore: true)
    }

    /// The stored entry in `slot`. Equal to the changelog value except for the sketch of an entry
    /// of the index's scheme, whose buckets hold only the low byte that is kept.
    func entry(_ slot: Int) -> DedupeEntry {
        let flag = flags[slot]
        let signature = flag & Self.hasSignature == 0 ? nil : foreignSignatures[slot]
            ?? withSignature(slot) { MinHashSignature(unchecked: $0.map { UInt16($0) }) }
        return DedupeEntry(
            fingerprint: ArticleFingerprint(
                id: ids.string(slot), urlKey: flag & Self.hasURL != 0 ? urlKeys[slot] : nil,
                textHash: textHash(slot), signature: signature, shingleCount: Int(shingleCounts[slot]),
                tokenCount: Int(tokenCounts[slot]), scheme: schemes[slot]
            ),
            firstSeenMilliseconds: times[slot], status: status(slot), of: of(slot), method: method(slot),
            similarity: similarity(slot)
        )
    }

    var memoryBytes: Int {
        ids.memoryBytes + ofs.memoryBytes
            + (times.capacity + urlKeys.capacity + textHigh.capacity + textLow.capacity) * 8
            + (shingleCounts.capacity + tokenCounts.capacity) * 4
            + (similarities.capacity + schemes.capacity) * 2 + flags.capacity + verdicts.capacity
            + signatures.capacity
            + foreignSignatures.count * (MemoryLayout<(Int, MinHashSignature)>.stride + 32 + MinHashSignature.size * 2)
    }

    private static func methodCode(_ method: DedupeMethod?) -> UInt8 {
        switch method {
        case nil: 0
        case .url: 1
        case .textHash: 2
        case .minhash: 3
        }
    }
}
