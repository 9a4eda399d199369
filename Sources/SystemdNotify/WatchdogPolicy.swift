#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// The service watchdog systemd armed for this process (`WatchdogSec=` in the unit), as
/// `sd_watchdog_enabled(3)` reads it.
public struct WatchdogPolicy: Sendable, Equatable {
    /// Time systemd waits for a `WATCHDOG=1` before it kills the service.
    public let timeoutMicroseconds: UInt64

    public init(timeoutMicroseconds: UInt64) throws(SystemdNotifyError) {
        // UInt64.max is systemd's USEC_INFINITY; anything that does not fit Duration is treated alike.
        guard timeoutMicroseconds > 0, timeoutMicroseconds < UInt64(Int64.max) else {
            throw SystemdNotifyError(kind: .invalidWatchdogTimeout, value: String(timeoutMicroseconds))
        }
        self.timeoutMicroseconds = timeoutMicroseconds
    }

    public var timeout: Duration { .microseconds(Int64(timeoutMicroseconds)) }

    /// Half the timeout, as sd_watchdog_enabled(3) recommends: one late ping is survivable, a loop
    /// stuck for longer than about one timeout is not.
    public var pingInterval: Duration { .microseconds(Int64(max(1, timeoutMicroseconds / 2))) }

    /// Returns nil when no watchdog is armed for this process: `$WATCHDOG_USEC` unset, or
    /// `$WATCHDOG_PID` naming another process (the variables were inherited from a parent).
    public static func fromEnvironment(
        _ environment: [String: String] = ProcessInfo.processInfo.environment,
        processID: Int32 = getpid()
    ) throws(SystemdNotifyError) -> WatchdogPolicy? {
        guard let usecText = environment["WATCHDOG_USEC"] else { return nil }
        if let pidText = environment["WATCHDOG_PID"] {
            guard let pid = Int32(pidText), pid > 0 else {
                throw SystemdNotifyError(kind: .invalidWatchdogPID, value: pidText)
            }
            guard pid == processID else { return nil }
        }
        guard let usec = UInt64(usecText) else {
            throw SystemdNotifyError(kind: .invalidWatchdogTimeout, value: usecText)
        }
        return try WatchdogPolicy(timeoutMicroseconds: usec)
    }
}
