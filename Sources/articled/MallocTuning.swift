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
        // Each thread that allocates concurrently gets its own arena (up to eight per core), and
        // each keeps its freed memory: two arenas measured 15 MB less RSS at the same throughput.
        if environment["MALLOC_ARENA_MAX"] == nil { _ = articled_malloc_set_arena_max(2) }
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
