#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One `KEY=value` assignment of the sd_notify protocol. Several can share a datagram (systemd reads
/// newline-separated assignments), e.g. `READY=1` together with the first `STATUS=`.
public enum NotifyMessage: Sendable, Equatable {
    /// `READY=1`: start-up finished (and, after a reload, the reload finished).
    case ready
    /// `STOPPING=1`: shutdown began; systemd shows "deactivating" instead of a stuck "active".
    case stopping
    /// `RELOADING=1` + `MONOTONIC_USEC=`: systemd ≥ 253 ignores RELOADING without the timestamp.
    case reloading(monotonicMicroseconds: UInt64)
    /// `STATUS=`: free text for `systemctl status`. Newlines and NULs become spaces so the text
    /// cannot inject further assignments.
    case status(String)
    /// `WATCHDOG=1`: the keep-alive ping.
    case watchdog
    /// `EXTEND_TIMEOUT_USEC=`: the current start/stop timeout becomes at least this far from now,
    /// e.g. while draining a large in-flight backlog.
    case extendTimeout(microseconds: UInt64)

    /// The assignment as sent on the wire (without a trailing newline).
    public var assignment: String {
        switch self {
        case .ready: return "READY=1"
        case .stopping: return "STOPPING=1"
        case .reloading(let usec): return "RELOADING=1\nMONOTONIC_USEC=\(usec)"
        case .status(let text):
            let cleaned = String(text.unicodeScalars.map { scalar -> Character in
                scalar == "\n" || scalar == "\r" || scalar == "\0" ? " " : Character(scalar)
            })
            return "STATUS=\(cleaned)"
        case .watchdog: return "WATCHDOG=1"
        case .extendTimeout(let usec): return "EXTEND_TIMEOUT_USEC=\(usec)"
        }
    }

    /// `CLOCK_MONOTONIC` in microseconds, the clock systemd compares `MONOTONIC_USEC` against.
    public static func monotonicMicroseconds() -> UInt64 {
        var now = timespec()
        guard clock_gettime(CLOCK_MONOTONIC, &now) == 0 else { return 0 }
        return UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1_000
    }
}
