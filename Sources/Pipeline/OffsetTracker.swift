import Synchronization

/// Decides which input offsets may be committed: per partition, only the contiguous prefix of
/// records whose outputs are all acknowledged. Records complete out of order (several workers,
/// several output partitions); the committable offset only ever moves forward over a gap-free run.
///
/// Each assignment of a partition gets a new epoch, so a late acknowledgement for a record from a
/// previous ownership can never move the offset of the current one.
public final class OffsetTracker: Sendable {
    /// Identifies one tracked record; hand it back to `complete`.
    public struct Ticket: Sendable, Hashable {
        public let partition: InputPartition
        public let offset: Int64
        let epoch: UInt64
    }

    private struct PartitionState {
        var epoch: UInt64
        /// Offsets in arrival (= offset) order from `head` on; `done[i]` says whether it finished.
        var offsets: [Int64] = []
        var done: [Bool] = []
        var head = 0
        /// Next offset to commit, once anything completed.
        var committable: Int64?
        /// Begun and not completed (completed records behind a gap stay in `offsets`).
        var pending = 0

        mutating func compact() {
            guard head > 1024, head * 2 > offsets.count else { return }
            offsets.removeFirst(head)
            done.removeFirst(head)
            head = 0
        }
    }

    private struct State {
        var partitions: [InputPartition: PartitionState] = [:]
        var nextEpoch: UInt64 = 1
    }

    private let state = Mutex(State())

    public init() {}

    /// Starts (or restarts) tracking a partition with a fresh epoch, forgetting earlier records.
    public func assign(_ partition: InputPartition) {
        state.withLock { state in
            state.partitions[partition] = PartitionState(epoch: state.nextEpoch)
            state.nextEpoch += 1
        }
    }

    /// Stops tracking; acknowledgements still in flight for it are ignored.
    public func revoke(_ partition: InputPartition) {
        _ = state.withLock { $0.partitions.removeValue(forKey: partition) }
    }

    /// Records that `offset` was received. Offsets of one partition must arrive in increasing order.
    /// Returns nil when the partition is not assigned (the record belongs to an old assignment).
    public func begin(_ partition: InputPartition, offset: Int64) -> Ticket? {
        state.withLock { state in
            guard var partitionState = state.partitions[partition] else { return nil }
            partitionState.offsets.append(offset)
            partitionState.done.append(false)
            partitionState.pending += 1
            state.partitions[partition] = partitionState
            return Ticket(partition: partition, offset: offset, epoch: partitionState.epoch)
        }
    }

    /// Marks a record done. Returns the partition's new committable offset (next offset to
    /// consume) when it advanced, else nil.
    public func complete(_ ticket: Ticket) -> Int64? {
        state.withLock { state in
            guard var partitionState = state.partitions[ticket.partition], partitionState.epoch == ticket.epoch else {
                return nil
            }
            defer { state.partitions[ticket.partition] = partitionState }
            guard let index = Self.index(of: ticket.offset, in: partitionState.offsets, from: partitionState.head) else {
                return nil
            }
            guard !partitionState.done[index] else { return nil }
            partitionState.done[index] = true
            partitionState.pending -= 1
            var advanced: Int64?
            while partitionState.head < partitionState.offsets.count && partitionState.done[partitionState.head] {
                advanced = partitionState.offsets[partitionState.head] + 1
                partitionState.head += 1
            }
            if let advanced { partitionState.committable = advanced }
            partitionState.compact()
            return advanced
        }
    }

    /// The committable offset of every tracked partition that has one.
    public func committableOffsets() -> [InputPartition: Int64] {
        state.withLock { state in
            state.partitions.compactMapValues(\.committable)
        }
    }

    /// Records begun but not completed, per partition (all partitions when `partitions` is nil).
    public func pendingCount(in partitions: Set<InputPartition>? = nil) -> Int {
        state.withLock { state in
            state.partitions.reduce(0) { sum, entry in
                guard partitions?.contains(entry.key) ?? true else { return sum }
                return sum + entry.value.pending
            }
        }
    }

    private static func index(of offset: Int64, in offsets: [Int64], from head: Int) -> Int? {
        var low = head
        var high = offsets.count - 1
        while low <= high {
            let middle = (low + high) / 2
            if offsets[middle] == offset { return middle }
            if offsets[middle] < offset { low = middle + 1 } else { high = middle - 1 }
        }
        return nil
    }
}
