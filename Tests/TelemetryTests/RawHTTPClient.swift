import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A deliberately dumb HTTP client over a raw socket, so tests control every byte sent and
/// exercise the server exactly as a scraper (or an attacker) would.
enum RawHTTPClient {
    struct Response {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    struct ClientError: Error, CustomStringConvertible {
        var description: String
    }

    /// Connects to 127.0.0.1:`port`, sends `bytes`, then reads until the server closes.
    /// `pauseAfterSend` keeps the write side open (a slow client) instead of half-closing.
    static func exchange(port: UInt16, bytes: [UInt8], halfClose: Bool = false) throws -> Response {
        let fd = try connectLoopback(port: port)
        defer { _ = close(fd) }
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress.map { $0 + offset }, bytes.count - offset, sendFlags)
            }
            guard sent > 0 else { throw ClientError(description: "send failed: errno \(errno)") }
            offset += sent
        }
        if halfClose { _ = shutdown(fd, Int32(SHUT_WR)) }
        return try parse(readAll(fd))
    }

    static func get(port: UInt16, path: String, method: String = "GET") throws -> Response {
        let request = "\(method) \(path) HTTP/1.1\r\nHost: 127.0.0.1\r\nUser-Agent: test\r\n\r\n"
        return try exchange(port: port, bytes: Array(request.utf8))
    }

    static func connectLoopback(port: UInt16) throws -> Int32 {
        #if canImport(Darwin)
        let fd = socket(AF_INET, SOCK_STREAM, 0)
        #else
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #endif
        guard fd >= 0 else { throw ClientError(description: "socket failed: errno \(errno)") }
        // A safety net so a server bug fails the test instead of hanging it; not a timing assertion.
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let result = withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard result == 0 else {
            _ = close(fd)
            throw ClientError(description: "connect failed: errno \(errno)")
        }
        return fd
    }

    static func readAll(_ fd: Int32) throws -> [UInt8] {
        var response: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4_096)
        while true {
            let received = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if received > 0 {
                response += chunk[0..<received]
            } else if received == 0 {
                return response
            } else if errno != EINTR {
                throw ClientError(description: "recv failed: errno \(errno) after \(response.count) bytes")
            }
        }
    }

    static func parse(_ bytes: [UInt8]) throws -> Response {
        let text = String(decoding: bytes, as: UTF8.self)
        guard let split = text.range(of: "\r\n\r\n") else {
            throw ClientError(description: "no header terminator in \(text.debugDescription)")
        }
        let headLines = text[..<split.lowerBound].components(separatedBy: "\r\n")
        let statusParts = (headLines.first ?? "").split(separator: " ")
        guard statusParts.count >= 2, statusParts[0] == "HTTP/1.1", let status = Int(statusParts[1]) else {
            throw ClientError(description: "bad status line in \(text.debugDescription)")
        }
        var headers: [String: String] = [:]
        for line in headLines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
        }
        return Response(status: status, headers: headers, body: String(text[split.upperBound...]))
    }

    #if canImport(Darwin)
    static let sendFlags: Int32 = 0
    #else
    static let sendFlags = Int32(MSG_NOSIGNAL)
    #endif
}
