import Testing

@testable import Telemetry

@Suite("Concurrent updates")
struct ConcurrencyTests {
    @Test("increments from many tasks sum exactly")
    func counterSums() async throws {
        let registry = MetricsRegistry()
        let counter = try registry.counter("c_total", help: "C.", labels: ["topic"])
        let handle = try counter.handle(labels: ["t"])
        let tasks = 16
        let perTask = 10_000
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<tasks {
                group.addTask {
                    for step in 0..<perTask {
                        if step % 10 == 0 {
                            counter.increment(labels: ["t"])  // slow path shares the series
                        } else {
                            handle.increment()
                        }
                    }
                    counter.increment(labels: ["other\(index % 2)"], by: 1)
                }
            }
        }
        #expect(handle.value == Double(tasks * perTask))
        let text = registry.render()
        #expect(text.contains("c_total{topic=\"t\"} \(tasks * perTask)\n"))
        #expect(text.contains("c_total{topic=\"other0\"} 8\n"))
    }

    @Test("histogram observations from many tasks keep count, buckets and sum consistent")
    func histogramSums() async throws {
        let registry = MetricsRegistry()
        let handle = try registry.histogram("h", help: "H.", buckets: [0.5]).handle()
        let tasks = 8
        let perTask = 5_000
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<tasks {
                group.addTask {
                    for step in 0..<perTask {
                        handle.observe(step.isMultiple(of: 2) ? 0.25 : 1)
                    }
                }
            }
        }
        let snapshot = handle.snapshot()
        #expect(snapshot.bucketCounts == [tasks * perTask / 2, tasks * perTask / 2])
        #expect(handle.count == tasks * perTask)
        // 0.25 and 1 are exact in binary, so the CAS-accumulated sum is exact too.
        #expect(snapshot.sum == Double(tasks * perTask / 2) * 1.25)
    }

    @Test("gauge adds from many tasks are not lost")
    func gaugeAdds() async throws {
        let registry = MetricsRegistry()
        let gauge = try registry.gauge("g", help: "G.").handle()
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    for _ in 0..<5_000 {
                        gauge.increment()
                        gauge.decrement(by: 0.5)
                    }
                }
            }
        }
        #expect(gauge.value == 20_000)
    }
}
