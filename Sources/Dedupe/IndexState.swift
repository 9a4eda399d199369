/// The mutable state behind `DedupeIndex`'s lock. Slots are reused in insertion order; the FIFO
/// queue is both the capacity-eviction order and (since times mostly arrive in order) the TTL order.
struct IndexState {
    /// One stored article, flattened (no optionals, no arrays) to keep the per-entry cost small; the
    /// signature lives in `signatures`.
    struct Slot {
        static let hasURL: UInt8 = 1, hasText: UInt8 = 2, hasSignature: UInt8 = 4, isAlive: UInt8 = 8

        var id: String
        var of: String?
        var time: Int64
        var urlKey: UInt64
        var textHigh: UInt64
        var textLow: UInt64
        var shingleCount: UInt32
        var tokenCount: UInt32
        var similarity: Float
        var scheme: UInt16
        var flags: UInt8
        var status: DedupeStatus
        var method: DedupeMethod?

        static let dead = Slot(
            id: "", of: nil, time: 0, urlKey: 0, textHigh: 0, textLow: 0, shingleCount: 0, tokenCount: 0,
            similarity: 0, scheme: 0, flags: 0, status: .unique, method: nil
        )

        var alive: Bool { flags & Self.isAlive != 0 }
        var textHash: TextHash? { flags & Self.hasText != 0 ? TextHash(high: textHigh, low: textLow) : nil }

        /// The first copy: a stored copy points at its own original.
        var root: String {
            switch status {
            case .duplicate, .nearDuplicate: of ?? id
            case .unique, .unknown: id
            }
        }

        /// The verdict a replay of this article gets.
        var replayVerdict: DedupeVerdict {
            switch status {
            case .duplicate, .nearDuplicate:
                DedupeVerdict(status: status, of: of, similarity: Double(similarity), method: method, seenBefore: true)
            case .unique, .unknown:
                DedupeVerdict(status: .unique, of: nil, similarity: 0, method: nil, seenBefore: true)
            }
        }
    }

    let configuration: DedupeConfiguration
    let scheme: UInt16
    let bands: Int
    let rows: Int

    var slots: [Slot] = []
    var freeSlots: [Int] = []
    /// Signature buckets of slot `s` live at `s * MinHashSignature.size`.
    var signatures: [UInt16] = []
    var fifo: [Int] = []
    var fifoHead = 0
    var ids: [String: Int] = [:]
    var urls: [UInt64: Int] = [:]
    var texts: [UInt64: Int] = [:]
    var bandTable = BandTable()
    var liveCount = 0
    /// Heap bytes of id/`of` strings, kept incrementally so the metric costs O(1).
    var stringBytes = 0
    /// Newest time passed to `insert` or `evictExpired`: the TTL is measured against it, so replays
    /// of old data expire by their own clock, not the wall clock.
    var clock: Int64 = .min

    init(configuration: DedupeConfiguration, scheme: UInt16) {
        self.configuration = configuration
        self.scheme = scheme
        (bands, rows) = configuration.effectiveBands
    }

    var capacity: Int { min(max(configuration.maxEntries, 1), BandTable.maxSlot) }

    func isExpired(_ time: Int64) -> Bool {
        clock != .min && time < clock &- configuration.ttlMilliseconds
    }

    // MARK: check

    func check(_ fingerprint: ArticleFingerprint) -> DedupeVerdict {
        if let slot = ids[fingerprint.id] { return slots[slot].replayVerdict }
        if configuration.checkURL, let key = fingerprint.urlKey, let slot = urls[key],
           !isExpired(slots[slot].time) {
            return exactVerdict(slot, method: .url)
        }
        if configuration.checkTextHash, let hash = fingerprint.textHash, let slot = texts[hash.high],
           slots[slot].textHash == hash, !isExpired(slots[slot].time) {
            return exactVerdict(slot, method: .textHash)
        }
        guard let signature = fingerprint.signature, fingerprint.scheme == scheme else { return .unique }
        return nearDuplicateVerdict(signature, shingleCount: fingerprint.shingleCount)
    }

    private func exactVerdict(_ slot: Int, method: DedupeMethod) -> DedupeVerdict {
        DedupeVerdict(status: .duplicate, of: slots[slot].root, similarity: 1, method: method, seenBefore: false)
    }

    private func nearDuplicateVerdict(_ signature: MinHashSignature, shingleCount: Int) -> DedupeVerdict {
        var candidates: [Int] = []
        candidates.reserveCapacity(8)
        let limit = max(configuration.maxCandidates, 1)
        signature.values.withUnsafeBufferPointer { values in
            for band in 0..<bands {
                let key = Self.bandKey(values, band: band, rows: rows)
                bandTable.forEachSlot(key: key) { slot in
                    if candidates.count < limit, !candidates.contains(slot) { candidates.append(slot) }
                }
            }
        }
        var best = -1.0
        var bestSlot = -1
        signatures.withUnsafeBufferPointer { stored in
            signature.values.withUnsafeBufferPointer { mine in
                for slot in candidates {
                    let entry = slots[slot]
                    guard entry.alive, !isExpired(entry.time) else { continue }
                    let start = slot * MinHashSignature.size
                    let theirs = UnsafeBufferPointer(rebasing: stored[start..<(start + MinHashSignature.size)])
                    let jaccard = Double(MinHashSignature.equalCount(mine, theirs)) / Double(MinHashSignature.size)
                    let score = similarity(jaccard: jaccard, shingleCount, Int(entry.shingleCount))
                    if score > best || (score == best && bestSlot >= 0 && entry.time < slots[bestSlot].time) {
                        best = score
                        bestSlot = slot
                    }
                }
            }
        }
        guard bestSlot >= 0 else { return .unique }
        if best >= configuration.threshold {
            return DedupeVerdict(
                status: .nearDuplicate, of: slots[bestSlot].root, similarity: best,
                method: .minhash, seenBefore: false
            )
        }
        return DedupeVerdict(status: .unique, of: nil, similarity: best, method: nil, seenBefore: false)
    }

    /// Jaccard, raised to containment of the smaller text in the larger when both are big enough
    /// and already clearly related: a copy with furniture added or a paragraph appended.
    func similarity(jaccard: Double, _ countA: Int, _ countB: Int) -> Double {
        guard configuration.useContainment, jaccard >= configuration.containmentMinimumJaccard else { return jaccard }
        let smaller = min(countA, countB)
        guard smaller >= configuration.containmentMinimumShingles, smaller > 0 else { return jaccard }
        let intersection = jaccard * Double(countA + countB) / (1 + jaccard)
        return max(jaccard, min(1, intersection / Double(smaller)))
    }

    static func bandKey(_ values: UnsafeBufferPointer<UInt16>, band: Int, rows: Int) -> UInt64 {
        var key = UInt64(band + 1) &* 0x9E37_79B9_7F4A_7C15
        let start = band * rows
        var row = 0
        while row < rows {
            var packed: UInt64 = 0
            var lane = 0
            while lane < 4, row < rows {
                packed |= UInt64(values[start + row]) << (16 * UInt64(lane))
                lane += 1
                row += 1
            }
            key = StableHash.rotateLeft(key ^ packed, 27) &* 0xD6E8_FEB8_6659_FD93
        }
        return StableHash.mix(key)
    }

    // MARK: insert and evict

    /// False when an entry with this id is already stored (re-delivery, replay): the first wins.
    mutating func insert(_ entry: DedupeEntry) -> Bool {
        let id = entry.fingerprint.id
        guard ids[id] == nil else { return false }
        if entry.firstSeenMilliseconds > clock { clock = entry.firstSeenMilliseconds }
        evict(makingRoom: true)
        if isExpired(entry.firstSeenMilliseconds) { return false }

        let fingerprint = entry.fingerprint
        let storesSignature = fingerprint.signature != nil && fingerprint.scheme == scheme
        var flags = Slot.isAlive
        if fingerprint.urlKey != nil { flags |= Slot.hasURL }
        if fingerprint.textHash != nil { flags |= Slot.hasText }
        if storesSignature { flags |= Slot.hasSignature }
        let isCopy = entry.status == .duplicate || entry.status == .nearDuplicate
        let record = Slot(
            id: id, of: isCopy ? entry.of : nil, time: entry.firstSeenMilliseconds,
            urlKey: fingerprint.urlKey ?? 0, textHigh: fingerprint.textHash?.high ?? 0,
            textLow: fingerprint.textHash?.low ?? 0,
            shingleCount: UInt32(clamping: fingerprint.shingleCount), tokenCount: UInt32(clamping: fingerprint.tokenCount),
            similarity: isCopy ? Float(entry.similarity) : 0, scheme: fingerprint.scheme, flags: flags,
            status: isCopy ? entry.status : .unique, method: isCopy ? entry.method : nil
        )
        let slot: Int
        if let reused = freeSlots.popLast() {
            slot = reused
            slots[slot] = record
        } else {
            slot = slots.count
            slots.append(record)
            signatures.append(contentsOf: repeatElement(0, count: MinHashSignature.size))
        }
        fifo.append(slot)
        liveCount += 1
        stringBytes += Self.heapBytes(record)
        ids[id] = slot
        if let key = entry.fingerprint.urlKey, urls[key] == nil { urls[key] = slot }
        if let hash = entry.fingerprint.textHash, texts[hash.high] == nil { texts[hash.high] = slot }
        if storesSignature, let signature = fingerprint.signature {
            let start = slot * MinHashSignature.size
            signatures.replaceSubrange(start..<(start + MinHashSignature.size), with: signature.values)
            signature.values.withUnsafeBufferPointer { values in
                for band in 0..<bands {
                    bandTable.insert(key: Self.bandKey(values, band: band, rows: rows), slot: slot)
                }
            }
        }
        return true
    }

    /// Drops expired entries from the head of the queue, and the oldest ones while over capacity.
    /// Returns the ids removed.
    @discardableResult
    mutating func evict(makingRoom: Bool) -> [String] {
        var removed: [String] = []
        let limit = makingRoom ? capacity - 1 : capacity
        while fifoHead < fifo.count {
            let slot = fifo[fifoHead]
            guard liveCount > limit || isExpired(slots[slot].time) else { break }
            removed.append(slots[slot].id)
            remove(slot)
            fifoHead += 1
        }
        if fifoHead > 1024, fifoHead * 2 > fifo.count {
            fifo.removeSubrange(0..<fifoHead)
            fifoHead = 0
        }
        return removed
    }

    private mutating func remove(_ slot: Int) {
        let record = slots[slot]
        stringBytes -= Self.heapBytes(record)
        if ids[record.id] == slot { ids[record.id] = nil }
        if record.flags & Slot.hasURL != 0, urls[record.urlKey] == slot { urls[record.urlKey] = nil }
        if record.flags & Slot.hasText != 0, texts[record.textHigh] == slot { texts[record.textHigh] = nil }
        if record.flags & Slot.hasSignature != 0 {
            let start = slot * MinHashSignature.size
            signatures.withUnsafeBufferPointer { stored in
                let values = UnsafeBufferPointer(rebasing: stored[start..<(start + MinHashSignature.size)])
                for band in 0..<bands {
                    bandTable.remove(key: Self.bandKey(values, band: band, rows: rows), slot: slot)
                }
            }
        }
        // Keep the id string's storage from lingering in a dead slot.
        slots[slot] = .dead
        freeSlots.append(slot)
        liveCount -= 1
    }

    /// The stored entry in slot `slot`, as it goes to the changelog.
    func entry(_ slot: Int) -> DedupeEntry {
        let record = slots[slot]
        var signature: MinHashSignature?
        if record.flags & Slot.hasSignature != 0 {
            let start = slot * MinHashSignature.size
            signature = MinHashSignature(unchecked: Array(signatures[start..<(start + MinHashSignature.size)]))
        }
        return DedupeEntry(
            fingerprint: ArticleFingerprint(
                id: record.id, urlKey: record.flags & Slot.hasURL != 0 ? record.urlKey : nil,
                textHash: record.textHash, signature: signature, shingleCount: Int(record.shingleCount),
                tokenCount: Int(record.tokenCount), scheme: record.scheme
            ),
            firstSeenMilliseconds: record.time, status: record.status, of: record.of, method: record.method,
            similarity: Double(record.similarity)
        )
    }

    // MARK: reporting

    var memoryBytes: Int {
        var total = slots.capacity * MemoryLayout<Slot>.stride
        total += freeSlots.capacity * 8 + fifo.capacity * 8
        total += signatures.capacity * MemoryLayout<UInt16>.stride
        total += bandTable.memoryBytes
        // Native dictionaries: key + value per bucket, about 1/0.75 buckets per element, plus metadata bits.
        total += ids.capacity * (MemoryLayout<String>.stride + 8) * 4 / 3
        total += urls.capacity * 16 * 4 / 3 + texts.capacity * 16 * 4 / 3
        return total + stringBytes
    }

    /// Strings over 15 UTF-8 bytes live on the heap behind a 32-byte header.
    private static func heapBytes(_ record: Slot) -> Int {
        let id = record.id.utf8.count
        let of = record.of?.utf8.count ?? 0
        return (id > 15 ? 32 + id : 0) + (of > 15 ? 32 + of : 0)
    }
}
