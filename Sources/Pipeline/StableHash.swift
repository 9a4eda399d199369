/// Hashes that must agree across processes and machines (article ids, dedupe keys).
/// Swift's `Hasher` is seeded per process, so it cannot be used for these.
public enum StableHash {
    /// 64-bit FNV-1a.
    @inlinable
    public static func fnv1a64<Bytes: Sequence>(_ bytes: Bytes, seed: UInt64 = 0xcbf2_9ce4_8422_2325) -> UInt64
    where Bytes.Element == UInt8 {
        var hash = seed
        for byte in bytes {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }

    /// A 128-bit content digest as 32 lowercase hex characters: two FNV-1a passes with different
    /// offset bases, each finished with a 64-bit avalanche mix. Not cryptographic; ids only.
    public static func digest128Hex(_ bytes: [UInt8]) -> String {
        let first = mix(fnv1a64(bytes))
        let second = mix(fnv1a64(bytes, seed: 0x6c62_272e_07bb_0142) ^ UInt64(bytes.count))
        return hex(first) + hex(second)
    }

    /// Finaliser that spreads every input bit over the output (splitmix64's constants).
    @inlinable
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    public static func hex(_ value: UInt64) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes = [UInt8](repeating: 0, count: 16)
        var remaining = value
        for index in stride(from: 15, through: 0, by: -1) {
            bytes[index] = digits[Int(remaining & 0xf)]
            remaining >>= 4
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
