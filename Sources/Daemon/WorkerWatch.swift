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

    private let slots: Mutex<[Slot]>
    private let stuckCount = Atomic<Int>(0)
    private let live: Atomic<Int>

    init(workers: Int) {
        slots = Mutex([Slot](repeating: Slot(), count: workers))
        live = Atomic(workers)
    }

    /// Workers (current generations) that have not finished their stream; a replacement takes
    /// over its predecessor's place, so shutdown waits for this to reach 0, never for a stuck task.
    var liveWorkers: Int { live.load(ordering: .relaxed) }

    func workerFinished() { live.subtract(1, ordering: .relaxed) }

    /// Workers whose article overran and whose task has not come back yet.
    var stuck: Int { stuckCount.load(ordering: .relaxed) }

    func generation(of worker: Int) -> UInt64 { slots.withLock { $0[worker].generation } }

    /// A worker took a new batch; false when this generation was replaced meanwhile.
    func beginBatch(_ batch: [StreamEngine.Work], worker: Int, generation: UInt64) -> Bool {
        slots.withLock { slots in
            guard slots[worker].generation == generation else { return false }
            slots[worker].batch = batch
            return true
        }
    }

    func beginItem(_ index: Int, worker: Int, generation: UInt64, now: Int64) -> Bool {
        slots.withLock { slots in
            guard slots[worker].generation == generation else { return false }
            slots[worker].index = index
            slots[worker].startedNanoseconds = now
            return true
        }
    }

    /// The item's stages returned. False when the supervisor claimed it meanwhile: the outcome
    /// must be discarded (the article is already dead-lettered) and the task must end.
    func endItem(worker: Int, generation: UInt64) -> Bool {
        let current = slots.withLock { slots in
            guard slots[worker].generation == generation else { return false }
            slots[worker].startedNanoseconds = nil
            return true
        }
        if !current { stuckCount.subtract(1, ordering: .relaxed) }
        return current
    }

    /// Claims every article in the stages for longer than `timeoutNanoseconds`.
    func claimExpired(timeoutNanoseconds: Int64, now: Int64) -> [Expired] {
        let claimed: [Expired] = slots.withLock { slots in
            var claimed: [Expired] = []
            for worker in slots.indices {
                guard let started = slots[worker].startedNanoseconds, now - started > timeoutNanoseconds else { continue }
                let slot = slots[worker]
                slots[worker] = Slot(generation: slot.generation &+ 1)
                claimed.append(Expired(worker: worker, generation: slot.generation &+ 1, item: slot.batch[slot.index],
                                       startedNanoseconds: started, rest: Array(slot.batch[(slot.index + 1)...])))
            }
            return claimed
        }
        if !claimed.isEmpty { stuckCount.add(claimed.count, ordering: .relaxed) }
        return claimed
    }
}
