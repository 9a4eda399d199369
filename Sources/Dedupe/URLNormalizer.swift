/// Canonical form of an article URL, so the same page reached through a newsletter link, a social
/// share or a `www.`/`http` variant collapses to one key. Hand-written over bytes: it has to accept
/// anything a feed puts in the `url` field without crashing or allocating a regex engine.
public struct URLNormalizer: Sendable {
    /// Query parameters that identify the campaign or the click, never the page.
    public static let defaultTrackingParameters: Set<String> = [
        "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "twclid", "ttclid",
        "igshid", "igsh", "mc_cid", "mc_eid", "_ga", "_gl", "_hsenc", "_hsmi", "hsctatracking",
        "mkt_tok", "ref", "ref_src", "ref_url", "referrer", "cmpid", "cmp", "ocid", "smid", "smtyp",
        "s_cid", "xtor", "ito", "spm", "soc_src", "soc_trk", "taid", "guccounter", "guce_referrer",
        "guce_referrer_sig", "__twitter_impression", "share", "shared", "src", "feature",
        "at_medium", "at_campaign", "at_custom1", "at_custom2", "at_custom3", "at_custom4",
        "at_ptr_name", "at_link_id", "at_link_origin", "at_format", "at_bbc_team", "at_link_type",
        "rss", "outputtype", "wt_mc", "wt.mc_id", "sr_share", "dicbo", "vero_id", "oly_enc_id",
        "oly_anon_id", "rb_clickid", "cid",
    ]
    /// Parameter-name prefixes treated like `defaultTrackingParameters`.
    public static let defaultTrackingPrefixes: [String] = ["utm_", "pk_", "piwik_", "mtm_", "hmb_"]

    public var trackingParameters: Set<String>
    public var trackingPrefixes: [String]

    public init(
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
    public func normalize(_ url: String) -> String? {
        canonicalBytes(url).map { String(decoding: $0, as: UTF8.self) }
    }

    /// `StableHash` of the canonical URL; nil when `normalize` gives nil.
    public func key(_ url: String) -> UInt64? {
        canonicalBytes(url).map { StableHash.hash($0, seed: 0x75726c) }
    }

    /// The canonical URL's bytes, built in one output buffer by index arithmetic over the input
    /// (one allocation, and two more for a query): this runs for every article.
    func canonicalBytes(_ url: String) -> [UInt8]? {
        var copy = url
        return copy.withUTF8 { canonical($0) }
    }

    private func canonical(_ input: UnsafeBufferPointer<UInt8>) -> [UInt8]? {
        var start = 0
        var end = input.count
        while start < end, Self.isSpace(input[start]) { start += 1 }
        while end > start, Self.isSpace(input[end - 1]) { end -= 1 }
        guard start < end else { return nil }
        // Fragment first: '#' can legally appear nowhere else.
        if let hash = Self.firstIndex(of: UInt8(ascii: "#"), in: input, start..<end) { end = hash }

        var out: [UInt8] = []
        out.reserveCapacity(end - start + 8)
        var position = start
        var isHTTPS = false
        if let colon = Self.schemeEnd(input, start..<end) {
            for index in start..<colon { out.append(Self.lower(input[index])) }
            // http and https: one page, two transports.
            if out == Self.http { out.append(UInt8(ascii: "s")) }
            isHTTPS = out == Self.https
            out += Self.schemeSeparator
            position = colon + 3  // schemeEnd guarantees the two slashes
        }

        let authorityEnd = Self.firstIndex(in: input, position..<end) { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "?") } ?? end
        appendAuthority(input, position..<authorityEnd, isHTTPS: isHTTPS, into: &out)

        let question = Self.firstIndex(of: UInt8(ascii: "?"), in: input, authorityEnd..<end)
        let pathStart = out.count
        Self.appendNormalizedEscapes(input, authorityEnd..<(question ?? end), into: &out)
        while out.count > pathStart, out.last == UInt8(ascii: "/") { out.removeLast() }
        if let question, question + 1 < end {
            appendQuery(input, (question + 1)..<end, into: &out)
        }
        return out.isEmpty ? nil : out
    }

    /// Host (lower-cased, without user info, trailing dots and `www.`) and a non-default port.
    private func appendAuthority(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, isHTTPS: Bool, into out: inout [UInt8]) {
        var hostStart = range.lowerBound
        if let at = Self.lastIndex(of: UInt8(ascii: "@"), in: input, range) { hostStart = at + 1 }
        var hostEnd = range.upperBound
        var port = range.upperBound..<range.upperBound
        // The last ':' starts the port unless it's inside an IPv6 literal "[...]".
        if let colon = Self.lastIndex(of: UInt8(ascii: ":"), in: input, hostStart..<range.upperBound),
           !(Self.lastIndex(of: UInt8(ascii: "]"), in: input, hostStart..<range.upperBound).map { $0 > colon } ?? false) {
            hostEnd = colon
            port = (colon + 1)..<range.upperBound
        }
        while hostEnd > hostStart, input[hostEnd - 1] == UInt8(ascii: ".") { hostEnd -= 1 }
        if hostEnd - hostStart > 4, Self.lower(input[hostStart]) == UInt8(ascii: "w"),
           Self.lower(input[hostStart + 1]) == UInt8(ascii: "w"), Self.lower(input[hostStart + 2]) == UInt8(ascii: "w"),
           input[hostStart + 3] == UInt8(ascii: ".") {
            hostStart += 4
        }
        for index in hostStart..<hostEnd { out.append(Self.lower(input[index])) }
        let portBytes = UnsafeBufferPointer(rebasing: input[port])
        let isDefaultPort = port.isEmpty
            || (isHTTPS && (portBytes.elementsEqual(Self.port443) || portBytes.elementsEqual(Self.port80)))
        if !isDefaultPort {
            out.append(UInt8(ascii: ":"))
            out += portBytes
        }
    }

    private static let http = Array("http".utf8)
    private static let https = Array("https".utf8)
    private static let schemeSeparator = Array("://".utf8)
    private static let port443 = Array("443".utf8)
    private static let port80 = Array("80".utf8)

    private static func firstIndex(of byte: UInt8, in input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        firstIndex(in: input, range) { $0 == byte }
    }

    @inline(__always)
    private static func firstIndex(in input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, where match: (UInt8) -> Bool) -> Int? {
        var index = range.lowerBound
        while index < range.upperBound {
            if match(input[index]) { return index }
            index += 1
        }
        return nil
    }

    private static func lastIndex(of byte: UInt8, in input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        var index = range.upperBound
        while index > range.lowerBound {
            index -= 1
            if input[index] == byte { return index }
        }
        return nil
    }

    /// `input[range]` appended to `out` with the hex of `%xx` upper-cased and unreserved characters
    /// decoded (RFC 3986 §6.2.2.2).
    private static func appendNormalizedEscapes(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]) {
        var i = range.lowerBound
        let end = range.upperBound
        while i < end {
            let byte = input[i]
            if byte == UInt8(ascii: "%"), i + 2 < end, let high = hexValue(input[i + 1]), let low = hexValue(input[i + 2]) {
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
    }

    /// `?` and the query `input[range]`'s parameters with escapes normalised, tracking ones dropped
    /// and the rest sorted by name, appended to `out`; nothing when none is kept. The pairs are
    /// normalised back to back into one buffer and handled as ranges of it: the version it
    /// replaced (kept as `ReferenceURLNormalizer` in the tests) built arrays per pair, a lower-cased
    /// copy and a String per name, ~4.4 k instructions per article for a lone `utm_source`.
    private func appendQuery(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, into out: inout [UInt8]) {
        var pairs: [UInt8] = []
        var kept: [(name: Range<Int>, pair: Range<Int>)] = []
        var i = range.lowerBound
        while i < range.upperBound {
            var end = i
            while end < range.upperBound, input[end] != UInt8(ascii: "&"), input[end] != UInt8(ascii: ";") { end += 1 }
            // A name without an escape is the same before and after normalisation, so it is judged
            // before its pair is copied (a dropped one is never copied).
            var rawNameEnd = i
            while rawNameEnd < end, input[rawNameEnd] != UInt8(ascii: "="), input[rawNameEnd] != UInt8(ascii: "%") { rawNameEnd += 1 }
            let plainName = rawNameEnd == end || input[rawNameEnd] == UInt8(ascii: "=")
            let dropped = plainName && (rawNameEnd == i || isTrackingParameter(UnsafeBufferPointer(rebasing: input[i..<rawNameEnd])))
            if end > i, !dropped {
                // Allocated only once a pair is copied: a query of tracking parameters needs none.
                if pairs.capacity == 0 { pairs.reserveCapacity(range.count) }
                let start = pairs.count
                Self.appendNormalizedEscapes(input, i..<end, into: &pairs)
                let nameEnd = plainName ? start &+ (rawNameEnd &- i) : pairs[start...].firstIndex(of: UInt8(ascii: "=")) ?? pairs.count
                let tracking = !plainName && (nameEnd == start
                    || pairs.withUnsafeBufferPointer { isTrackingParameter(UnsafeBufferPointer(rebasing: $0[start..<nameEnd])) })
                if tracking {
                    pairs.removeLast(pairs.count - start)
                } else {
                    kept.append((start..<nameEnd, start..<pairs.count))
                }
            }
            i = end + 1
        }
        guard !kept.isEmpty else { return }
        if kept.count > 1 {
            // Stable: repeated names keep their order, which can be meaningful (`a=1&a=2`).
            pairs.withUnsafeBufferPointer { bytes in
                kept = kept.enumerated().sorted { lhs, rhs in
                    let left = bytes[lhs.element.name], right = bytes[rhs.element.name]
                    if !left.elementsEqual(right) { return left.lexicographicallyPrecedes(right) }
                    return lhs.offset < rhs.offset
                }.map(\.element)
            }
        }
        out.append(UInt8(ascii: "?"))
        for (index, item) in kept.enumerated() {
            if index > 0 { out.append(UInt8(ascii: "&")) }
            out += pairs[item.pair]
        }
    }

    /// Whether a parameter of this (escape-normalised) name is dropped: its ASCII-lower-cased form
    /// is in `trackingParameters` or starts with one of `trackingPrefixes`, compared as Strings
    /// (canonical equivalence, whole Characters). A name of ASCII bytes other than CR is one
    /// Character per byte, so an ASCII prefix is then compared byte by byte, before any String is
    /// made: the common `utm_` parameters need none.
    private func isTrackingParameter(_ name: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: name.count) { lowered in
            var plain = true
            for (index, byte) in name.enumerated() {
                lowered[index] = Self.lower(byte)
                if byte >= 0x80 || byte == 0x0D { plain = false }
            }
            let lowered = UnsafeBufferPointer(lowered)
            var undecided = !plain
            if plain {
                for prefix in trackingPrefixes {
                    switch Self.asciiPrefix(prefix, of: lowered) {
                    case true?: return true
                    case false?: break
                    case nil: undecided = true
                    }
                }
            }
            let string = String(decoding: lowered, as: UTF8.self)
            if trackingParameters.contains(string) { return true }
            return undecided && trackingPrefixes.contains { string.hasPrefix($0) }
        }
    }

    /// Whether the ASCII `prefix` begins `bytes`; nil when `prefix` is not all ASCII.
    private static func asciiPrefix(_ prefix: String, of bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var prefix = prefix
        return prefix.withUTF8 { prefix in
            // Plain loops: allSatisfy and elementsEqual over the slices were ~190 instructions for "utm_".
            var index = 0
            var equal = prefix.count <= bytes.count
            while index < prefix.count {
                let byte = prefix[index]
                if byte >= 0x80 { return nil }
                if equal, byte != bytes[index] { equal = false }
                index &+= 1
            }
            return equal
        }
    }

    /// Index of the ':' ending a syntactically valid scheme followed by "//", or nil.
    private static func schemeEnd(_ input: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int? {
        guard let colon = firstIndex(of: UInt8(ascii: ":"), in: input, range), colon > range.lowerBound else { return nil }
        guard range.upperBound > colon + 2,
              input[colon + 1] == UInt8(ascii: "/"), input[colon + 2] == UInt8(ascii: "/") else { return nil }
        for index in range.lowerBound..<colon {
            let byte = input[index]
            let ok = isAlpha(byte) || (index > range.lowerBound && (isDigit(byte) || byte == UInt8(ascii: "+")
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
