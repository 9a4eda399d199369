// Micro benchmark for the metric hot paths. Run: swift run -c release TelemetryBench
// Prints nanoseconds per operation, single-threaded and with two threads hammering at once
// (same series = worst-case cache-line contention; separate series = the usual per-topic case).
import Foundation
import Telemetry

/// Runs `body(threadIndex)` on `threads` OS threads started together; returns wall time.
func measure(threads: Int, _ body: @escaping @Sendable (Int) -> Void) -> Duration {
    let start = DispatchSemaphore(value: 0)
    let done = DispatchGroup()
    for index in 0..<threads {
        done.enter()
        let thread = Thread {
            start.wait()
            body(index)
            done.leave()
        }
        thread.start()
    }
    let clock = ContinuousClock()
    let began = clock.now
    for _ in 0..<threads { start.signal() }
    done.wait()
    return clock.now - began
}

func report(_ label: String, operations: Int, threads: Int, _ body: @escaping @Sendable (Int) -> Void) {
    _ = measure(threads: threads, body)  // warm-up
    let elapsed = measure(threads: threads, body)
    let (seconds, attoseconds) = elapsed.components
    let nanoseconds = Double(seconds) * 1e9 + Double(attoseconds) / 1e9
    // Per thread: what each caller pays. Aggregate throughput follows from the thread count.
    let perOp = nanoseconds / Double(operations)
    let throughput = Double(operations * threads) / nanoseconds * 1_000
    let label = label.padding(toLength: 50, withPad: " ", startingAt: 0)
    print("\(label) \(threads)T \(String(format: "%9.2f", perOp)) ns/op per thread  \(String(format: "%8.1f", throughput)) M ops/s total")
}

/// `TelemetryBench --serve HOST:PORT SECONDS`: serves a sample registry so real clients
/// (curl, promtool, Prometheus) can be pointed at the server by hand.
func serve(_ arguments: [String]) {
    do {
        guard arguments.count == 2, let seconds = Int(arguments[1]) else {
            print("usage: TelemetryBench --serve HOST:PORT SECONDS")
            return
        }
        let registry = MetricsRegistry()
        let counter = try registry.counter("articled_records_consumed_total", help: "Records consumed.", labels: ["topic"])
        counter.increment(labels: ["articles.raw"], by: 42)
        let histogram = try registry.histogram("articled_stage_seconds", help: "Stage latency.", labels: ["stage"])
        histogram.observe(labels: ["ner"], 0.02)
        let heartbeat = Heartbeat()
        let server = HTTPHealthServer(
            address: try ListenAddress(parsing: arguments[0]), registry: registry,
            health: { heartbeat.status(maxAge: .seconds(5)) },
            readiness: { (503, "not ready\n") },
            errorSink: { print("server error: \($0)") }
        )
        let port = try server.start()
        print("serving on port \(port) for \(seconds) s")
        Thread.sleep(forTimeInterval: Double(seconds))
        server.stop()
        print("stopped")
    } catch {
        print("serve failed: \(error)")
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--serve" {
    serve(Array(arguments.dropFirst()))
} else {
    runBenchmarks()
}

func runBenchmarks() {
do {
    let registry = MetricsRegistry()
    let counter = try registry.counter("bench_total", help: "Bench.", labels: ["topic"])
    let shared = try counter.handle(labels: ["shared"])
    let perThread = [try counter.handle(labels: ["t0"]), try counter.handle(labels: ["t1"])]
    let histogram = try registry.histogram("bench_seconds", help: "Bench.", labels: ["stage"])
    let sharedHistogram = try histogram.handle(labels: ["shared"])
    let perThreadHistogram = [try histogram.handle(labels: ["t0"]), try histogram.handle(labels: ["t1"])]
    let gauge = try registry.gauge("bench_gauge", help: "Bench.").handle()

    let n = 20_000_000
    // Latencies spread over the default buckets (0.1 ms … 20 s), precomputed so the loop measures observe only.
    let samples = (0..<1_024).map { index in 0.0001 * pow(1.01, Double(index)) }

    print("Telemetry micro benchmark (\(ProcessInfo.processInfo.activeProcessorCount) cores)")
    report("CounterHandle.increment()", operations: n, threads: 1) { _ in
        for _ in 0..<n { shared.increment() }
    }
    report("CounterHandle.increment() same series", operations: n, threads: 2) { _ in
        for _ in 0..<n { shared.increment() }
    }
    report("CounterHandle.increment() separate series", operations: n, threads: 2) { index in
        let handle = perThread[index]
        for _ in 0..<n { handle.increment() }
    }
    report("CounterHandle.increment(by: 0.5) (CAS)", operations: n, threads: 1) { _ in
        for _ in 0..<n { shared.increment(by: 0.5) }
    }
    report("HistogramHandle.observe (11 buckets)", operations: n, threads: 1) { _ in
        for index in 0..<n { sharedHistogram.observe(samples[index & 1_023]) }
    }
    report("HistogramHandle.observe same series", operations: n, threads: 2) { _ in
        for index in 0..<n { sharedHistogram.observe(samples[index & 1_023]) }
    }
    report("HistogramHandle.observe separate series", operations: n, threads: 2) { thread in
        let handle = perThreadHistogram[thread]
        for index in 0..<n { handle.observe(samples[index & 1_023]) }
    }
    report("GaugeHandle.set", operations: n, threads: 1) { _ in
        for index in 0..<n { gauge.set(Double(index)) }
    }
    let slow = n / 20
    report("Counter.increment(labels:) (lock + lookup)", operations: slow, threads: 1) { _ in
        for _ in 0..<slow { counter.increment(labels: ["shared"]) }
    }
    report("Counter.increment(labels:) (lock + lookup)", operations: slow, threads: 2) { _ in
        for _ in 0..<slow { counter.increment(labels: ["shared"]) }
    }

    // A scrape of a realistically sized registry: 20 counter families × 16 partitions + 8 histograms × 4 stages.
    let scrapeRegistry = MetricsRegistry()
    for family in 0..<20 {
        let counter = try scrapeRegistry.counter("articled_family_\(family)_total", help: "Family \(family).", labels: ["topic", "partition"])
        for partition in 0..<16 { counter.increment(labels: ["articles.raw", String(partition)], by: partition * 1_000) }
    }
    for family in 0..<8 {
        let histogram = try scrapeRegistry.histogram("articled_stage_\(family)_seconds", help: "Stage.", labels: ["stage"])
        for stage in 0..<4 { histogram.observe(labels: ["stage\(stage)"], 0.01 * Double(stage + 1)) }
    }
    let bytes = scrapeRegistry.render().utf8.count
    let renders = 2_000
    report("MetricsRegistry.render() \(bytes / 1_024) KB, 416 series", operations: renders, threads: 1) { _ in
        for _ in 0..<renders { _ = scrapeRegistry.render() }
    }
} catch {
    print("benchmark setup failed: \(error)")
}
}
