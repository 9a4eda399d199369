import Foundation
import Synchronization

/// Working memory of one `tag` call, kept for the next: the per-article hash tables and arrays are
/// tens of kilobytes each, past glibc's per-thread cache, and allocating and freeing them took
/// the allocator's slow paths (chunk splitting and consolidation) on every article.
///
/// Used by one thread at a time: `ScratchPool` hands each instance to one caller until it is
/// given back, which is what makes the unchecked `Sendable` sound.
final class Scratch: @unchecked Sendable {
    /// Which block each caller uses; blocks in use at the same time must differ.
    enum Block: Int, CaseIterable {
        case documentWords, documentWordsTouched, coreference, keywordIndex, keywordStats, keywordPositions, keywordRuns, keywordWeights,
             surfaceIndex, entityIndex, listedSurface, tokenFeatures, tokenLists, groupWork, groupEvidence, personAt, consumedTokens, consumedTokensOther
    }

    // Per block, in memory of their own: as stored `var` arrays of the class, every request paid the
    // runtime's exclusivity checks (swift_beginAccess, ~1.3k instructions per tagged article).
    private let base = UnsafeMutablePointer<UnsafeMutableRawPointer?>.allocate(capacity: Scratch.blockCount)
    private let size = UnsafeMutablePointer<Int>.allocate(capacity: Scratch.blockCount)
    /// Per block: the last stamp `stamped` handed out (for `zeroed`: 1), 0 while the block is not zeroed.
    /// (Internal, not private: tests set it near the wrap.)
    let stamps = UnsafeMutablePointer<UInt32>.allocate(capacity: Scratch.blockCount)

    static let blockCount = Block.allCases.count

    init() {
        base.initialize(repeating: nil, count: Self.blockCount)
        size.initialize(repeating: 0, count: Self.blockCount)
        stamps.initialize(repeating: 0, count: Self.blockCount)
    }
    /// Blocks larger than this are freed when given back, so one huge article does not pin its
    /// memory in every pooled instance.
    static let keptBytes = 1 << 20

    /// Room for `count` values of `T` in `block` (contents undefined), valid until the next request
    /// for the same block.
    func buffer<T>(_ block: Block, _ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let b = block.rawValue
        let bytes = max(1, count) * MemoryLayout<T>.stride
        if let p = base[b], size[b] >= bytes { return p.bindMemory(to: T.self, capacity: count) }
        base[b]?.deallocate()
        stamps[b] = 0
        // Grown by half again, so slowly growing articles do not reallocate each time.
        let grown = bytes + bytes / 2
        let p = UnsafeMutableRawPointer.allocate(byteCount: grown, alignment: 16)
        base[b] = p
        size[b] = grown
        return p.bindMemory(to: T.self, capacity: count)
    }

    /// Room for `count` slots of `T` in `block` for a table whose slots carry a 32-bit stamp
    /// (`OpenAddressing.Slot`), and a stamp no slot holds: every slot reads as empty without
    /// clearing. The block is zeroed when it is (re)allocated (stamp 0 is never handed out) and
    /// again when the stamps wrap. A block used this way must not be used through `buffer` too.
    func stamped<T>(_ block: Block, _ type: T.Type, count: Int) -> (UnsafeMutablePointer<T>, stamp: UInt32) {
        let b = block.rawValue
        let p = buffer(block, T.self, count: count)
        var stamp = stamps[b] &+ 1
        if stamp == 1 || stamp == 0 {
            // Fresh memory, or every stamp used: no slot may carry the stamp about to be handed out.
            memset(p, 0, size[b])
            stamp = 1
        }
        stamps[b] = stamp
        return (p, stamp)
    }

    /// Room for `count` values of `T` in `block`, all zero bytes: zeroed when the block is (re)allocated,
    /// and the caller leaves it all zero again when done (`HashKeys` clears the slots it wrote). A
    /// block used this way must not be used through `buffer` or `stamped` too.
    func zeroed<T>(_ block: Block, _ type: T.Type, count: Int) -> UnsafeMutablePointer<T> {
        let b = block.rawValue
        let p = buffer(block, T.self, count: count)
        if stamps[b] == 0 {
            memset(p, 0, size[b])
            stamps[b] = 1
        }
        return p
    }

    /// Frees blocks over `keptBytes`.
    func trim() {
        for b in 0..<Self.blockCount where size[b] > Self.keptBytes {
            base[b]?.deallocate()
            base[b] = nil
            size[b] = 0
            stamps[b] = 0
        }
    }

    deinit {
        for b in 0..<Self.blockCount { base[b]?.deallocate() }
        base.deallocate()
        size.deallocate()
        stamps.deallocate()
    }
}

/// Hands out `Scratch` instances, one caller at a time each; keeps up to `capacity` returned ones
/// (as many as threads tag at once, in practice).
final class ScratchPool: Sendable {
    private let free = Mutex<[Scratch]>([])
    let capacity: Int

    init(capacity: Int = 32) {
        self.capacity = capacity
    }

    func take() -> Scratch {
        free.withLock { $0.popLast() } ?? Scratch()
    }

    func give(_ scratch: Scratch) {
        scratch.trim()
        free.withLock { list in
            if list.count < capacity { list.append(scratch) }
        }
    }

    /// Runs `body` with a scratch instance no other caller holds meanwhile.
    @inline(__always)
    func with<R>(_ body: (Scratch) -> R) -> R {
        let scratch = take()
        defer { give(scratch) }
        return body(scratch)
    }
}
