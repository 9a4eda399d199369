#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A parsed `$NOTIFY_SOCKET`: kept as the raw `sun_path` bytes so every send builds the same
/// `sockaddr_un` without re-validating the string.
public struct NotifySocketAddress: Sendable, Equatable, CustomStringConvertible {
    public enum Namespace: Sendable, Equatable {
        /// A socket file, e.g. `/run/systemd/notify`.
        case filesystem
        /// Linux abstract namespace: written `@name`, `sun_path` starts with a NUL byte.
        case abstract
    }

    /// The address as written in the environment (`/path` or `@name`).
    public let description: String
    public let namespace: Namespace
    /// Bytes for `sun_path`: the path plus its NUL terminator, or NUL + the abstract name (whose
    /// length is significant, so it gets no terminator).
    let sunPath: [UInt8]

    /// Capacity of `sockaddr_un.sun_path` (108 on Linux).
    static let sunPathCapacity = MemoryLayout.size(ofValue: sockaddr_un().sun_path)

    public init(_ value: String) throws(SystemdNotifyError) {
        let bytes = Array(value.utf8)
        guard let first = bytes.first, !bytes.contains(0) else {
            throw SystemdNotifyError(kind: .invalidNotifySocket, value: value)
        }
        switch first {
        case UInt8(ascii: "/"):
            namespace = .filesystem
            sunPath = bytes + [0]
        case UInt8(ascii: "@") where bytes.count > 1:
            namespace = .abstract
            sunPath = [0] + bytes.dropFirst()
        default:
            throw SystemdNotifyError(kind: .invalidNotifySocket, value: value)
        }
        guard sunPath.count <= Self.sunPathCapacity else {
            throw SystemdNotifyError(kind: .invalidNotifySocket, value: value)
        }
        description = value
    }

    /// Calls `body` with a `sockaddr_un` for this address and the length that the kernel must see
    /// (for abstract names the length, not a terminator, delimits the name).
    func withSocketAddress<R>(_ body: (UnsafePointer<sockaddr>, socklen_t) -> R) -> R {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: sunPath)
        }
        let pathOffset = MemoryLayout<sockaddr_un>.offset(of: \.sun_path) ?? MemoryLayout<sa_family_t>.size
        let length = socklen_t(pathOffset + sunPath.count)
        return withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { body($0, length) }
        }
    }
}
