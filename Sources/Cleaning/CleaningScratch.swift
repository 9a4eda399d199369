import Synchronization

/// The working memory of one `clean` call: the normalised bytes (padded for unchecked loads),
/// their word bitmap, the lines and their shapes, the token hashes and their table payloads.
/// Kept between calls by `ScratchPool`, so a steady stream of articles allocates none of it.
///
/// `@unchecked Sendable`: it is mutable, but only ever used by one call at a time — a call
/// takes it from the pool and gives it back when it is done with it.
final class CleaningScratch: @unchecked Sendable {
    /// The buffers, behind a pointer the scratch owns: stored `var`s of a class are accessed
    /// under dynamic exclusivity checks (`swift_beginAccess`, a runtime call with a
    /// thread-local access set), some 600 instructions a `clean` call for these few reads;
    /// a pointer's `pointee` is not checked, and one call at a time uses the scratch.
    private struct Storage {
        var bytes: UnsafeMutablePointer<UInt8>
        var byteCapacity: Int
        var words: UnsafeMutablePointer<UInt64>
        var lines: UnsafeMutablePointer<NormalizedText.Line>
        var shapes: UnsafeMutablePointer<LineShape>
        var lineCapacity: Int
        var tokens: UnsafeMutablePointer<UInt64>
        var tokenCapacity: Int
        var payloads: UnsafeMutablePointer<UInt32>
        var starts: UnsafeMutablePointer<Int32>
        var payloadCapacity: Int
        /// Where `NormalizedText.joined` gathers the kept lines (`joinBuffer`).
        var join = GrowingBuffer<UInt8>()
        /// The analysis's line summaries (`infoBuffer`).
        var infos = GrowingBuffer<DocumentAnalysis.LineInfo>()
        /// The analysis's per-line stoplist counters, three words a line (`laneBuffer`).
        var lanes = GrowingBuffer<UInt64>()
        /// The learned-count keys, two a line (`keyBuffer`).
        var keys = GrowingBuffer<UInt64>()
    }

    private let storage: UnsafeMutablePointer<Storage>

    var bytes: UnsafeMutablePointer<UInt8> { storage.pointee.bytes }
    var byteCapacity: Int { storage.pointee.byteCapacity }
    var words: UnsafeMutablePointer<UInt64> { storage.pointee.words }
    var lines: UnsafeMutablePointer<NormalizedText.Line> { storage.pointee.lines }
    var shapes: UnsafeMutablePointer<LineShape> { storage.pointee.shapes }
    var lineCapacity: Int { storage.pointee.lineCapacity }
    var tokens: UnsafeMutablePointer<UInt64> { storage.pointee.tokens }
    var tokenCapacity: Int { storage.pointee.tokenCapacity }
    /// Per token: the table payload, and the index of each pattern-starting token.
    var payloads: UnsafeMutablePointer<UInt32> { storage.pointee.payloads }
    var starts: UnsafeMutablePointer<Int32> { storage.pointee.starts }
    var payloadCapacity: Int { storage.pointee.payloadCapacity }

    init() {
        storage = .allocate(capacity: 1)
        storage.initialize(to: Storage(
            bytes: Self.allocateBytes(0), byteCapacity: 0, words: Self.allocateWords(forBytes: 0),
            lines: .allocate(capacity: 4), shapes: .allocate(capacity: 4), lineCapacity: 4,
            tokens: .allocate(capacity: 16), tokenCapacity: 16,
            payloads: .allocate(capacity: 16), starts: .allocate(capacity: 16), payloadCapacity: 16))
    }

    deinit {
        let s = storage.move()
        s.bytes.deallocate()
        s.words.deallocate()
        s.lines.deallocate()
        s.shapes.deallocate()
        s.tokens.deallocate()
        s.payloads.deallocate()
        s.starts.deallocate()
        s.join.deallocate()
        s.keys.deallocate()
        s.infos.deallocate()
        s.lanes.deallocate()
        storage.deallocate()
    }

    /// Bytes the scratch holds on to, for the pool's bound.
    var footprint: Int {
        let s = storage.pointee
        return s.byteCapacity * 12 / 8 + s.lineCapacity * 80 + s.tokenCapacity * 8 + s.payloadCapacity * 8 + s.join.bytes + s.keys.bytes
            + s.lanes.bytes + s.infos.bytes
    }

    /// `count` usable bytes plus zeroed padding: loads of up to 64 bytes from any index below
    /// `count` stay inside, and read initialised memory.
    static func allocateBytes(_ count: Int) -> UnsafeMutablePointer<UInt8> {
        let p = UnsafeMutablePointer<UInt8>.allocate(capacity: count + WordBitmap.padding)
        p.initialize(repeating: 0, count: count + WordBitmap.padding)
        return p
    }

    /// Bitmap words for `bytes` usable bytes: `WordBits.stride` per 64 bytes of the allocation,
    /// and those of the block after that `WordBits` reads.
    static func wordCount(forBytes bytes: Int) -> Int { WordBits.stride * ((bytes + WordBitmap.padding) / 64 + 2) }

    static func allocateWords(forBytes bytes: Int) -> UnsafeMutablePointer<UInt64> {
        let count = wordCount(forBytes: bytes)
        let p = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
        p.initialize(repeating: 0, count: count)
        return p
    }

    /// Grows the buffers to hold at least this much (contents are not kept).
    func reserve(bytes needed: Int, lines lineNeed: Int, tokens tokenNeed: Int) {
        let s = storage
        if needed > s.pointee.byteCapacity {
            s.pointee.bytes.deallocate()
            s.pointee.words.deallocate()
            let capacity = max(needed, s.pointee.byteCapacity * 2)
            s.pointee.byteCapacity = capacity
            s.pointee.bytes = Self.allocateBytes(capacity)
            s.pointee.words = Self.allocateWords(forBytes: capacity)
        }
        if lineNeed > s.pointee.lineCapacity {
            Self.regrow(&s.pointee.lines, &s.pointee.shapes, capacity: &s.pointee.lineCapacity, toHold: lineNeed)
        }
        if tokenNeed > s.pointee.tokenCapacity {
            s.pointee.tokens.deallocate()
            let capacity = max(tokenNeed, s.pointee.tokenCapacity * 2)
            s.pointee.tokenCapacity = capacity
            s.pointee.tokens = .allocate(capacity: capacity)
        }
    }

    /// Room for `count` payloads and pattern starts.
    func reservePayloads(_ count: Int) {
        let s = storage
        guard count > s.pointee.payloadCapacity else { return }
        Self.regrow(&s.pointee.payloads, &s.pointee.starts, capacity: &s.pointee.payloadCapacity, toHold: count)
    }

    /// Replaces two buffers that share a capacity with larger ones (at least doubled; contents
    /// are not kept).
    private static func regrow<A, B>(_ first: inout UnsafeMutablePointer<A>, _ second: inout UnsafeMutablePointer<B>,
                                     capacity: inout Int, toHold needed: Int) {
        first.deallocate()
        second.deallocate()
        capacity = max(needed, capacity * 2)
        first = .allocate(capacity: capacity)
        second = .allocate(capacity: capacity)
    }

    /// A buffer of at least `count` bytes for the result text (contents not kept).
    func joinBuffer(_ count: Int) -> UnsafeMutableBufferPointer<UInt8> {
        let start = storage.pointee.join.room(count)
        return UnsafeMutableBufferPointer(start: start, count: storage.pointee.join.capacity)
    }

    /// Room for `count` line summaries (uninitialised; `LineInfo` is a plain value).
    func infoBuffer(_ count: Int) -> UnsafeMutablePointer<DocumentAnalysis.LineInfo> { storage.pointee.infos.room(count) }

    /// Room for `count` words of per-line stoplist counters (contents not kept).
    func laneBuffer(_ count: Int) -> UnsafeMutablePointer<UInt64> { storage.pointee.lanes.room(count) }

    /// Exactly `count` words for the learned-count keys (contents not kept).
    func keyBuffer(_ count: Int) -> UnsafeMutableBufferPointer<UInt64> {
        UnsafeMutableBufferPointer(start: storage.pointee.keys.room(count), count: count)
    }

    /// Takes back the buffers a `TextNormalizer.Writer` borrowed (and may have replaced).
    func adopt(
        bytes: UnsafeMutablePointer<UInt8>, byteCapacity: Int, words: UnsafeMutablePointer<UInt64>,
        lines: UnsafeMutablePointer<NormalizedText.Line>, shapes: UnsafeMutablePointer<LineShape>, lineCapacity: Int,
        tokens: UnsafeMutablePointer<UInt64>, tokenCapacity: Int
    ) {
        let s = storage
        s.pointee.bytes = bytes
        s.pointee.byteCapacity = byteCapacity
        s.pointee.words = words
        s.pointee.lines = lines
        s.pointee.shapes = shapes
        s.pointee.lineCapacity = lineCapacity
        s.pointee.tokens = tokens
        s.pointee.tokenCapacity = tokenCapacity
    }
}

/// Uninitialised room for plain values that grows (at least doubling) when a call needs more
/// and keeps its size between calls; contents are not kept when it grows.
struct GrowingBuffer<Element> {
    private(set) var start = UnsafeMutablePointer<Element>.allocate(capacity: 0)
    private(set) var capacity = 0

    /// Bytes held, for the pool's bound.
    var bytes: Int { capacity * MemoryLayout<Element>.stride }

    mutating func room(_ count: Int) -> UnsafeMutablePointer<Element> {
        if count > capacity {
            start.deallocate()
            capacity = max(count, capacity * 2)
            start = .allocate(capacity: capacity)
        }
        return start
    }

    func deallocate() { start.deallocate() }
}

/// Scratch buffers kept between calls. Calls run concurrently, so each takes its own scratch
/// (a new one when none is free); at most `limit` are kept, and one grown past `maxFootprint`
/// by an outsized article is dropped rather than kept, so the pool's memory stays bounded.
final class ScratchPool: Sendable {
    private let free = Mutex<[CleaningScratch]>([])
    private let limit: Int
    private let maxFootprint: Int

    /// A 4 KB article's scratch is about 50 KB; the defaults keep at most 16 MB.
    init(limit: Int = 16, maxFootprint: Int = 1 << 20) {
        self.limit = limit
        self.maxFootprint = maxFootprint
    }

    func take() -> CleaningScratch {
        free.withLock { $0.popLast() } ?? CleaningScratch()
    }

    func give(_ scratch: CleaningScratch) {
        guard scratch.footprint <= maxFootprint else { return }
        free.withLock { pool in
            if pool.count < limit { pool.append(scratch) }
        }
    }
}
