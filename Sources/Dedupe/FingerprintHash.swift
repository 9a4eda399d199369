/// The hash functions of fingerprint algorithm version 2. Their output is persisted (text hashes
/// and MinHash buckets in changelog entries), so any change here must bump
/// `Fingerprinter.algorithmVersion`. Chosen for instructions per token, which is what
/// fingerprinting costs: one multiply and xor-shift per token hash, a rolling XOR of rotated token
/// hashes per shingle (three operations, whatever the shingle size) and one more multiply and
/// xor-shift per shingle before it competes for a MinHash bucket.
enum FingerprintHash {
    static let foldMultiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let tokenMultiplier: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let shingleMultiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD

    /// Folds one full group of eight token bytes (first byte lowest) into a token's running state.
    @inline(__always)
    static func fold(_ state: UInt64, _ group: UInt64) -> UInt64 {
        StableHash.rotateLeft((state ^ group) &* foldMultiplier, 29)
    }

    /// A token's hash from its folded groups (`state`, 0 for tokens under eight bytes), the
    /// remaining under-eight bytes (`tail`, first byte lowest) and its length in bytes. Token
    /// bytes are never zero, so a token under eight bytes maps one-to-one to `tail | length << 56`,
    /// and the multiply and xor-shift are bijective: distinct short tokens never collide.
    @inline(__always)
    static func token(state: UInt64, tail: UInt64, length: UInt64) -> UInt64 {
        let x = (state ^ tail ^ (length &<< 56)) &* tokenMultiplier
        return x ^ (x &>> 32)
    }

    /// Rotation between neighbouring tokens of a shingle of `size` tokens: distinct rotations for
    /// every position, so a shingle's hash depends on token order.
    @inline(__always)
    static func rotation(forShingleSize size: Int) -> UInt64 {
        UInt64(64 / min(max(size, 1), 16))
    }

    /// The shingle hash ending at token i is XOR over j < size of rotl(token[i - j], j × rotation);
    /// it rolls: rotl(previous, rotation) ^ token[i] ^ rotl(token[i - size], size × rotation).
    @inline(__always)
    static func roll(_ shingle: UInt64, rotation: UInt64, adding token: UInt64, removing old: UInt64, oldRotation: UInt64) -> UInt64 {
        StableHash.rotateLeft(shingle, rotation) ^ token ^ StableHash.rotateLeft(old, oldRotation)
    }

    /// A shingle hash ready for the MinHash: the multiply spreads every bit into the top bits
    /// (the bucket), the xor-shift brings high bits down into the low ones (the stored bits).
    @inline(__always)
    static func shingle(_ rolled: UInt64) -> UInt64 {
        let x = rolled &* shingleMultiplier
        return x ^ (x &>> 31)
    }
}
