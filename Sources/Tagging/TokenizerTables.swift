/// The tokenizer's byte tables at fixed addresses: built once, never written or freed afterwards,
/// which is what makes sharing the pointers across threads safe.
final class ByteTableStorage: @unchecked Sendable {
    static let shared = ByteTableStorage()
    let byteClass: UnsafeBufferPointer<UInt8>
    let lower: UnsafeBufferPointer<UInt8>
    let asciiBreak: UnsafeBufferPointer<Bool>
    /// `ByteHash` of every one-byte string.
    let byteHash: UnsafeBufferPointer<UInt64>

    private init() {
        func pinned<T>(_ a: [T]) -> UnsafeBufferPointer<T> {
            let p = UnsafeMutableBufferPointer<T>.allocate(capacity: a.count)
            _ = p.initialize(from: a)
            return UnsafeBufferPointer(p)
        }
        byteClass = pinned(Tokenizer.byteClass)
        lower = pinned(Tokenizer.lowerTable)
        asciiBreak = pinned(Tokenizer.asciiBreak)
        byteHash = pinned((0..<256).map { ByteHash.hash([UInt8($0)]) })
    }
}

/// Eight input bytes classified at once (SWAR): how many leading bytes are ASCII letters or digits,
/// their classes, and all eight lower-cased. Replaces the per-byte loop whose exit — one unpredictable
/// branch per word — cost more than the bytes' work.
struct AsciiBlock {
    /// Leading bytes (0...8) that are ASCII letters or digits.
    let run: Int
    /// `ByteClass.digit` / `.upper` / `.lower` present among those bytes.
    let classes: UInt8
    /// The block with ASCII upper-case letters lower-cased (every byte, also past `run`).
    let lowercased: UInt64

    static let high: UInt64 = 0x8080_8080_8080_8080
    static let ones: UInt64 = 0x0101_0101_0101_0101

    @inline(__always)
    init(_ w: UInt64) {
        // Per byte, the high bit answers "lo ≤ byte ≤ hi" for ASCII bytes (the low seven bits plus a
        // constant never carry into the next byte); non-ASCII bytes are masked out.
        let x = w & ~Self.high
        let ascii = ~w & Self.high
        @inline(__always) func within(_ lo: UInt64, _ hi: UInt64) -> UInt64 {
            (x &+ Self.ones &* (0x80 - lo)) & ~(x &+ Self.ones &* (0x7F - hi)) & ascii
        }
        let digit = within(0x30, 0x39), upper = within(0x41, 0x5A), lower = within(0x61, 0x7A)
        let stop = ~(digit | upper | lower) & Self.high
        run = stop.trailingZeroBitCount >> 3
        // Bytes before the first stop byte (all eight when there is none).
        let keep = ((stop & (0 &- stop)) >> 7) &- 1
        classes = Tokenizer.ByteClass.digit &* Candidates.bit(digit & keep != 0)
            | Tokenizer.ByteClass.upper &* Candidates.bit(upper & keep != 0)
            | Tokenizer.ByteClass.lower &* Candidates.bit(lower & keep != 0)
        lowercased = w | (upper >> 2)
    }
}
