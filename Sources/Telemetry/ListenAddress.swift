/// A `host:port` to listen on, as written in configuration.
///
/// Accepts `0.0.0.0:9464`, `localhost:9464`, `[::]:9464` and `:9464` (all interfaces). Port 0 asks
/// the kernel for an ephemeral port (tests).
public struct ListenAddress: Sendable, Equatable, CustomStringConvertible {
    /// Empty means every interface.
    public var host: String
    public var port: UInt16

    public init(host: String, port: UInt16) {
        self.host = host
        self.port = port
    }

    public init(parsing text: String) throws(TelemetryError) {
        let trimmed = text.trimmingWhitespace()
        let hostPart: Substring
        let portPart: Substring
        if trimmed.hasPrefix("[") {
            guard let close = trimmed.firstIndex(of: "]") else { throw .invalidListenAddress(text) }
            hostPart = trimmed[trimmed.index(after: trimmed.startIndex)..<close]
            let rest = trimmed[trimmed.index(after: close)...]
            guard rest.hasPrefix(":") else { throw .invalidListenAddress(text) }
            portPart = rest.dropFirst()
        } else {
            guard let colon = trimmed.lastIndex(of: ":") else { throw .invalidListenAddress(text) }
            hostPart = trimmed[..<colon]
            guard !hostPart.contains(":") else { throw .invalidListenAddress(text) }
            portPart = trimmed[trimmed.index(after: colon)...]
        }
        guard !portPart.isEmpty, portPart.allSatisfy({ $0.isASCII && $0.isNumber }), let port = UInt16(portPart) else {
            throw .invalidListenAddress(text)
        }
        self.init(host: String(hostPart), port: port)
    }

    public var description: String {
        host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)"
    }
}

extension StringProtocol {
    fileprivate func trimmingWhitespace() -> Substring {
        let text = Substring(self)
        guard let first = text.firstIndex(where: { !$0.isWhitespace }),
            let last = text.lastIndex(where: { !$0.isWhitespace })
        else { return "" }
        return text[first...last]
    }
}
