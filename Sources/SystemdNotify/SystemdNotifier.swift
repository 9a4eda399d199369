#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Tells systemd about the service's state over `$NOTIFY_SOCKET`, as `sd_notify(3)` does, without
/// linking libsystemd. Outside systemd (no `$NOTIFY_SOCKET`) every call is a cheap no-op, so the
/// daemon calls it unconditionally.
///
/// Each send opens, uses and closes its own socket: messages are rare (a watchdog ping every few
/// seconds at most), and holding no descriptor keeps the value trivially `Sendable`.
public struct SystemdNotifier: Sendable {
    /// nil when not running under a notify-type unit.
    public let address: NotifySocketAddress?

    public var isEnabled: Bool { address != nil }

    /// A notifier that never sends (for tools and tests).
    public static let disabled = SystemdNotifier(address: nil)

    public init(address: NotifySocketAddress?) {
        self.address = address
    }

    /// Reads `$NOTIFY_SOCKET`; unset or empty means "not under systemd" and gives a disabled
    /// notifier. A malformed value throws, because then the unit would wait for READY=1 forever.
    public init(environment: [String: String] = ProcessInfo.processInfo.environment) throws(SystemdNotifyError) {
        guard let value = environment["NOTIFY_SOCKET"], !value.isEmpty else {
            self.init(address: nil)
            return
        }
        self.init(address: try NotifySocketAddress(value))
    }

    /// Sends the messages as one datagram. Returns false (and sends nothing) when disabled.
    @discardableResult
    public func send(_ messages: [NotifyMessage]) throws(SystemdNotifyError) -> Bool {
        guard let address, !messages.isEmpty else { return false }
        let payload = Array(messages.map(\.assignment).joined(separator: "\n").utf8)
        try Self.sendDatagram(payload, to: address)
        return true
    }

    @discardableResult
    public func send(_ messages: NotifyMessage...) throws(SystemdNotifyError) -> Bool {
        try send(messages)
    }

    /// `READY=1`, optionally with a first `STATUS=` in the same datagram.
    @discardableResult
    public func ready(status: String? = nil) throws(SystemdNotifyError) -> Bool {
        try send(status.map { [.ready, .status($0)] } ?? [.ready])
    }

    @discardableResult
    public func stopping() throws(SystemdNotifyError) -> Bool {
        try send(.stopping)
    }

    @discardableResult
    public func status(_ text: String) throws(SystemdNotifyError) -> Bool {
        try send(.status(text))
    }

    @discardableResult
    public func watchdog() throws(SystemdNotifyError) -> Bool {
        try send(.watchdog)
    }

    /// `RELOADING=1` stamped with the current monotonic time. Send `ready()` when the reload is done.
    @discardableResult
    public func reloading(
        monotonicMicroseconds: UInt64 = NotifyMessage.monotonicMicroseconds()
    ) throws(SystemdNotifyError) -> Bool {
        try send(.reloading(monotonicMicroseconds: monotonicMicroseconds))
    }

    @discardableResult
    public func extendTimeout(microseconds: UInt64) throws(SystemdNotifyError) -> Bool {
        try send(.extendTimeout(microseconds: microseconds))
    }

    private static func sendDatagram(_ payload: [UInt8], to address: NotifySocketAddress) throws(SystemdNotifyError) {
        #if canImport(Darwin)
        let descriptor = socket(AF_UNIX, SOCK_DGRAM, 0)
        let flags: Int32 = 0
        #else
        let descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        let flags = Int32(MSG_NOSIGNAL)
        #endif
        guard descriptor >= 0 else {
            throw SystemdNotifyError(kind: .socketFailed, value: address.description, errno: errno)
        }
        defer { close(descriptor) }

        var sent: Int
        repeat {
            sent = payload.withUnsafeBytes { buffer in
                address.withSocketAddress { socketAddress, length in
                    sendto(descriptor, buffer.baseAddress, buffer.count, flags, socketAddress, length)
                }
            }
        } while sent < 0 && errno == EINTR
        guard sent >= 0 else {
            throw SystemdNotifyError(kind: .sendFailed, value: address.description, errno: errno)
        }
        guard sent == payload.count else {
            throw SystemdNotifyError(kind: .shortSend, value: address.description)
        }
    }
}
