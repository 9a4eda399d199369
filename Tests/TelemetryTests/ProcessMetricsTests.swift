import Testing
@testable import Telemetry

@Suite struct ProcessMetricsTests {
    @Test func residentMemoryAndCPUTimeAreThisProcesses() throws {
        let resident = try #require(ProcessMetrics.residentBytes())
        #expect(resident > 1 << 20)
        var spin = 0
        for i in 0..<2_000_000 { spin &+= i }
        #expect(spin != 0)
        #expect(ProcessMetrics.cpuSeconds() > 0)
    }

    @Test func registersTheStandardNamesAndTheHeapSplit() throws {
        let registry = MetricsRegistry()
        try ProcessMetrics.register(in: registry)
        let text = registry.render()
        #expect(text.contains("# TYPE process_resident_memory_bytes gauge"))
        #expect(text.contains("# TYPE process_cpu_seconds_total counter"))
        #if os(Linux)
        #expect(text.contains(#"articled_heap_bytes{state="in_use"}"#))
        #expect(text.contains(#"articled_heap_bytes{state="free"}"#))
        #endif
    }
}
