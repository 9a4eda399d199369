import CGlibcMalloc
import Foundation

/// glibc malloc settings for a long-running daemon whose allocations come in bursts (a backlog
/// holds thousands of records and librdkafka's fetch buffers at once, then frees them). Without
/// these, glibc keeps what a burst freed: after a 300 000-article backlog the process held
/// 103 MB free inside malloc next to 69 MB in use (Benchmarks/README.md, "Memory").
/// `MALLOC_ARENA_MAX` / `MALLOC_MMAP_THRESHOLD_` in the environment win, as glibc documents.
enum MallocTuning {
    static func apply() {
        let environment = ProcessInfo.processInfo.environment
        // An arena per allocating thread (workers, librdkafka's broker and main threads, the poll
        // threads): records are allocated on one thread and freed on another, and with fewer
        // arenas than threads every such free waits for an arena lock. Two arenas (an earlier
        // setting, to save memory) cost 260-296 µs of CPU per article against 218-229 µs with
        // eight, at the same RSS (129.6 vs 129.7 MB after 60 000 articles; a 1 M backlog stayed
        // at 130-146 MB): futex waits and wake-ups were a tenth of the daemon's CPU.
        if environment["MALLOC_ARENA_MAX"] == nil { _ = articled_malloc_set_arena_max(8) }
        // glibc raises the mmap threshold (up to 32 MiB) each time a mapped block is freed, after
        // which fetch buffers and large records land in the arenas and fragment them. Fixed at
        // 256 KiB they are mapped and returned whole; a 5 KB record is far below it.
        if environment["MALLOC_MMAP_THRESHOLD_"] == nil { _ = articled_malloc_set_mmap_threshold(256 << 10) }
    }

    /// Every `interval`, when malloc holds more than `threshold` bytes free, hands the free pages
    /// back (malloc_trim). On its own thread: a trim takes the arena locks for a few milliseconds,
    /// which must not happen on the cooperative pool.
    static func startTrimming(every interval: TimeInterval = 5, above threshold: UInt64 = 16 << 20) {
        let thread = Thread {
            while true {
                Thread.sleep(forTimeInterval: interval)
                if articled_malloc_heap_stats().free > threshold { _ = articled_malloc_trim() }
            }
        }
        thread.name = "heap-trim"
        thread.start()
    }
}
