import Testing

@testable import Telemetry

@Suite("HTTP request head parsing")
struct HTTPRequestParserTests {
    private func parse(_ text: String) -> HTTPRequestParser.Outcome {
        HTTPRequestParser.parse(Array(text.utf8))
    }

    @Test("complete heads yield method and path without the query")
    func complete() {
        #expect(parse("GET /metrics HTTP/1.1\r\nHost: x\r\n\r\n") == .request(method: "GET", path: "/metrics"))
        #expect(parse("HEAD /readyz?x=1 HTTP/1.0\r\n\r\n") == .request(method: "HEAD", path: "/readyz"))
        #expect(parse("\r\nGET / HTTP/1.1\n\n") == .request(method: "GET", path: "/"))
    }

    @Test("partial but plausible heads ask for more bytes")
    func incomplete() {
        #expect(parse("") == .incomplete)
        #expect(parse("GE") == .incomplete)
        #expect(parse("GET /metrics HTTP/1.1\r") == .incomplete)
        #expect(parse("GET /metrics HTTP/1.1\r\nHost: x\r\n") == .incomplete)
    }

    @Test("garbage is rejected as soon as it is visible", arguments: [
        "\u{1}", "GE\u{7F}T", "G\"T /", "GET /metrics HTTP/1.1\rX", "GET  /metrics HTTP/1.1\r\n\r\n",
        "GET /metrics HTTP/1.1 extra\r\n\r\n", "GET /metrics HTTQ/1.1\r\n\r\n", "GET /metrics HTTP/1.1\r\n: v\r\n\r\n",
        "GET /metrics HTTP/1.1\r\n folded\r\n\r\n", "GET /m\u{1}x HTTP/1.1\r\n\r\n",
    ])
    func invalid(text: String) {
        guard case .invalid = parse(text) else {
            Issue.record("expected invalid for \(text.debugDescription), got \(parse(text))")
            return
        }
    }

    @Test("other HTTP major versions are recognised as unsupported")
    func version() {
        #expect(parse("GET / HTTP/2.0\r\n\r\n") == .unsupportedVersion)
    }

    @Test("every byte prefix of arbitrary input parses without trapping")
    func fuzzPrefixes() {
        var generator = SplitMix64(seed: 0x5EED)
        for _ in 0..<300 {
            let length = Int(generator.next() % 64)
            var bytes = (0..<length).map { _ in UInt8(truncatingIfNeeded: generator.next()) }
            if generator.next() % 2 == 0 { bytes = Array("GET / HTTP/1.1\r\n".utf8) + bytes }
            for end in 0...bytes.count {
                _ = HTTPRequestParser.parse(Array(bytes[0..<end]))
            }
        }
    }
}

/// Deterministic pseudo-random bytes for the fuzz test.
struct SplitMix64 {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var value = state
        value = (value ^ (value >> 30)) &* 0xBF58_476D_1CE4_E5B9
        value = (value ^ (value >> 27)) &* 0x94D0_49BB_1331_11EB
        return value ^ (value >> 31)
    }
}
