#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Serves exactly one request on an accepted socket, within hard limits, then closes it.
///
/// The server is sequential, so every step is bounded: reading the head has one overall deadline
/// (a client dribbling a byte a second cannot extend it), the head is capped in size, writing has
/// its own deadline, and the wake descriptor aborts everything when the server stops.
struct HTTPConnection {
    let fd: Int32
    let wakeFD: Int32
    let limits: HTTPHealthServer.Limits
    let router: HTTPRouter

    func serve() {
        defer { _ = close(fd) }
        guard POSIXSocket.setNonBlockingCloseOnExec(fd) else { return }
        POSIXSocket.suppressSigPipe(fd)

        switch readHead() {
        case .stopping, .closed:
            return
        case .timedOut:
            send(HTTPResponse(status: 408, body: "request timeout\n").serialized(includeBody: true))
        case .tooLarge:
            send(HTTPResponse(status: 431, body: "request header too large\n").serialized(includeBody: true))
        case .parsed(let outcome):
            let (response, includeBody) = router.respond(to: outcome)
            send(response.serialized(includeBody: includeBody))
        }
        lingeringClose()
    }

    private enum ReadResult {
        case parsed(HTTPRequestParser.Outcome)
        case timedOut
        case tooLarge
        case closed
        case stopping
    }

    private func readHead() -> ReadResult {
        let deadline = ContinuousClock.now + limits.readTimeout
        var buffer: [UInt8] = []
        buffer.reserveCapacity(1_024)
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            switch POSIXSocket.wait(fd, events: Int16(POLLIN), wakeFD: wakeFD, until: deadline) {
            case .timedOut: return .timedOut
            case .woken: return .stopping
            case .failed: return .closed
            case .ready: break
            }
            let room = min(chunk.count, limits.maxHeaderBytes - buffer.count)
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, room, 0) }
            if received < 0 {
                let code = errno
                if code == EAGAIN || code == EWOULDBLOCK || code == EINTR { continue }
                return .closed
            }
            // The peer closed before finishing its head: nothing sensible to answer.
            if received == 0 { return .closed }
            buffer.append(contentsOf: chunk[0..<received])
            let outcome = HTTPRequestParser.parse(buffer)
            if outcome != .incomplete { return .parsed(outcome) }
            if buffer.count >= limits.maxHeaderBytes { return .tooLarge }
        }
    }

    /// Best effort: a client that stops reading gets cut off at the write deadline.
    private func send(_ bytes: [UInt8]) {
        let deadline = ContinuousClock.now + limits.writeTimeout
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                socketSend(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset, POSIXSocket.sendFlags)
            }
            if sent > 0 {
                offset += sent
                continue
            }
            let code = errno
            guard sent < 0, code == EAGAIN || code == EWOULDBLOCK || code == EINTR else { return }
            guard case .ready = POSIXSocket.wait(fd, events: Int16(POLLOUT), wakeFD: wakeFD, until: deadline) else {
                return
            }
        }
    }

    /// Closing a socket with unread request bytes makes Linux send RST, which can destroy the
    /// response before the client reads it. Half-close, then drain briefly until the client closes.
    private func lingeringClose() {
        _ = shutdown(fd, Int32(SHUT_WR))
        let deadline = ContinuousClock.now + limits.lingerTimeout
        var scratch = [UInt8](repeating: 0, count: 4_096)
        var drained = 0
        while drained < 65_536 {
            guard case .ready = POSIXSocket.wait(fd, events: Int16(POLLIN), wakeFD: wakeFD, until: deadline) else {
                return
            }
            let received = scratch.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                drained += received
            } else if received < 0, errno == EAGAIN || errno == EINTR {
                continue
            } else {
                return
            }
        }
    }
}

/// The C `send`, reachable under another name from inside `HTTPConnection` (whose `send` shadows it).
private func socketSend(_ fd: Int32, _ buffer: UnsafeRawPointer?, _ length: Int, _ flags: Int32) -> Int {
    send(fd, buffer, length, flags)
}
