#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif
import Foundation

/// A real AF_UNIX datagram socket standing in for systemd's notify socket.
final class DatagramReceiver {
    struct SetupError: Error, CustomStringConvertible {
        let step: String
        let errno: Int32
        var description: String { "\(step) failed, errno \(errno)" }
    }

    /// The value to put in `$NOTIFY_SOCKET`.
    let notifySocket: String
    private let descriptor: Int32
    private let directory: URL?

    /// Binds in a fresh temporary directory (filesystem) or under a unique abstract name.
    init(abstract: Bool) throws {
        let unique = "articled-notify-\(getpid())-\(UUID().uuidString.prefix(8))"
        var pathBytes: [UInt8]
        if abstract {
            notifySocket = "@" + unique
            pathBytes = [0] + Array(unique.utf8)
            directory = nil
        } else {
            let dir = FileManager.default.temporaryDirectory.appendingPathComponent(unique)
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            notifySocket = dir.appendingPathComponent("notify").path
            pathBytes = Array(notifySocket.utf8) + [0]
            directory = dir
        }
        descriptor = socket(AF_UNIX, Int32(SOCK_DGRAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard descriptor >= 0 else { throw SetupError(step: "socket", errno: errno) }

        // A hung test must fail, not block the suite.
        var timeout = timeval(tv_sec: 5, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))

        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        withUnsafeMutableBytes(of: &address.sun_path) { $0.copyBytes(from: pathBytes) }
        let length = socklen_t(MemoryLayout<sa_family_t>.size + pathBytes.count)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(descriptor, $0, length) }
        }
        guard bound == 0 else {
            let code = errno
            close(descriptor)
            throw SetupError(step: "bind", errno: code)
        }
    }

    deinit {
        close(descriptor)
        if let directory { try? FileManager.default.removeItem(at: directory) }
    }

    /// The next datagram's exact bytes, or nil after the 5 s safety timeout.
    func receive() -> [UInt8]? {
        read(flags: 0)
    }

    /// The next datagram only if one is already queued.
    func receiveIfPending() -> [UInt8]? {
        read(flags: Int32(MSG_DONTWAIT))
    }

    private func read(flags: Int32) -> [UInt8]? {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, flags) }
        guard count >= 0 else { return nil }
        return Array(buffer.prefix(count))
    }
}
