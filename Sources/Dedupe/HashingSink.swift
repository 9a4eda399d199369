/// Hashes tokens in two phases: the scanner only appends token hashes to a buffer (`endToken`),
/// and every `chunkTokens` tokens one tight loop (`flush`) runs the exact-text hash chains, the
/// rolling shingle hash over the last `shingleSize` token hashes and the MinHash minima. Split
/// this way, each loop keeps its state in registers (together they needed more than x86-64 has),
/// the shingle window is just the buffer (no ring), and the hashing loop has no data-dependent
/// branch. All state that is indexed lives in caller-provided scratch memory (`scratchWords`), so
/// nothing is allocated per token or per article.
struct HashingSink<Shape: ShingleShape>: TokenSink {
    /// Tokens buffered before a flush; the 16 words before them keep the previous tokens, which
    /// the next chunk's first shingles still need.
    static var chunkTokens: Int { 512 }
    static var historyWords: Int { 16 }
    static var scratchWords: Int { MinHashSignature.size + historyWords + chunkTokens }

    private let shape: Shape
    private let minima: UnsafeMutablePointer<UInt64>
    /// `historyWords` words of earlier tokens (zero before the first), then the chunk.
    private let tokens: UnsafeMutablePointer<UInt64>
    /// Where the next token hash goes (a pointer, so committing a producer's position is a store).
    private(set) var cursor: UnsafeMutablePointer<UInt64>
    /// Tokens hashed by `flush` so far.
    private var hashedTokens = 0
    private var chainA: UInt64 = 0x5851_F42D_4C95_7F2D
    private var chainB: UInt64 = 0x1405_7B7E_F767_814F
    private var rolled: UInt64 = 0

    /// `scratch` must hold `scratchWords` words; they are initialised here.
    init(shape: Shape, scratch: UnsafeMutablePointer<UInt64>) {
        self.shape = shape
        minima = scratch
        minima.initialize(repeating: .max, count: MinHashSignature.size)
        tokens = scratch + MinHashSignature.size
        tokens.initialize(repeating: 0, count: Self.historyWords)
        cursor = tokens + Self.historyWords
    }

    @inline(__always)
    mutating func append(_ scalar: UInt32) {}

    /// A bulk producer writes token hashes from `cursor` up to `chunkEnd`, then calls `commit`
    /// with the pointer after its last hash.
    var chunkEnd: UnsafeMutablePointer<UInt64> { tokens + (Self.historyWords &+ Self.chunkTokens) }

    /// A full chunk is hashed by the next `reserve` or `finish`, not here: the producer reserves
    /// before each batch anyway.
    @inline(__always)
    mutating func commit(_ end: UnsafeMutablePointer<UInt64>) {
        cursor = end
    }

    /// Flushes unless `count` more token hashes fit before `chunkEnd` (at most `chunkTokens`), so a
    /// bulk producer can then write that many without testing for the end after each.
    @inline(__always)
    mutating func reserve(_ count: Int) {
        if chunkEnd - cursor < count { flush() }
    }

    /// After a `commit` the chunk may be full: a producer mixing the two calls `reserve(1)` first.
    @inline(__always)
    mutating func endToken(hash token: UInt64) {
        cursor.pointee = token
        cursor += 1
        if cursor == chunkEnd { flush() }
    }

    /// Tokens buffered and not yet hashed.
    private var pending: Int { cursor - (tokens + Self.historyWords) }

    /// Hashes the buffered tokens. The shingle ending at token i is rotl(previous, rotation) ^
    /// token[i] ^ rotl(token[i - size], size × rotation), with token[i - size] read from the
    /// buffer (zero before the first token, as defined for texts shorter than one shingle).
    @inline(never)
    mutating func flush() {
        let pending = self.pending
        let size = shape.size
        let rotation = shape.rotation
        let oldRotation = shape.oldRotation
        var a = chainA, b = chainB, shingle = rolled
        let chunk = tokens + Self.historyWords
        let minima = self.minima
        var k = 0
        // Tokens before the first full shingle: no MinHash update.
        while k < pending, hashedTokens &+ k < size &- 1 {
            let token = chunk[k]
            a = (a ^ token) &* FingerprintHash.foldMultiplier
            b = StableHash.rotateLeft(b, 23) &+ token
            shingle = FingerprintHash.roll(shingle, rotation: rotation, adding: token, removing: chunk[k &- size],
                                           oldRotation: oldRotation)
            k &+= 1
        }
        // Four tokens per step: the count, compare and branch were 3 of the loop's 20 instructions
        // per token (flush 12.0 k -> 11.5 k per chain-corpus article).
        while k &+ 4 <= pending {
            for j in 0..<4 {
                Self.hash(chunk + (k &+ j), size: size, rotation: rotation, oldRotation: oldRotation,
                          a: &a, b: &b, shingle: &shingle, minima: minima)
            }
            k &+= 4
        }
        while k < pending {
            Self.hash(chunk + k, size: size, rotation: rotation, oldRotation: oldRotation,
                      a: &a, b: &b, shingle: &shingle, minima: minima)
            k &+= 1
        }
        chainA = a
        chainB = b
        rolled = shingle
        hashedTokens &+= pending
        // The last tokens become the next chunk's history.
        tokens.update(from: chunk + (pending &- Self.historyWords), count: Self.historyWords)
        cursor = chunk
    }

    /// One token of `flush` past the first full shingle: both text hash chains, the rolled shingle
    /// and its MinHash bucket.
    @inline(__always)
    private static func hash(
        _ token: UnsafeMutablePointer<UInt64>, size: Int, rotation: UInt64, oldRotation: UInt64,
        a: inout UInt64, b: inout UInt64, shingle: inout UInt64, minima: UnsafeMutablePointer<UInt64>
    ) {
        let value = token.pointee
        a = (a ^ value) &* FingerprintHash.foldMultiplier
        b = StableHash.rotateLeft(b, 23) &+ value
        shingle = FingerprintHash.roll(shingle, rotation: rotation, adding: value, removing: token[-size],
                                       oldRotation: oldRotation)
        let hash = FingerprintHash.shingle(shingle)
        let bucket = Int(truncatingIfNeeded: hash &>> MinHashSignature.bucketShift)
        // Unconditional store: whether a shingle lowers its bucket is a coin toss early in a
        // text, and a mispredicted branch costs more than the store.
        minima[bucket] = min(hash & MinHashSignature.valueMask, minima[bucket])
    }

    /// Hashes what is left; a text shorter than one shingle still gets a sketch of all its tokens.
    mutating func finish() {
        flush()
        if hashedTokens > 0, hashedTokens < shape.size { add(rolled) }
    }

    private mutating func add(_ shingle: UInt64) {
        let hash = FingerprintHash.shingle(shingle)
        let bucket = Int(truncatingIfNeeded: hash &>> MinHashSignature.bucketShift)
        minima[bucket] = min(hash & MinHashSignature.valueMask, minima[bucket])
    }

    var tokenCount: Int { hashedTokens &+ pending }

    /// Shingles counted with repeats; a short text's single shingle of all its tokens counts one.
    var shingleCount: Int {
        let count = tokenCount
        return count >= shape.size ? count - shape.size + 1 : (count > 0 ? 1 : 0)
    }

    var textHash: TextHash {
        let count = UInt64(tokenCount)
        return TextHash(high: StableHash.mix(chainA ^ count), low: StableHash.mix(chainB ^ (count &<< 32)))
    }

    func signature() -> MinHashSignature? {
        guard shingleCount > 0 else { return nil }
        return MinHashSignature.densified(minima: UnsafeBufferPointer(start: minima, count: MinHashSignature.size))
    }
}

/// Shingle size and the rolling hash's rotations (`FingerprintHash.roll`).
protocol ShingleShape {
    var size: Int { get }
    var rotation: UInt64 { get }
    /// size × rotation, mod 64.
    var oldRotation: UInt64 { get }
}

/// The default four-word shingle, with its rotations as constants.
struct FourTokenShape: ShingleShape {
    var size: Int { 4 }
    var rotation: UInt64 { 16 }
    var oldRotation: UInt64 { 0 }
}

/// Any shingle size from 1 to 16.
struct AnyShingleShape: ShingleShape {
    let size: Int
    let rotation: UInt64
    let oldRotation: UInt64

    init(size: Int) {
        self.size = min(max(size, 1), 16)
        rotation = FingerprintHash.rotation(forShingleSize: self.size)
        oldRotation = (UInt64(self.size) &* rotation) & 63
    }
}
