#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Wall-clock and thread CPU time of a block, in µs. CPU time leaves out the time other processes
/// held the core, which on a shared machine is most of the noise in wall-clock numbers.
struct Timing {
    var wall: Double
    var cpu: Double

    static func measure(_ body: () -> Void) -> Timing {
        let clock = ContinuousClock()
        let cpuStart = threadCPUMicros()
        let start = clock.now
        body()
        let elapsed = start.duration(to: clock.now)
        let cpu = threadCPUMicros() - cpuStart
        let (seconds, attoseconds) = elapsed.components
        return Timing(wall: Double(seconds) * 1e6 + Double(attoseconds) / 1e12, cpu: cpu)
    }

    static func + (lhs: Timing, rhs: Timing) -> Timing {
        Timing(wall: lhs.wall + rhs.wall, cpu: lhs.cpu + rhs.cpu)
    }

    private static func threadCPUMicros() -> Double {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return Double(spec.tv_sec) * 1e6 + Double(spec.tv_nsec) / 1e3
    }
}
