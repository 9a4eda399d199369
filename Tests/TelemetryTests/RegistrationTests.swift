import Testing

@testable import Telemetry

@Suite("Registration rules")
struct RegistrationTests {
    @Test("re-registering the same metric returns the same family")
    func idempotent() throws {
        let registry = MetricsRegistry()
        let first = try registry.counter("c_total", help: "C.", labels: ["topic"])
        let second = try registry.counter("c_total", help: "C.", labels: ["topic"])
        #expect(first === second)
        let histogram = try registry.histogram("h", help: "H.", buckets: [1, 2])
        #expect(try registry.histogram("h", help: "H.", buckets: [1, 2]) === histogram)
    }

    @Test("conflicting type, labels or buckets are rejected")
    func conflicts() throws {
        let registry = MetricsRegistry()
        _ = try registry.counter("x", help: "X.", labels: ["a"])
        #expect(throws: TelemetryError.self) { try registry.gauge("x", help: "X.") }
        #expect(throws: TelemetryError.self) { try registry.counter("x", help: "X.", labels: ["b"]) }
        #expect(throws: TelemetryError.self) { try registry.gauge("x", help: "X.") { [] } }
        _ = try registry.histogram("h", help: "H.", buckets: [1, 2])
        #expect(throws: TelemetryError.self) { try registry.histogram("h", help: "H.", buckets: [1, 3]) }
    }

    @Test("invalid names, labels and buckets are rejected", arguments: [
        ("1abc", [String]()), ("a-b", []), ("", []), ("ok", ["__reserved"]), ("ok", ["a", "a"]), ("ok", ["bad-label"]),
    ])
    func invalidNames(name: String, labels: [String]) {
        let registry = MetricsRegistry()
        #expect(throws: TelemetryError.self) { try registry.counter(name, help: "", labels: labels) }
    }

    @Test("histograms reserve le and need strictly increasing finite buckets")
    func histogramRules() {
        let registry = MetricsRegistry()
        #expect(throws: TelemetryError.invalidLabelName(metric: "h", label: "le")) {
            try registry.histogram("h", help: "", labels: ["le"])
        }
        #expect(throws: TelemetryError.self) { try registry.histogram("h2", help: "", buckets: [1, 1]) }
        #expect(throws: TelemetryError.self) { try registry.histogram("h3", help: "", buckets: [.nan]) }
        #expect(throws: TelemetryError.self) { try registry.histogram("h4", help: "", buckets: [2, 1]) }
    }

    @Test("label count mismatch throws from handle and is reported from convenience calls")
    func labelMismatch() throws {
        let collector = ErrorCollector()
        let registry = MetricsRegistry(errorSink: collector.sink)
        let counter = try registry.counter("c", help: "C.", labels: ["a", "b"])
        #expect(throws: TelemetryError.labelCountMismatch(metric: "c", expected: 2, got: 1)) {
            try counter.handle(labels: ["x"])
        }
        counter.increment(labels: ["x"])
        #expect(collector.errors == [.labelCountMismatch(metric: "c", expected: 2, got: 1)])
        #expect(!registry.render().contains("c{"))
    }

    @Test("counters ignore negative increments; gauges go both ways")
    func monotonic() throws {
        let registry = MetricsRegistry()
        let counter = try registry.counter("c", help: "C.").handle()
        counter.increment(by: 5)
        counter.increment(by: -3)
        counter.increment(by: -1.5)
        #expect(counter.value == 5)
        let gauge = try registry.gauge("g", help: "G.").handle()
        gauge.increment(by: 2)
        gauge.decrement(by: 5)
        #expect(gauge.value == -3)
    }

    @Test("listen addresses parse host:port, [v6]:port and :port", arguments: [
        ("0.0.0.0:9464", "0.0.0.0", UInt16(9464)), ("[::1]:80", "::1", 80), (":9090", "", 9090), (" localhost:0 ", "localhost", 0),
    ])
    func listenAddress(text: String, host: String, port: UInt16) throws {
        #expect(try ListenAddress(parsing: text) == ListenAddress(host: host, port: port))
    }

    @Test("bad listen addresses are rejected", arguments: ["9464", "host:", "host:99999", "::1:80", "[::1]80", "h:+1"])
    func badListenAddress(text: String) {
        #expect(throws: TelemetryError.invalidListenAddress(text)) { try ListenAddress(parsing: text) }
    }
}
