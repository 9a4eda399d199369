/// Hashes tokens as the scanner produces them: the exact-text hash chains, the rolling shingle
/// hash over the last `shingleSize` token hashes, and the MinHash minima. State that must be
/// indexed (minima, the window ring) lives in caller-provided scratch memory (`scratchWords`), so
/// nothing is allocated per token or per article.
struct HashingSink<Window: ShingleWindow>: TokenSink {
    static var scratchWords: Int { MinHashSignature.size + 16 }

    private var window: Window
    private let minima: UnsafeMutablePointer<UInt64>
    private(set) var tokenCount = 0
    private(set) var shingleCount = 0
    private var chainA: UInt64 = 0x5851_F42D_4C95_7F2D
    private var chainB: UInt64 = 0x1405_7B7E_F767_814F

    /// `scratch` must hold `scratchWords` words; they are initialised here.
    init(window: (UnsafeMutablePointer<UInt64>) -> Window, scratch: UnsafeMutablePointer<UInt64>) {
        minima = scratch
        minima.initialize(repeating: .max, count: MinHashSignature.size)
        let ring = scratch + MinHashSignature.size
        ring.initialize(repeating: 0, count: 16)
        self.window = window(ring)
    }

    @inline(__always)
    mutating func append(_ scalar: UInt32) {}

    @inline(__always)
    mutating func endToken(hash token: UInt64) {
        chainA = (chainA ^ token) &* FingerprintHash.foldMultiplier
        chainB = StableHash.rotateLeft(chainB, 23) &+ token
        let shingle = window.push(token, index: tokenCount)
        tokenCount &+= 1
        if tokenCount >= window.size { add(shingle) }
    }

    /// A text shorter than one shingle still gets a sketch of all its tokens.
    mutating func finishShortText() {
        if tokenCount > 0, tokenCount < window.size { add(window.current) }
    }

    /// One-permutation MinHash: the top 7 bits of the mixed shingle hash pick the bucket, the
    /// rest compete for its minimum.
    @inline(__always)
    private mutating func add(_ shingle: UInt64) {
        let hash = FingerprintHash.shingle(shingle)
        let bucket = Int(truncatingIfNeeded: hash &>> MinHashSignature.bucketShift)
        let value = hash & MinHashSignature.valueMask
        if value < minima[bucket] { minima[bucket] = value }
        shingleCount &+= 1
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

/// The rolling shingle hash over the last `size` token hashes (`FingerprintHash.roll`), with the
/// last tokens in a ring of 16 words of scratch memory.
protocol ShingleWindow {
    var size: Int { get }
    /// Adds the token with 0-based position `index`; returns the hash of the `size` tokens ending
    /// with it (before `size` tokens were pushed: of all tokens so far, for texts shorter than one
    /// shingle).
    mutating func push(_ token: UInt64, index: Int) -> UInt64
    /// The value the last `push` returned.
    var current: UInt64 { get }
}

/// The default four-word shingle, with its rotations as constants.
struct FourTokenWindow: ShingleWindow {
    private let ring: UnsafeMutablePointer<UInt64>
    private(set) var current: UInt64 = 0

    init(ring: UnsafeMutablePointer<UInt64>) {
        self.ring = ring
    }

    var size: Int { 4 }

    @inline(__always)
    mutating func push(_ token: UInt64, index: Int) -> UInt64 {
        // Rotation 16 per position; the token leaving the window has rotated by 64, i.e. not at all.
        let slot = index & 3
        current = FingerprintHash.roll(current, rotation: 16, adding: token, removing: ring[slot], oldRotation: 0)
        ring[slot] = token
        return current
    }
}

/// Any shingle size from 1 to 16.
struct RingWindow: ShingleWindow {
    let size: Int
    private let rotation: UInt64
    private let oldRotation: UInt64
    private let ring: UnsafeMutablePointer<UInt64>
    private(set) var current: UInt64 = 0

    init(size: Int, ring: UnsafeMutablePointer<UInt64>) {
        self.size = min(max(size, 1), 16)
        rotation = FingerprintHash.rotation(forShingleSize: self.size)
        oldRotation = (UInt64(self.size) &* rotation) & 63
        self.ring = ring
    }

    mutating func push(_ token: UInt64, index: Int) -> UInt64 {
        // The ring starts zeroed, so before `size` tokens the "removed" token is 0.
        let old = index >= size ? ring[(index &- size) & 15] : 0
        current = FingerprintHash.roll(current, rotation: rotation, adding: token, removing: old, oldRotation: oldRotation)
        ring[index & 15] = token
        return current
    }
}
