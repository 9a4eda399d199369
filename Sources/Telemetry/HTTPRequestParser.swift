/// Decides what an incoming request head asks for, from raw bytes, without trusting any of them.
///
/// Only the request line matters to this server; header lines are checked for well-formedness
/// (so garbage is answered with 400) but otherwise ignored. Bodies are never read: every response
/// closes the connection.
enum HTTPRequestParser {
    enum Outcome: Equatable {
        /// More bytes are needed.
        case incomplete
        case request(method: String, path: String)
        case invalid(reason: String)
        /// Well-formed but not HTTP/1.x.
        case unsupportedVersion
    }

    static func parse(_ bytes: [UInt8]) -> Outcome {
        var start = 0
        // RFC 9112 §2.2: ignore empty lines before the request line.
        while start < bytes.count, bytes[start] == cr || bytes[start] == lf {
            start += 1
        }
        guard let lineEnd = bytes[start...].firstIndex(of: lf) else {
            return partialRequestLineIsPlausible(bytes[start...]) ? .incomplete : .invalid(reason: "malformed request line")
        }
        var line = bytes[start..<lineEnd]
        if line.last == cr { line = line.dropLast() }
        let requestLine = parseRequestLine(line)
        if case .invalid = requestLine { return requestLine }
        if case .unsupportedVersion = requestLine { return requestLine }

        // Walk header lines until the empty one.
        var cursor = lineEnd + 1
        while true {
            guard let end = bytes[cursor...].firstIndex(of: lf) else { return .incomplete }
            var header = bytes[cursor..<end]
            if header.last == cr { header = header.dropLast() }
            if header.isEmpty { return requestLine }
            guard isWellFormedHeaderLine(header) else { return .invalid(reason: "malformed header line") }
            cursor = end + 1
        }
    }

    private static func parseRequestLine(_ line: ArraySlice<UInt8>) -> Outcome {
        let parts = line.split(separator: space, omittingEmptySubsequences: false)
        guard parts.count == 3 else { return .invalid(reason: "request line needs method, target and version") }
        let method = parts[0]
        let target = parts[1]
        let version = parts[2]
        guard !method.isEmpty, method.allSatisfy(isTokenByte) else { return .invalid(reason: "invalid method") }
        guard target.first == slash, target.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            return .invalid(reason: "invalid request target")
        }
        let versionBytes = Array(version)
        let prefix = Array("HTTP/".utf8)
        guard versionBytes.count == 8, Array(versionBytes[0..<5]) == prefix,
            isDigit(versionBytes[5]), versionBytes[6] == UInt8(ascii: "."), isDigit(versionBytes[7])
        else { return .invalid(reason: "invalid HTTP version") }
        guard versionBytes[5] == UInt8(ascii: "1") else { return .unsupportedVersion }

        let pathEnd = target.firstIndex { $0 == UInt8(ascii: "?") || $0 == UInt8(ascii: "#") } ?? target.endIndex
        return .request(
            method: String(decoding: method, as: UTF8.self),
            path: String(decoding: target[target.startIndex..<pathEnd], as: UTF8.self)
        )
    }

    /// Rejects obvious garbage before the first line feed arrives, so binary noise gets a 400 at
    /// once instead of waiting out the read timeout.
    private static func partialRequestLineIsPlausible(_ bytes: ArraySlice<UInt8>) -> Bool {
        var inMethod = true
        for (offset, byte) in zip(bytes.indices, bytes) {
            if byte == cr { return offset == bytes.index(before: bytes.endIndex) }
            if byte < 0x20 || byte >= 0x7F { return false }
            if inMethod {
                if byte == space {
                    inMethod = false
                } else if !isTokenByte(byte) {
                    return false
                }
            }
        }
        return true
    }

    private static func isWellFormedHeaderLine(_ line: ArraySlice<UInt8>) -> Bool {
        guard let colon = line.firstIndex(of: UInt8(ascii: ":")), colon > line.startIndex else { return false }
        guard line[line.startIndex..<colon].allSatisfy(isTokenByte) else { return false }
        // Field values: visible ASCII, space, tab and obs-text (0x80+); no other control bytes.
        return line[colon...].allSatisfy { $0 == 0x09 || ($0 >= 0x20 && $0 != 0x7F) }
    }

    /// RFC 9110 `tchar`.
    private static func isTokenByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return true
        default:
            return "!#$%&'*+-.^_`|~".utf8.contains(byte)
        }
    }

    private static func isDigit(_ byte: UInt8) -> Bool {
        byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9")
    }

    private static let cr = UInt8(ascii: "\r")
    private static let lf = UInt8(ascii: "\n")
    private static let space = UInt8(ascii: " ")
    private static let slash = UInt8(ascii: "/")
}
