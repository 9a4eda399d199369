#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Thin wrappers over the socket calls the health server needs, hiding Glibc/Darwin differences
/// and turning failures into `TelemetryError`s with errno context.
enum POSIXSocket {
    #if canImport(Glibc)
    static let streamType = Int32(SOCK_STREAM.rawValue)
    #else
    static let streamType = SOCK_STREAM
    #endif

    #if canImport(Darwin)
    static let sendFlags: Int32 = 0
    #else
    /// No SIGPIPE when a scraper hangs up mid-response.
    static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif

    static func message(_ code: Int32) -> String {
        String(cString: strerror(code))
    }

    static func failure(_ operation: String, _ address: String, _ code: Int32 = errno) -> TelemetryError {
        .socket(operation: operation, address: address, errno: code, message: message(code))
    }

    /// Binds and listens on the first address `host` resolves to; returns the descriptor and the
    /// port actually bound (which differs from `port` when `port` is 0).
    static func listen(host: String, port: UInt16, backlog: Int32 = 32) throws(TelemetryError) -> (fd: Int32, port: UInt16) {
        let address = ListenAddress(host: host, port: port).description
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = streamType
        var results: UnsafeMutablePointer<addrinfo>?
        let status = host.isEmpty
            ? getaddrinfo(nil, String(port), &hints, &results)
            : getaddrinfo(host, String(port), &hints, &results)
        guard status == 0, let first = results else {
            let reason = String(cString: gai_strerror(status))
            throw .socket(operation: "getaddrinfo", address: address, errno: status, message: reason)
        }
        defer { freeaddrinfo(first) }

        var lastError = failure("bind", address, EADDRNOTAVAIL)
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype, info.pointee.ai_protocol)
            guard fd >= 0 else {
                lastError = failure("socket", address)
                continue
            }
            var one: Int32 = 1
            _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
            guard bind(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 else {
                lastError = failure("bind", address)
                _ = close(fd)
                continue
            }
            guard systemListen(fd, backlog) == 0 else {
                lastError = failure("listen", address)
                _ = close(fd)
                continue
            }
            guard setNonBlockingCloseOnExec(fd) else {
                lastError = failure("fcntl", address)
                _ = close(fd)
                continue
            }
            guard let bound = boundPort(fd) else {
                lastError = failure("getsockname", address)
                _ = close(fd)
                continue
            }
            return (fd, bound)
        }
        throw lastError
    }

    static func setNonBlockingCloseOnExec(_ fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFL, 0)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { return false }
        let fdFlags = fcntl(fd, F_GETFD, 0)
        return fdFlags >= 0 && fcntl(fd, F_SETFD, fdFlags | FD_CLOEXEC) == 0
    }

    /// Darwin has no MSG_NOSIGNAL; the per-socket option does the same job.
    static func suppressSigPipe(_ fd: Int32) {
        #if canImport(Darwin)
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_NOSIGPIPE, &one, socklen_t(MemoryLayout<Int32>.size))
        #endif
    }

    static func boundPort(_ fd: Int32) -> UInt16? {
        var storage = sockaddr_storage()
        var length = socklen_t(MemoryLayout<sockaddr_storage>.size)
        let result = withUnsafeMutablePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        guard result == 0 else { return nil }
        switch Int32(storage.ss_family) {
        case AF_INET:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin_port) }
            }
        case AF_INET6:
            return withUnsafePointer(to: &storage) { pointer in
                pointer.withMemoryRebound(to: sockaddr_in6.self, capacity: 1) { UInt16(bigEndian: $0.pointee.sin6_port) }
            }
        default:
            return nil
        }
    }

    enum WaitResult {
        case ready
        case timedOut
        /// The wake descriptor fired: the server is stopping.
        case woken
        case failed(Int32)
    }

    /// Waits until `fd` has the `events` or `wakeFD` is readable, for at most `timeout`
    /// (nil = forever). Retries on EINTR with the remaining time.
    static func wait(_ fd: Int32, events: Int16, wakeFD: Int32, until deadline: ContinuousClock.Instant?) -> WaitResult {
        while true {
            var timeoutMilliseconds: Int32 = -1
            if let deadline {
                let remaining = deadline - .now
                if remaining <= .zero { return .timedOut }
                let (seconds, attoseconds) = remaining.components
                let milliseconds = seconds * 1_000 + (attoseconds + 999_999_999_999_999) / 1_000_000_000_000_000
                timeoutMilliseconds = Int32(clamping: max(1, milliseconds))
            }
            var fds = [
                pollfd(fd: fd, events: events, revents: 0),
                pollfd(fd: wakeFD, events: Int16(POLLIN), revents: 0),
            ]
            let result = fds.withUnsafeMutableBufferPointer { buffer in
                poll(buffer.baseAddress, nfds_t(buffer.count), timeoutMilliseconds)
            }
            if result < 0 {
                let code = errno
                if code == EINTR { continue }
                return .failed(code)
            }
            if fds[1].revents != 0 { return .woken }
            if fds[0].revents != 0 { return .ready }
            if result == 0, deadline != nil { continue }  // re-check the deadline
        }
    }
}

/// `listen` is shadowed by `POSIXSocket.listen(host:port:)` inside the enum.
private func systemListen(_ fd: Int32, _ backlog: Int32) -> Int32 {
    listen(fd, backlog)
}
