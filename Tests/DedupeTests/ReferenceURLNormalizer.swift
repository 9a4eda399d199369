@testable import Dedupe

/// The URL normalizer as it was before the single-buffer rewrite (2026-11-25), kept verbatim so a
/// differential test proves the rewrite gives byte-identical canonical URLs: URL keys are
/// persisted in changelog entries.
struct ReferenceURLNormalizer {
    var trackingParameters: Set<String>
    var trackingPrefixes: [String]

    init(
        trackingParameters: Set<String> = URLNormalizer.defaultTrackingParameters,
        trackingPrefixes: [String] = URLNormalizer.defaultTrackingPrefixes
    ) {
        self.trackingParameters = trackingParameters
        self.trackingPrefixes = trackingPrefixes
    }

    /// The canonical URL, or nil when nothing usable is left (empty or whitespace input).
    ///
    /// `http` and `https` map to `https` (one page, two transports); the host loses `www.`, a
    /// trailing dot and its default port; the fragment and tracking parameters go; the remaining
    /// parameters are sorted; `%xx` escapes get upper-case hex and unreserved characters are decoded;
    /// a trailing `/` is dropped. Input without `scheme://` is treated as `host/path`.
    func normalize(_ url: String) -> String? {
        let bytes = Array(url.utf8)
        var start = 0
        var end = bytes.count
        while start < end, Self.isSpace(bytes[start]) { start += 1 }
        while end > start, Self.isSpace(bytes[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        var rest = Array(bytes[start..<end])

        // Fragment first: '#' can legally appear nowhere else.
        if let hash = rest.firstIndex(of: UInt8(ascii: "#")) { rest.removeSubrange(hash...) }

        var scheme: [UInt8] = []
        if let colon = Self.schemeEnd(rest) {
            scheme = rest[0..<colon].map(Self.lower)
            rest.removeSubrange(0..<(colon + 1))
            var slashes = 0
            while slashes < rest.count, slashes < 2, rest[slashes] == UInt8(ascii: "/") { slashes += 1 }
            rest.removeSubrange(0..<slashes)
        }
        if scheme == Array("http".utf8) { scheme = Array("https".utf8) }

        let authorityEnd = rest.firstIndex { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? rest.count
        let host = normalizeAuthority(Array(rest[0..<authorityEnd]), scheme: scheme)
        rest.removeSubrange(0..<authorityEnd)

        var pathBytes = rest
        var queryBytes: [UInt8] = []
        if let question = rest.firstIndex(of: UInt8(ascii: "?")) {
            pathBytes = Array(rest[0..<question])
            queryBytes = Array(rest[(question + 1)...])
        }
        var path = Self.normalizeEscapes(pathBytes)
        while path.last == UInt8(ascii: "/") { path.removeLast() }
        let query = normalizeQuery(queryBytes)

        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        if !scheme.isEmpty {
            out += scheme
            out += Array("://".utf8)
        }
        out += host
        out += path
        if !query.isEmpty {
            out.append(UInt8(ascii: "?"))
            out += query
        }
        guard !out.isEmpty else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// `StableHash` of the canonical URL; nil when `normalize` gives nil.
    func key(_ url: String) -> UInt64? {
        normalize(url).map { StableHash.hash($0, seed: 0x75726c) }
    }

    private func normalizeAuthority(_ authority: [UInt8], scheme: [UInt8]) -> [UInt8] {
        var hostPort = authority
        if let at = authority.lastIndex(of: UInt8(ascii: "@")) { hostPort = Array(authority[(at + 1)...]) }
        var host = hostPort
        var port: [UInt8] = []
        // The last ':' starts the port unless it's inside an IPv6 literal "[...]".
        if let colon = hostPort.lastIndex(of: UInt8(ascii: ":")),
           !(hostPort.lastIndex(of: UInt8(ascii: "]")).map { $0 > colon } ?? false) {
            host = Array(hostPort[0..<colon])
            port = Array(hostPort[(colon + 1)...])
        }
        host = host.map(Self.lower)
        while host.last == UInt8(ascii: ".") { host.removeLast() }
        if host.count > 4, host.starts(with: Array("www.".utf8)) { host.removeFirst(4) }
        let isDefaultPort = port.isEmpty
            || (port == Array("443".utf8) && scheme == Array("https".utf8))
            || (port == Array("80".utf8) && scheme == Array("http".utf8))
            || (port == Array("80".utf8) && scheme == Array("https".utf8))
        if !isDefaultPort {
            host.append(UInt8(ascii: ":"))
            host += port
        }
        return host
    }

    private func normalizeQuery(_ query: [UInt8]) -> [UInt8] {
        var kept: [(name: [UInt8], pair: [UInt8])] = []
        for rawPair in query.split(whereSeparator: { $0 == UInt8(ascii: "&") || $0 == UInt8(ascii: ";") }) {
            let pair = Self.normalizeEscapes(Array(rawPair))
            let nameBytes = pair.firstIndex(of: UInt8(ascii: "=")).map { Array(pair[0..<$0]) } ?? pair
            guard !nameBytes.isEmpty else { continue }
            let name = String(decoding: nameBytes.map(Self.lower), as: UTF8.self)
            if trackingParameters.contains(name) { continue }
            if trackingPrefixes.contains(where: { name.hasPrefix($0) }) { continue }
            kept.append((nameBytes, pair))
        }
        // Stable sort keeps the order of repeated names, which can be meaningful (`a=1&a=2`).
        let sorted = kept.enumerated().sorted { lhs, rhs in
            if lhs.element.name != rhs.element.name {
                return lhs.element.name.lexicographicallyPrecedes(rhs.element.name)
            }
            return lhs.offset < rhs.offset
        }
        var out: [UInt8] = []
        for (index, item) in sorted.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            out += item.element.pair
        }
        return out
    }

    /// Upper-case the hex of `%xx`, decode unreserved characters (RFC 3986 §6.2.2.2).
    static func normalizeEscapes(_ bytes: [UInt8]) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        while i < bytes.count {
            let byte = bytes[i]
            if byte == UInt8(ascii: "%"), i + 2 < bytes.count,
               let high = hexValue(bytes[i + 1]), let low = hexValue(bytes[i + 2]) {
                let decoded = high << 4 | low
                if isUnreserved(decoded) {
                    out.append(decoded)
                } else {
                    out.append(byte)
                    out.append(hexDigit(high))
                    out.append(hexDigit(low))
                }
                i += 3
            } else {
                out.append(byte)
                i += 1
            }
        }
        return out
    }

    /// Index of the ':' ending a syntactically valid scheme followed by "//", or nil.
    private static func schemeEnd(_ bytes: [UInt8]) -> Int? {
        guard let colon = bytes.firstIndex(of: UInt8(ascii: ":")), colon > 0 else { return nil }
        guard bytes.count > colon + 2,
              bytes[colon + 1] == UInt8(ascii: "/"), bytes[colon + 2] == UInt8(ascii: "/") else { return nil }
        for (offset, byte) in bytes[0..<colon].enumerated() {
            let ok = isAlpha(byte) || (offset > 0 && (isDigit(byte) || byte == UInt8(ascii: "+")
                || byte == UInt8(ascii: "-") || byte == UInt8(ascii: ".")))
            if !ok { return nil }
        }
        return colon
    }

    private static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    private static func isAlpha(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }
    private static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    private static func lower(_ b: UInt8) -> UInt8 { b >= 0x41 && b <= 0x5A ? b | 0x20 : b }
    private static func isUnreserved(_ b: UInt8) -> Bool {
        isAlpha(b) || isDigit(b) || b == UInt8(ascii: "-") || b == UInt8(ascii: ".")
            || b == UInt8(ascii: "_") || b == UInt8(ascii: "~")
    }
    private static func hexValue(_ b: UInt8) -> UInt8? {
        switch b {
        case 0x30...0x39: b - 0x30
        case 0x41...0x46: b - 0x41 + 10
        case 0x61...0x66: b - 0x61 + 10
        default: nil
        }
    }
    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 0x30 + v : 0x41 + v - 10 }
}
