/// The hash functions of fingerprint algorithm version 3. Their output is persisted (text hashes
/// and MinHash buckets in changelog entries), so any change here must bump
/// `Fingerprinter.algorithmVersion`. Chosen for instructions per token, which is what
/// fingerprinting costs: one multiply and xor-shift per token hash (plus one multiply per eight
/// bytes past the first eight), a rolling XOR of rotated token hashes per shingle (three
/// operations, whatever the shingle size) and one more multiply per shingle before it competes
/// for a MinHash bucket.
///
/// Version 3 (2026-11-25) differs from version 2 in three places: a token's last word is its last
/// eight bytes (overlapping the folded groups), which the scanner loads ending at the token's end
/// with no masking; a group is folded by rotate-then-multiply; and the shingle hash drops its
/// xor-shift (the bucket and the comparison use
/// the well-mixed high bits of the product, the stored low 16 bits are a bijection of the rolled
/// hash's, which is already mixed).
enum FingerprintHash {
    static let foldMultiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
    static let tokenMultiplier: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    static let shingleMultiplier: UInt64 = 0xFF51_AFD7_ED55_8CCD

    /// Folds one full group of eight token bytes (first byte lowest) into a token's running state.
    /// The rotation before the multiply lets high bits of earlier groups reach the low bits; the
    /// first group costs a single multiply (fold(0, g) = g × multiplier).
    @inline(__always)
    static func fold(_ state: UInt64, _ group: UInt64) -> UInt64 {
        (StableHash.rotateLeft(state, 29) ^ group) &* foldMultiplier
    }

    /// A token's hash from `state` (its groups `0 ..< (length - 1) / 8` of eight bytes folded, 0
    /// for tokens of up to eight bytes), `last` (its last min(length, 8) bytes, first of them
    /// lowest, zero-extended) and its length in bytes. Token bytes are never zero, so a token of up
    /// to seven bytes maps one-to-one to `last | length << 56`, and the multiply and xor-shift are
    /// bijective: distinct short tokens never collide.
    @inline(__always)
    static func token(state: UInt64, last: UInt64, length: UInt64) -> UInt64 {
        let x = (state ^ last ^ (length &<< 56)) &* tokenMultiplier
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

    /// A shingle hash ready for the MinHash: the multiply spreads every bit into the top bits (the
    /// bucket and the order of the minima).
    @inline(__always)
    static func shingle(_ rolled: UInt64) -> UInt64 {
        rolled &* shingleMultiplier
    }
}
