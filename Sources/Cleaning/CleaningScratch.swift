import Synchronization

/// The working memory of one `clean` call: the normalised bytes (padded for unchecked loads),
/// their word bitmap, the lines and their shapes, the token hashes and their table payloads.
/// Kept between calls by `ScratchPool`, so a steady stream of articles allocates none of it.
///
/// `@unchecked Sendable`: it is mutable, but only ever used by one call at a time — a call
/// takes it from the pool and gives it back when it is done with it.
final class CleaningScratch: @unchecked Sendable {
    private(set) var bytes: UnsafeMutablePointer<UInt8>
    private(set) var byteCapacity: Int
    private(set) var words: UnsafeMutablePointer<UInt64>
    private(set) var lines: UnsafeMutablePointer<NormalizedText.Line>
    private(set) var shapes: UnsafeMutablePointer<LineShape>
    private(set) var lineCapacity: Int
    private(set) var tokens: UnsafeMutablePointer<UInt64>
    private(set) var tokenCapacity: Int
    /// Per token: the table payload, and the index of each pattern-starting token.
    private(set) var payloads: UnsafeMutablePointer<UInt32>
    private(set) var starts: UnsafeMutablePointer<Int32>
    private(set) var payloadCapacity: Int
    /// Where `NormalizedText.joined` gathers the kept lines (`joinBuffer`).
    private var join = GrowingBuffer<UInt8>()
    /// The analysis's line summaries (`infoBuffer`).
    private var infos = GrowingBuffer<DocumentAnalysis.LineInfo>()
    /// The analysis's per-line stoplist counters, three words a line (`laneBuffer`).
    private var lanes = GrowingBuffer<UInt64>()
    /// The learned-count keys, two a line (`keyBuffer`).
    private var keys = GrowingBuffer<UInt64>()

    init() {
        byteCapacity = 0
        bytes = Self.allocateBytes(0)
        words = Self.allocateWords(forBytes: 0)
        lineCapacity = 4
        lines = .allocate(capacity: lineCapacity)
        shapes = .allocate(capacity: lineCapacity)
        tokenCapacity = 16
        tokens = .allocate(capacity: tokenCapacity)
        payloadCapacity = 16
        payloads = .allocate(capacity: payloadCapacity)
        starts = .allocate(capacity: payloadCapacity)
    }

    deinit {
        bytes.deallocate()
        words.deallocate()
        lines.deallocate()
        shapes.deallocate()
        tokens.deallocate()
        payloads.deallocate()
        starts.deallocate()
        join.deallocate()
        keys.deallocate()
        infos.deallocate()
        lanes.deallocate()
    }

    /// Bytes the scratch holds on to, for the pool's bound.
    var footprint: Int { byteCapacity * 12 / 8 + lineCapacity * 80 + tokenCapacity * 8 + payloadCapacity * 8 + join.bytes + keys.bytes + lanes.bytes
        + infos.bytes }

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
        if needed > byteCapacity {
            bytes.deallocate()
            words.deallocate()
            byteCapacity = max(needed, byteCapacity * 2)
            bytes = Self.allocateBytes(byteCapacity)
            words = Self.allocateWords(forBytes: byteCapacity)
        }
        if lineNeed > lineCapacity {
            lines.deallocate()
            shapes.deallocate()
            lineCapacity = max(lineNeed, lineCapacity * 2)
            lines = .allocate(capacity: lineCapacity)
            shapes = .allocate(capacity: lineCapacity)
        }
        if tokenNeed > tokenCapacity {
            tokens.deallocate()
            tokenCapacity = max(tokenNeed, tokenCapacity * 2)
            tokens = .allocate(capacity: tokenCapacity)
        }
    }

    /// Room for `count` payloads and pattern starts.
    func reservePayloads(_ count: Int) {
        guard count > payloadCapacity else { return }
        payloads.deallocate()
        starts.deallocate()
        payloadCapacity = max(count, payloadCapacity * 2)
        payloads = .allocate(capacity: payloadCapacity)
        starts = .allocate(capacity: payloadCapacity)
    }

    /// A buffer of at least `count` bytes for the result text (contents not kept).
    func joinBuffer(_ count: Int) -> UnsafeMutableBufferPointer<UInt8> {
        let start = join.room(count)
        return UnsafeMutableBufferPointer(start: start, count: join.capacity)
    }

    /// Room for `count` line summaries (uninitialised; `LineInfo` is a plain value).
    func infoBuffer(_ count: Int) -> UnsafeMutablePointer<DocumentAnalysis.LineInfo> { infos.room(count) }

    /// Room for `count` words of per-line stoplist counters (contents not kept).
    func laneBuffer(_ count: Int) -> UnsafeMutablePointer<UInt64> { lanes.room(count) }

    /// Exactly `count` words for the learned-count keys (contents not kept).
    func keyBuffer(_ count: Int) -> UnsafeMutableBufferPointer<UInt64> {
        UnsafeMutableBufferPointer(start: keys.room(count), count: count)
    }

    /// Takes back the buffers a `TextNormalizer.Writer` borrowed (and may have replaced).
    func adopt(
        bytes: UnsafeMutablePointer<UInt8>, byteCapacity: Int, words: UnsafeMutablePointer<UInt64>,
        lines: UnsafeMutablePointer<NormalizedText.Line>, shapes: UnsafeMutablePointer<LineShape>, lineCapacity: Int,
        tokens: UnsafeMutablePointer<UInt64>, tokenCapacity: Int
    ) {
        self.bytes = bytes
        self.byteCapacity = byteCapacity
        self.words = words
        self.lines = lines
        self.shapes = shapes
        self.lineCapacity = lineCapacity
        self.tokens = tokens
        self.tokenCapacity = tokenCapacity
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
