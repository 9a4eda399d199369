/// The mutable state behind `DedupeIndex`'s lock: the entry columns and four slot multimaps (id,
/// URL, text hash, LSH bands). Slots are reused; the FIFO queue is both the capacity-eviction
/// order and (since times mostly arrive in order) the TTL order.
///
/// With a million entries every table probe is a cache miss, so `check` first reads the home
/// cell of every key it will look up (id, URL, text hash, all bands) in one branch-free loop —
/// the misses overlap instead of queueing — and only then walks the runs, now in cache.
struct IndexState {
    let configuration: DedupeConfiguration
    let scheme: UInt16
    let bands: Int
    let rows: Int

    private(set) var columns = EntryColumns()
    private var freeSlots: [UInt32] = []
    private(set) var fifo: [UInt32] = []
    private(set) var fifoHead = 0
    private var idTable: SlotMultimap
    private var urlTable: SlotMultimap
    private var textTable: SlotMultimap
    private var bandTable: SlotMultimap
    /// Per slot, bit `b` set when its key of band `b` (< 32) went into `bandTable`: a key refused
    /// at a full run (`bandValueCap`) is not looked for on eviction, whose walk would cross the
    /// whole run to find nothing.
    private var bandMembership: [UInt32] = []
    private let scratch = CandidateScratch(cells: IndexState.candidateCells, found: IndexState.collectedCandidates)
    private(set) var liveCount = 0
    /// Newest time passed to `insert` or `evictExpired`: the TTL is measured against it, so replays
    /// of old data expire by their own clock, not the wall clock.
    var clock: Int64 = .min

    /// The tables and columns are sized for `max_entries` (up to `presizedEntries`) up front:
    /// nothing is rehashed or copied while the window fills, which would hold the lock every
    /// check takes, and the memory the window will need is mapped at start (its pages are
    /// touched as entries arrive), so RSS rises to its plateau and stays there.
    init(configuration: DedupeConfiguration, scheme: UInt16) {
        self.configuration = configuration
        self.scheme = scheme
        (bands, rows) = configuration.effectiveBands
        let expected = min(max(configuration.maxEntries, 1), SlotMultimap.maxSlot, Self.presizedEntries)
        idTable = SlotMultimap(expectedCount: expected)
        urlTable = SlotMultimap(expectedCount: expected)
        textTable = SlotMultimap(expectedCount: expected)
        bandTable = SlotMultimap(expectedCount: expected * bands)
        columns.reserve(expected)
        fifo.reserveCapacity(expected)
        bandMembership.reserveCapacity(expected)
    }

    /// Beyond this many entries (~2 GB of tables and columns) the state grows as it fills
    /// instead of reserving everything at start.
    static let presizedEntries = 4_000_000

    var capacity: Int { min(max(configuration.maxEntries, 1), SlotMultimap.maxSlot) }

    func isExpired(_ time: Int64) -> Bool {
        clock != .min && time < clock &- configuration.ttlMilliseconds
    }

    /// Live slots, oldest inserted first.
    var liveSlotsInOrder: [Int] {
        fifo[fifoHead...].map { Int($0) }.filter { columns.isAlive($0) }
    }

    // MARK: check

    func check(_ fingerprint: ArticleFingerprint) -> DedupeVerdict {
        check(fingerprint, runs: nil)
    }

    /// Judges the article and stores it with the verdict `entry` makes of it (when its id is
    /// new); the insert reuses the band runs' sizes the check counted (`BandRuns`).
    mutating func checkAndInsert(
        _ fingerprint: ArticleFingerprint, judge: Bool, entry: (DedupeVerdict) -> DedupeEntry
    ) -> (verdict: DedupeVerdict, entry: DedupeEntry, stored: Bool) {
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bands) { keys in
          withUnsafeTemporaryAllocation(of: Int.self, capacity: bands) { sizes in
            sizes.initialize(repeating: -1)
            keys.initialize(repeating: 0)
            let runs = BandRuns(keys: keys, sizes: sizes)
            let verdict = judge
                ? check(fingerprint, runs: runs)
                : DedupeVerdict(status: .unknown, of: nil, similarity: 0, method: nil, seenBefore: false)
            let made = entry(verdict)
            return (verdict, made, insert(made, runs: runs))
          }
        }
    }

    private func check(_ fingerprint: ArticleFingerprint, runs: BandRuns?) -> DedupeVerdict {
        let idKey = KeyHash.id(fingerprint.id)
        let sketch = fingerprint.scheme == scheme ? fingerprint.signature : nil
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: MinHashSignature.size) { lowBytes in
          withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bands) { bandKeys in
            if let sketch {
                // The index compares and bands the low bytes it stores.
                sketch.values.withUnsafeBufferPointer { values in
                    for bucket in 0..<min(values.count, lowBytes.count) { lowBytes[bucket] = UInt8(truncatingIfNeeded: values[bucket]) }
                }
                for band in 0..<bands { bandKeys[band] = Self.bandKey(UnsafeBufferPointer(lowBytes), band: band, rows: rows) }
            }
            // Touch every home cell first (see the type's comment); `touched` only keeps the
            // loads from being optimised away.
            var touched = idTable.touch(key: idKey)
            if let key = fingerprint.urlKey { touched |= urlTable.touch(key: key) }
            if let hash = fingerprint.textHash { touched |= textTable.touch(key: hash.high) }
            var bandHomes: UInt64 = 0
            if sketch != nil {
                for band in 0..<bands { bandHomes |= bandTable.touch(key: bandKeys[band]) }
                for band in 0..<bands { bandHomes |= bandTable.touchLongRun(key: bandKeys[band]) }
            }
            if touched == 0, bandHomes == 0 { return .unique }

            if let slot = slot(forID: fingerprint.id, key: idKey) { return columns.replayVerdict(slot) }
            if configuration.checkURL, let key = fingerprint.urlKey,
               let slot = earliestLive(in: urlTable, key: key, where: { columns.urlKeys[$0] == key && columns.flags[$0] & EntryColumns.hasURL != 0 }) {
                return exactVerdict(slot, method: .url)
            }
            if configuration.checkTextHash, fingerprint.scheme == scheme, let hash = fingerprint.textHash,
               let slot = earliestLive(in: textTable, key: hash.high, where: { columns.textHash($0) == hash }) {
                return exactVerdict(slot, method: .textHash)
            }
            guard sketch != nil, bandHomes != 0 else { return .unique }
            return nearDuplicateVerdict(UnsafeBufferPointer(lowBytes), bandKeys: UnsafeBufferPointer(bandKeys),
                                        shingleCount: fingerprint.shingleCount, runs: runs)
          }
        }
    }

    func slot(forID id: String) -> Int? {
        slot(forID: id, key: KeyHash.id(id))
    }

    private func slot(forID id: String, key: UInt64) -> Int? {
        var found: Int?
        idTable.forEachSlot(key: key) { slot in
            if found == nil, columns.ids.matches(slot, id) { found = slot }
        }
        return found
    }

    /// The live, unexpired slot under `key` passing `matches`, earliest first seen.
    private func earliestLive(in table: SlotMultimap, key: UInt64, where matches: (Int) -> Bool) -> Int? {
        var best: Int?
        table.forEachSlot(key: key) { slot in
            guard columns.isAlive(slot), matches(slot), !isExpired(columns.times[slot]) else { return }
            if let current = best, columns.times[current] <= columns.times[slot] { return }
            best = slot
        }
        return best
    }

    private func exactVerdict(_ slot: Int, method: DedupeMethod) -> DedupeVerdict {
        DedupeVerdict(status: .duplicate, of: columns.root(slot), similarity: 1, method: method, seenBefore: false)
    }

    /// Most distinct LSH candidates a check collects (and counts band hits for) …
    static let collectedCandidates = 256
    /// … in a set of `1 << candidateCellBits` cells, at most an eighth full: a check at the full
    /// index of the sample mix meets ~800 band slots, ~240 distinct, and at half full their
    /// probes took 2.5 cells on average.
    private static let candidateCellBits = 11
    private static let candidateCells = 1 << candidateCellBits
    /// Entries one band value takes: beyond this many articles sharing it, the value says nothing
    /// (boilerplate, a template) and more entries under it would only lengthen its probe run.
    static let bandValueCap = 64

    /// LSH candidates are ranked by how many bands they share with the article, and only the best
    /// `maxCandidates` are verified against their sketches. A copy at Jaccard 0.8 shares about
    /// half of the 20 bands, an article that only shares a template or a few sentences one or two
    /// (20·J³ expected). Taking candidates in band order instead verified the first 64 met: on the
    /// benchmark corpus, whose articles reuse sentences, that was 59 sketches per check.
    private func nearDuplicateVerdict(
        _ signature: UnsafeBufferPointer<UInt8>, bandKeys: UnsafeBufferPointer<UInt64>, shingleCount: Int, runs: BandRuns?
    ) -> DedupeVerdict {
        // The scratch's cells are all zero here, and `chooseMostHits` leaves them so.
        let (cells, found) = (scratch.cells, scratch.found)
        let distinct = countBandHits(bandKeys, cells: cells, found: found, runs: runs)
        let chosen = chooseMostHits(cells: cells, found: found, distinct: distinct)
        return bestVerdict(signature, candidates: UnsafeBufferPointer(rebasing: found[0..<chosen]), shingleCount: shingleCount)
    }

    /// Walks the article's band runs and counts, per stored slot, the bands it shares: a cell of
    /// `cells` (open addressing) holds (slot + 1) << 32 | hits, and `found` lists the cells used,
    /// in the order met. Returns how many there are. `runs` gets each band's key and run size.
    private func countBandHits(
        _ bandKeys: UnsafeBufferPointer<UInt64>, cells: UnsafeMutableBufferPointer<UInt64>, found: UnsafeMutableBufferPointer<Int>,
        runs: BandRuns?
    ) -> Int {
        let cellMask = cells.count - 1
        var distinct = 0
        for band in 0..<bands {
            var runSize = 0
            defer {
                if let runs, band < runs.keys.count {
                    runs.keys[band] = bandKeys[band]
                    runs.sizes[band] = runSize
                }
            }
            bandTable.forEachSlotWhile(key: bandKeys[band]) { slot in
                runSize &+= 1
                let tag = UInt64(slot &+ 1) &<< 32
                var index = Int(truncatingIfNeeded: (UInt32(truncatingIfNeeded: slot) &* 0x9E37_79B1) >> (32 - Self.candidateCellBits)) & cellMask
                while true {
                    let cell = cells[index]
                    if cell & ~0xFFFF_FFFF == tag {
                        cells[index] = cell &+ 1
                        return true
                    }
                    if cell == 0 {
                        if distinct < found.count {
                            cells[index] = tag | 1
                            found[distinct] = index
                            distinct += 1
                        }
                        return true
                    }
                    index = (index &+ 1) & cellMask
                }
            }
        }
        return distinct
    }

    /// Replaces the first entries of `found` with the slots of the `maxCandidates` candidates that
    /// share the most bands (earlier met first among equals) and returns their number. Clears the
    /// cells it reads (all `found` lists), so the next check starts from zeros.
    private func chooseMostHits(cells: UnsafeMutableBufferPointer<UInt64>, found: UnsafeMutableBufferPointer<Int>, distinct: Int) -> Int {
        let verify = max(configuration.maxCandidates, 1)
        var level = 1
        var takenAtLevel = Int.max
        if distinct > verify {
            // The hit count `level` at which the best `verify` end: all above it, and the first
            // `takenAtLevel` met at it.
            withUnsafeTemporaryAllocation(of: Int.self, capacity: bands + 2) { histogram in
                histogram.initialize(repeating: 0)
                for n in 0..<distinct { histogram[min(Int(cells[found[n]] & 0xFFFF_FFFF), bands + 1)] += 1 }
                var above = 0
                level = bands + 1
                while level > 1, above + histogram[level] < verify {
                    above += histogram[level]
                    level -= 1
                }
                takenAtLevel = verify - above
            }
        }
        var chosen = 0
        for n in 0..<distinct {
            let cell = cells[found[n]]
            cells[found[n]] = 0
            let hits = Int(cell & 0xFFFF_FFFF)
            guard hits > level || (hits == level && takenAtLevel > 0) else { continue }
            if hits == level { takenAtLevel -= 1 }
            found[chosen] = Int(cell >> 32) - 1
            chosen += 1
        }
        return chosen
    }

    /// The best-scoring live candidate (earliest first seen among equals), a near-duplicate when at
    /// or above the threshold.
    private func bestVerdict(_ mine: UnsafeBufferPointer<UInt8>, candidates: UnsafeBufferPointer<Int>, shingleCount: Int) -> DedupeVerdict {
        var best = -1.0
        var bestSlot = -1
        for slot in candidates {
            guard columns.isAlive(slot), !isExpired(columns.times[slot]) else { continue }
            let equal = columns.withSignature(slot) { MinHashSignature.equalCount(mine, $0) }
            let jaccard = MinHashSignature.jaccard(equalLowBytes: equal)
            let score = similarity(jaccard: jaccard, shingleCount, Int(columns.shingleCounts[slot]))
            if score > best || (score == best && bestSlot >= 0 && columns.times[slot] < columns.times[bestSlot]) {
                best = score
                bestSlot = slot
            }
        }
        guard bestSlot >= 0 else { return .unique }
        if best >= configuration.threshold {
            return DedupeVerdict(status: .nearDuplicate, of: columns.root(bestSlot), similarity: best,
                                 method: .minhash, seenBefore: false)
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

    /// Key of one LSH band: its rows' low bytes packed eight to a word and mixed. In memory only
    /// (recomputed from stored sketches), so it may change between versions. Unrelated articles
    /// share a band of 3 rows with probability 2⁻²⁴: about 0.1 stray candidate per check at
    /// 100 000 entries, each rejected by its sketch.
    static func bandKey(_ values: UnsafeBufferPointer<UInt8>, band: Int, rows: Int) -> UInt64 {
        var key = UInt64(truncatingIfNeeded: band &+ 1) &* 0x9E37_79B9_7F4A_7C15
        let start = band &* rows
        if rows <= 8, let base = values.baseAddress, start &+ 8 <= values.count {
            // The same packed word by one load (byte by byte, with a bounds test each, the 20
            // bands took ~1 k instructions per check).
            let word = UInt64(littleEndian: UnsafeRawPointer(base + start).loadUnaligned(as: UInt64.self))
            let packed = rows == 8 ? word : word & ((1 &<< UInt64(8 &* rows)) &- 1)
            return StableHash.mix(StableHash.rotateLeft(key ^ packed, 27) &* 0xD6E8_FEB8_6659_FD93)
        }
        var row = 0
        while row < rows {
            var packed: UInt64 = 0
            var shift: UInt64 = 0
            while shift < 64, row < rows {
                packed |= UInt64(values[start &+ row]) &<< shift
                shift &+= 8
                row &+= 1
            }
            key = StableHash.rotateLeft(key ^ packed, 27) &* 0xD6E8_FEB8_6659_FD93
        }
        return StableHash.mix(key)
    }

    // MARK: insert and evict

    /// False when an entry with this id is already stored (re-delivery, replay): the first wins.
    /// An entry of another fingerprint scheme (a changelog written by an older version or another
    /// shingle size) is stored whole but found only by id and URL: its text hash and sketch are
    /// not comparable with this scheme's.
    mutating func insert(_ entry: DedupeEntry) -> Bool {
        insert(entry, runs: nil)
    }

    /// `runs`: what the check just before counted (see `BandRuns`); a band whose run is full is
    /// refused without walking it again.
    private mutating func insert(_ entry: DedupeEntry, runs: BandRuns?) -> Bool {
        let fingerprint = entry.fingerprint
        let idKey = KeyHash.id(fingerprint.id)
        guard slot(forID: fingerprint.id, key: idKey) == nil else { return false }
        if entry.firstSeenMilliseconds > clock { clock = entry.firstSeenMilliseconds }
        evict(makingRoom: true, collectingIDs: false, runs: runs)
        if isExpired(entry.firstSeenMilliseconds) { return false }

        let slot = freeSlots.popLast().map { Int($0) } ?? columns.slotCount
        columns.store(entry, at: slot, foreign: fingerprint.scheme != scheme)
        fifo.append(UInt32(slot))
        if slot == bandMembership.count { bandMembership.append(0) } else { bandMembership[slot] = 0 }
        liveCount += 1
        idTable.insert(key: idKey, slot: slot)
        if let key = fingerprint.urlKey { urlTable.insert(key: key, slot: slot) }
        guard fingerprint.scheme == scheme else { return true }
        if let hash = fingerprint.textHash { textTable.insert(key: hash.high, slot: slot) }
        if fingerprint.signature != nil {
            // Banded from the stored low bytes, as `check` and `remove` band them.
            withBandKeys(slot) { state, keys in
                var membership: UInt32 = 0
                for (band, key) in keys.enumerated() {
                    let full = (runs?.size(band: band, key: key) ?? 0) >= Self.bandValueCap && !state.bandTable.growsOnNextInsert
                    guard !full, state.bandTable.insert(key: key, slot: slot, maxPerKey: Self.bandValueCap) else { continue }
                    runs?.inserted(band: band, key: key)
                    if band < 32 { membership |= 1 << UInt32(band) }
                }
                state.bandMembership[slot] = membership
            }
        }
        return true
    }

    /// Drops expired entries from the head of the queue, and the oldest ones while over capacity.
    /// Returns the ids removed (when `collectingIDs`: each is a new String).
    @discardableResult
    mutating func evict(makingRoom: Bool, collectingIDs: Bool = true, runs: BandRuns? = nil) -> [String] {
        var removed: [String] = []
        let limit = makingRoom ? capacity - 1 : capacity
        while fifoHead < fifo.count {
            let slot = Int(fifo[fifoHead])
            guard liveCount > limit || isExpired(columns.times[slot]) else { break }
            if collectingIDs { removed.append(columns.ids.string(slot)) }
            remove(slot, runs: runs)
            fifoHead += 1
        }
        if fifoHead > 1024, fifoHead * 2 > fifo.count {
            fifo.removeSubrange(0..<fifoHead)
            fifoHead = 0
        }
        return removed
    }

    /// The band keys of `slot`'s stored sketch, in a temporary buffer (no allocation per entry).
    private mutating func withBandKeys(_ slot: Int, _ body: (inout IndexState, UnsafeBufferPointer<UInt64>) -> Void) {
        let (bands, rows) = (bands, rows)
        withUnsafeTemporaryAllocation(of: UInt64.self, capacity: bands) { keys in
            columns.withSignature(slot) { values in
                for band in 0..<bands { keys[band] = Self.bandKey(values, band: band, rows: rows) }
            }
            body(&self, UnsafeBufferPointer(keys))
        }
    }

    private mutating func remove(_ slot: Int, runs: BandRuns?) {
        let flags = columns.flags[slot]
        idTable.remove(key: columns.ids.withBytes(slot) { KeyHash.id(utf8: $0) }, slot: slot)
        if flags & EntryColumns.hasURL != 0 { urlTable.remove(key: columns.urlKeys[slot], slot: slot) }
        if columns.schemes[slot] == scheme {
            if flags & EntryColumns.hasText != 0 { textTable.remove(key: columns.textHigh[slot], slot: slot) }
            if flags & EntryColumns.hasSignature != 0 {
                let membership = bandMembership[slot]
                withBandKeys(slot) { state, keys in
                    // The evicted entry's runs are cold: their home cells are read first, in one
                    // loop, so the misses overlap (as `check` does); an empty home means no cell.
                    withUnsafeTemporaryAllocation(of: UInt64.self, capacity: keys.count) { homes in
                        for (band, key) in keys.enumerated() {
                            let member = band >= 32 || membership & 1 << UInt32(band) != 0
                            homes[band] = member ? state.bandTable.touch(key: key) : 0
                        }
                        for (band, key) in keys.enumerated() where homes[band] != 0 {
                            if state.bandTable.remove(key: key, slot: slot) { runs?.removed(key: key) }
                        }
                    }
                }
            }
        }
        columns.clear(slot)
        freeSlots.append(UInt32(slot))
        liveCount -= 1
    }

    // MARK: reporting

    var memoryBytes: Int {
        columns.memoryBytes + freeSlots.capacity * 4 + fifo.capacity * 4
            + bandMembership.capacity * 4 + idTable.memoryBytes + urlTable.memoryBytes + textTable.memoryBytes + bandTable.memoryBytes
    }
}

/// Table keys for strings (article ids): eight bytes per step, then `StableHash.mix`. Only kept
/// in memory, never persisted.
enum KeyHash {
    static func id(_ id: String) -> UInt64 {
        var copy = id
        return copy.withUTF8 { KeyHash.id(utf8: $0) }
    }

    static func id(utf8 bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x6964_5F6B_6579 ^ UInt64(bytes.count)
        var i = 0
        let raw = UnsafeRawBufferPointer(bytes)
        while i + 8 <= bytes.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = StableHash.rotateLeft((h ^ word) &* 0x9E37_79B9_7F4A_7C15, 31)
            i += 8
        }
        var tail: UInt64 = 0
        var shift: UInt64 = 0
        while i < bytes.count {
            tail |= UInt64(bytes[i]) << shift
            shift += 8
            i += 1
        }
        return StableHash.mix(h ^ tail &* 0xC2B2_AE3D_27D4_EB4F)
    }
}
