/// Everything that can go wrong talking to systemd, with the value or address that caused it, so a
/// log line is enough to fix a unit file or an environment without a debugger.
public struct SystemdNotifyError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Kind: Sendable, Equatable {
        /// `$NOTIFY_SOCKET` is neither an absolute path nor `@abstract-name`, or is too long for
        /// `sockaddr_un` (vsock addresses from systemd ≥ 254 in VMs are not supported).
        case invalidNotifySocket
        /// `socket(AF_UNIX, SOCK_DGRAM)` failed (`errno` is set).
        case socketFailed
        /// `sendto` failed (`errno` is set), e.g. `ECONNREFUSED` when nothing listens on the path.
        case sendFailed
        /// The kernel accepted fewer bytes than the datagram holds.
        case shortSend
        /// `$WATCHDOG_USEC` is not a positive integer below infinity.
        case invalidWatchdogTimeout
        /// `$WATCHDOG_PID` is set but is not a positive integer.
        case invalidWatchdogPID
    }

    public let kind: Kind
    /// The offending value (environment variable content or socket address).
    public let value: String
    /// The C `errno` for `socketFailed` and `sendFailed`.
    public let errno: Int32?

    public init(kind: Kind, value: String, errno: Int32? = nil) {
        self.kind = kind
        self.value = value
        self.errno = errno
    }

    public var description: String {
        let what: String
        switch kind {
        case .invalidNotifySocket: what = "NOTIFY_SOCKET is not an absolute path or @abstract name that fits sockaddr_un"
        case .socketFailed: what = "cannot create AF_UNIX datagram socket"
        case .sendFailed: what = "cannot send notification"
        case .shortSend: what = "notification datagram was truncated"
        case .invalidWatchdogTimeout: what = "WATCHDOG_USEC is not a positive number of microseconds"
        case .invalidWatchdogPID: what = "WATCHDOG_PID is not a process id"
        }
        if let errno {
            return "\(what): \(value) (errno \(errno))"
        }
        return "\(what): \(value)"
    }
}
