import Foundation

/// glibc gives threads that allocate concurrently their own malloc arenas (up to eight per core),
/// and each keeps freed memory for reuse: with worker, poll and librdkafka threads that is tens of
/// MB of RSS that never goes back. Two arenas measured 15 MB less RSS after a 200 000-article
/// backlog at the same throughput (Benchmarks/README.md). `MALLOC_ARENA_MAX` in the environment wins.
enum MallocArenas {
    static func limit(to count: Int32 = 2) {
        #if os(Linux)
        if ProcessInfo.processInfo.environment["MALLOC_ARENA_MAX"] == nil {
            _ = glibcMallopt(mArenaMax, count)
        }
        #endif
    }

    /// `M_ARENA_MAX` from glibc's <malloc.h>, which the Glibc module does not import.
    private static let mArenaMax: Int32 = -8
}

/// glibc's `int mallopt(int param, int value)`.
@_silgen_name("mallopt")
private func glibcMallopt(_ parameter: Int32, _ value: Int32) -> Int32
