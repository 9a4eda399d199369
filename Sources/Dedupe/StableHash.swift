/// Hash functions whose output is part of the persisted state (changelog entries, URL keys, text
/// hashes), so they must give the same bits on every process, machine and Swift version — which
/// rules out `Hasher` (randomly seeded per process).
public enum StableHash {
    /// The FNV-1a 64-bit offset basis.
    public static let fnvOffset: UInt64 = 0xcbf2_9ce4_8422_2325
    static let fnvPrime: UInt64 = 0x0000_0100_0000_01b3

    /// MurmurHash3's 64-bit finaliser: FNV-1a alone mixes its high bits poorly, and the MinHash
    /// buckets are taken from the high bits.
    @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var k = value
        k ^= k >> 33
        k &*= 0xff51_afd7_ed55_8ccd
        k ^= k >> 33
        k &*= 0xc4ce_b9fe_1a85_ec53
        k ^= k >> 33
        return k
    }

    /// FNV-1a 64 over bytes, then `mix`; `seed` is xor-ed into the offset basis to give a family.
    public static func hash<Bytes: Sequence<UInt8>>(_ bytes: Bytes, seed: UInt64 = 0) -> UInt64 {
        var h = fnvOffset ^ seed
        for byte in bytes {
            h ^= UInt64(byte)
            h &*= fnvPrime
        }
        return mix(h)
    }

    /// Stable hash of a string's UTF-8 bytes.
    public static func hash(_ string: String, seed: UInt64 = 0) -> UInt64 {
        hash(string.utf8, seed: seed)
    }

    @inline(__always)
    static func rotateLeft(_ value: UInt64, _ count: UInt64) -> UInt64 {
        (value << count) | (value >> (64 &- count))
    }
}
