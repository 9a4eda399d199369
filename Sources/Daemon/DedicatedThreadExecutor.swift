import Dispatch
import Foundation
import Kafka
import Synchronization

/// Runs the jobs of the tasks that prefer it on one dedicated thread: the engine's supervision
/// loops (watchdog pings, article deadlines, offset stores, retries, progress, shutdown).
///
/// The workers run the stages on the cooperative pool, which has one thread per core, as many as
/// there are workers by default. Stages are CPU-bound and never suspend, so under a backlog two
/// workers held both threads and no other task ran: the progress log went silent for 24 s, and
/// the watchdog ping would have starved the same way. Two other cures measured worse: yielding
/// the pool every 2-50 ms multiplied the latency tail at half rate (p99 53 ms without, 982-1 657
/// ms with), and workers on their own threads lost ~15 % throughput (Benchmarks/README.md).
final class DedicatedThreadExecutor: TaskExecutor {
    private let queue = Mutex(JobQueue())
    private let available = DispatchSemaphore(value: 0)

    init(name: String) {
        let thread = Thread { [self] in
            PollThread.nameCurrentThread(name)
            runJobs()
        }
        thread.start()
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        queue.withLock { $0.append(job) }
        available.signal()
    }

    /// Forever: the thread lives as long as the process.
    private func runJobs() {
        while true {
            available.wait()
            guard let job = queue.withLock({ $0.next() }) else { continue }
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}

/// FIFO of jobs: an array with a moving head, compacted when the head passes half.
private struct JobQueue: ~Copyable {
    private var jobs: [UnownedJob] = []
    private var head = 0

    mutating func append(_ job: UnownedJob) { jobs.append(job) }

    mutating func next() -> UnownedJob? {
        guard head < jobs.count else { return nil }
        let job = jobs[head]
        head += 1
        if head > 64, head * 2 > jobs.count {
            jobs.removeSubrange(0..<head)
            head = 0
        }
        return job
    }
}
