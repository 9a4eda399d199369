/// Entry ids (and, in a second arena, the originals' ids copies point at), their UTF-8 bytes back
/// to back in one array, by slot. Real ids (15–40 bytes)
/// do not fit a `String`'s 15 inline bytes: as `[String]` each cost 16 bytes plus a heap block of
/// 32 + its length, rounded up by malloc (about 96 bytes for a 27-byte id); here, its length plus
/// 12 bytes and a share of not yet reclaimed space.
///
/// A cleared slot's bytes become dead space; when that exceeds half the live bytes the arena is
/// rebuilt from the live slots (one pass, amortised over as many inserts as the arena holds ids,
/// about 1 ms per 100 000 entries, while the index lock is held), so it stays within 1.5× its
/// live bytes.
struct IDArena {
    private var bytes: [UInt8] = []
    private var starts: [Int] = []
    /// Byte counts (a Kafka key is far below 4 GiB).
    private var lengths: [UInt32] = []
    private var liveBytes = 0

    var slotCount: Int { starts.count }

    mutating func reserve(_ count: Int) {
        starts.reserveCapacity(count)
        lengths.reserveCapacity(count)
    }

    /// Stores `id` for `slot` (a new slot when `slot == slotCount`), which must be clear.
    mutating func set(_ id: String, at slot: Int) {
        var id = id
        let count = id.utf8.count
        if (bytes.count - liveBytes) * 2 > liveBytes + 4096 { compact(extra: count) }
        let start = bytes.count
        id.withUTF8 { bytes.append(contentsOf: $0) }
        liveBytes += count
        if slot == starts.count {
            starts.append(start)
            lengths.append(UInt32(truncatingIfNeeded: count))
        } else {
            starts[slot] = start
            lengths[slot] = UInt32(truncatingIfNeeded: count)
        }
    }

    /// Drops `slot`'s id (its bytes become dead space).
    mutating func clear(_ slot: Int) {
        liveBytes -= Int(lengths[slot])
        lengths[slot] = 0
    }

    /// The id's bytes, in place.
    @inline(__always)
    func withBytes<R>(_ slot: Int, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        let start = starts[slot], count = Int(lengths[slot])
        return bytes.withUnsafeBufferPointer { body(UnsafeBufferPointer(rebasing: $0[start..<(start + count)])) }
    }

    func matches(_ slot: Int, _ id: String) -> Bool {
        var id = id
        return id.withUTF8 { wanted in
            withBytes(slot) { stored in stored.count == wanted.count && stored.elementsEqual(wanted) }
        }
    }

    func string(_ slot: Int) -> String {
        withBytes(slot) { String(decoding: $0, as: UTF8.self) }
    }

    var memoryBytes: Int {
        bytes.capacity + starts.capacity * MemoryLayout<Int>.stride + lengths.capacity * MemoryLayout<UInt32>.stride
    }

    /// Rebuilds the bytes from the live slots, with room for half as many again plus `extra`.
    private mutating func compact(extra: Int) {
        var compacted: [UInt8] = []
        compacted.reserveCapacity(liveBytes + liveBytes / 2 + extra + 4096)
        bytes.withUnsafeBufferPointer { old in
            for slot in starts.indices where lengths[slot] > 0 {
                let start = starts[slot]
                starts[slot] = compacted.count
                compacted.append(contentsOf: UnsafeBufferPointer(rebasing: old[start..<(start + Int(lengths[slot]))]))
            }
        }
        bytes = compacted
    }
}
