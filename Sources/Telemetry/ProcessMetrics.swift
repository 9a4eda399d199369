import CGlibcMalloc
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The process's own resource gauges under the names Prometheus client libraries use
/// (`process_resident_memory_bytes`, `process_cpu_seconds_total`), plus malloc's view of the heap.
/// RSS alone cannot tell a growing working set from memory malloc holds free after a burst; the
/// heap split can, which is what a "memory is not flat" report needs first.
public enum ProcessMetrics {
    public static func register(in registry: MetricsRegistry) throws(TelemetryError) {
        try registry.gauge("process_resident_memory_bytes", help: "Resident set size.") {
            residentBytes().map { [MetricSample(value: Double($0))] } ?? []
        }
        try registry.counter("process_cpu_seconds_total", help: "User and system CPU time.") {
            [MetricSample(value: cpuSeconds())]
        }
        try registry.gauge("articled_heap_bytes",
                           help: "malloc heap: in_use = handed out (incl. mapped blocks), free = held in arenas.",
                           labels: ["state"]) {
            let stats = articled_malloc_heap_stats()
            guard stats.in_use > 0 else { return [] }
            return [MetricSample(labels: ["in_use"], value: Double(stats.in_use)),
                    MetricSample(labels: ["free"], value: Double(stats.free))]
        }
    }

    /// From /proc/self/statm ("size resident shared …" in pages); nil where there is no procfs.
    public static func residentBytes() -> Int? {
        guard let file = fopen("/proc/self/statm", "r") else { return nil }
        defer { fclose(file) }
        var line = [CChar](repeating: 0, count: 128)
        guard fgets(&line, Int32(line.count), file) != nil else { return nil }
        let text = String(decoding: line.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let fields = text.split(separator: " ")
        guard fields.count >= 2, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    #if os(Linux)
    private static let selfUsage = __rusage_who_t(RUSAGE_SELF.rawValue)
    #else
    private static let selfUsage = RUSAGE_SELF
    #endif

    public static func cpuSeconds() -> Double {
        var usage = rusage()
        guard getrusage(Self.selfUsage, &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1_000_000 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
