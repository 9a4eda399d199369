import Kafka
import Synchronization

/// Which article each worker is in, since when: the per-article deadline.
///
/// Swift cannot stop synchronous code, so a stage that never returns keeps its thread. What can
/// be done is to stop *waiting* for it: the supervisor claims the expired article (dead-letters
/// it), bumps the worker's generation so the stuck task discards whatever it returns later, and
/// hands the rest of its batch to a new worker task. Each claim counts as stuck until the old
/// task comes back; while any is stuck the process reports unhealthy, so systemd or kubernetes
/// restart it and reclaim the thread.
final class WorkerWatch: Sendable {
    struct Expired: Sendable {
        let worker: Int
        let generation: UInt64
        let item: StreamEngine.Work
        let startedNanoseconds: Int64
        /// Items of the stuck worker's batch after the expired one, not yet started.
        let rest: [StreamEngine.Work]
    }

    private struct Slot {
        var generation: UInt64 = 0
        var batch: [StreamEngine.Work] = []
        var index = 0
        var startedNanoseconds: Int64?
    }

    /// One lock per worker: the per-article bookkeeping never contends across workers.
    private final class SlotBox: Sendable {
        let slot = Mutex(Slot())
    }

    private let slots: [SlotBox]
    private let stuckCount = Atomic<Int>(0)
    private let live: Atomic<Int>

    init(workers: Int) {
        slots = (0..<workers).map { _ in SlotBox() }
        live = Atomic(workers)
    }

    /// Workers (current generations) that have not found their queue finished; a replacement takes
    /// over its predecessor's place, so shutdown waits for this to reach 0, never for a stuck task.
    var liveWorkers: Int { live.load(ordering: .relaxed) }

    func workerFinished() { live.subtract(1, ordering: .relaxed) }

    /// Workers whose article overran and whose task has not come back yet.
    var stuck: Int { stuckCount.load(ordering: .relaxed) }

    /// A worker took a new batch; false when this generation was replaced meanwhile.
    func beginBatch(_ batch: [StreamEngine.Work], worker: Int, generation: UInt64) -> Bool {
        slots[worker].slot.withLock { slot in
            guard slot.generation == generation else { return false }
            slot.batch = batch
            return true
        }
    }

    func beginItem(_ index: Int, worker: Int, generation: UInt64, now: Int64) -> Bool {
        slots[worker].slot.withLock { slot in
            guard slot.generation == generation else { return false }
            slot.index = index
            slot.startedNanoseconds = now
            return true
        }
    }

    /// The item's stages returned. False when the supervisor claimed it meanwhile: the outcome
    /// must be discarded (the article is already dead-lettered) and the task must end.
    func endItem(worker: Int, generation: UInt64) -> Bool {
        let current = slots[worker].slot.withLock { slot in
            guard slot.generation == generation else { return false }
            slot.startedNanoseconds = nil
            return true
        }
        if !current { stuckCount.subtract(1, ordering: .relaxed) }
        return current
    }

    /// Claims every article in the stages for longer than `timeoutNanoseconds`.
    func claimExpired(timeoutNanoseconds: Int64, now: Int64) -> [Expired] {
        var claimed: [Expired] = []
        for (worker, box) in slots.enumerated() {
            let expired: Expired? = box.slot.withLock { slot in
                guard let started = slot.startedNanoseconds, now - started > timeoutNanoseconds else { return nil }
                let taken = slot
                slot = Slot(generation: taken.generation &+ 1)
                return Expired(worker: worker, generation: taken.generation &+ 1, item: taken.batch[taken.index],
                               startedNanoseconds: started, rest: Array(taken.batch[(taken.index + 1)...]))
            }
            if let expired { claimed.append(expired) }
        }
        if !claimed.isEmpty { stuckCount.add(claimed.count, ordering: .relaxed) }
        return claimed
    }
}
