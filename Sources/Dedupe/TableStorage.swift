#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Zeroed 64-bit words for the index's hash tables. With a million entries the LSH table alone is
/// 256 MiB and every `check` probes about 23 random cells of it and its siblings: with 4 KiB pages
/// each probe is also a TLB miss and a page walk (two-dimensional under a hypervisor). From 2 MiB
/// up the words are mapped 2 MiB-aligned and, on Linux, advised for transparent huge pages, so
/// the tables span a few hundred TLB entries instead of a few hundred thousand. Without huge pages
/// (THP off, other systems) this is just lazily zeroed anonymous memory.
///
/// A class so the owner (`SlotMultimap`, a struct) frees the mapping exactly once; the owner
/// copies it before writing when it is shared (`isKnownUniquelyReferenced`).
final class TableStorage {
    static let hugePageBytes = 2 << 20

    let words: UnsafeMutablePointer<UInt64>
    let count: Int
    /// The mapping to unmap, when the words were mapped rather than allocated.
    private let mapping: (start: UnsafeMutableRawPointer, bytes: Int)?

    /// `count` zeroed words.
    init(zeroedCount count: Int) {
        self.count = count
        let bytes = count * MemoryLayout<UInt64>.stride
        if bytes >= Self.hugePageBytes, let (start, mappedBytes, aligned) = Self.mapAligned(bytes) {
            mapping = (start, mappedBytes)
            words = aligned.bindMemory(to: UInt64.self, capacity: count)
        } else {
            mapping = nil
            words = UnsafeMutablePointer<UInt64>.allocate(capacity: count)
            words.initialize(repeating: 0, count: count)
        }
    }

    deinit {
        if let mapping {
            munmap(mapping.start, mapping.bytes)
        } else {
            words.deallocate()
        }
    }

    /// A copy with the same words.
    func copy() -> TableStorage {
        let copy = TableStorage(zeroedCount: count)
        copy.words.update(from: words, count: count)
        return copy
    }

    /// Anonymous memory (zero-filled by the kernel, pages materialised on first touch) with a 2 MiB
    /// aligned start: `bytes` plus one huge page is mapped and the aligned part used.
    private static func mapAligned(_ bytes: Int) -> (UnsafeMutableRawPointer, Int, UnsafeMutableRawPointer)? {
        let mappedBytes = bytes + hugePageBytes
        let start = mmap(nil, mappedBytes, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0)
        guard let start, start != MAP_FAILED else { return nil }
        let address = UInt(bitPattern: start)
        let alignedAddress = (address + UInt(hugePageBytes - 1)) & ~UInt(hugePageBytes - 1)
        let aligned = start + Int(alignedAddress - address)
        #if os(Linux)
        // Advice only: without THP the mapping works the same with small pages.
        _ = madvise(aligned, bytes, MADV_HUGEPAGE)
        #endif
        return (start, mappedBytes, aligned)
    }
}
