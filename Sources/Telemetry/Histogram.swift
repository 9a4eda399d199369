import Synchronization

/// A distribution of durations (seconds) over fixed buckets, optionally labelled.
///
/// Buckets are fixed at registration so every series shares one set of `le` strings and observing
/// is a bucket search plus two atomic updates.
public final class Histogram: MetricFamily {
    /// The Go client's defaults, suited to request latencies from 5 ms to 10 s.
    public static let defaultBuckets: [Double] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    public let name: String
    public let help: String
    public let labelNames: [String]
    /// Finite upper bounds in increasing order; `+Inf` is implicit.
    public let buckets: [Double]
    var kind: MetricKind { .histogram }

    private let store: SeriesStore<HistogramHandle>
    private let errorSink: TelemetryErrorSink?
    /// Pre-rendered `le="…"` pairs, `+Inf` last.
    private let leLabels: [String]

    init(
        name: String, help: String, labelNames: [String], buckets: [Double], errorSink: TelemetryErrorSink?
    ) throws(TelemetryError) {
        var bounds = buckets
        if bounds.last == .infinity { bounds.removeLast() }
        for (index, bound) in bounds.enumerated() {
            guard bound.isFinite else {
                throw .invalidBuckets(metric: name, reason: "bound \(bound) is not finite")
            }
            if index > 0, bound <= bounds[index - 1] {
                throw .invalidBuckets(metric: name, reason: "bounds must be strictly increasing")
            }
        }
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.buckets = bounds
        self.errorSink = errorSink
        self.leLabels = bounds.map { "le=\"\(Exposition.formatValue($0))\"" } + ["le=\"+Inf\""]
        let upperBounds = bounds
        self.store = SeriesStore(metricName: name, labelNames: labelNames) { HistogramHandle(upperBounds: upperBounds) }
        if labelNames.isEmpty { _ = store.resolve([]) }
    }

    public func handle(labels: [String] = []) throws(TelemetryError) -> HistogramHandle {
        try store.handle(labels: labels)
    }

    /// Cold-path convenience; a label-count mismatch goes to the error sink and the value is dropped.
    public func observe(labels: [String] = [], _ seconds: Double) {
        do {
            try store.handle(labels: labels).observe(seconds)
        } catch {
            errorSink?(error)
        }
    }

    public func remove(labels: [String]) {
        store.remove(labels: labels)
    }

    func render(into output: inout String) {
        Exposition.appendHeader(&output, name: name, help: help, type: .histogram)
        let bucketName = name + "_bucket"
        let sumName = name + "_sum"
        let countName = name + "_count"
        for series in store.snapshot() {
            let snapshot = series.handle.snapshot()
            let prefix = series.labelPairs.isEmpty ? "" : series.labelPairs + ","
            var cumulative = 0
            for (index, count) in snapshot.bucketCounts.enumerated() {
                cumulative += count
                Exposition.appendSample(
                    &output, name: bucketName, labelPairs: prefix + leLabels[index], value: String(cumulative)
                )
            }
            Exposition.appendSample(
                &output, name: sumName, labelPairs: series.labelPairs, value: Exposition.formatValue(snapshot.sum)
            )
            // _count is derived from the buckets so it always equals the +Inf bucket, even mid-update.
            Exposition.appendSample(&output, name: countName, labelPairs: series.labelPairs, value: String(cumulative))
        }
    }
}

/// One histogram series. `observe` does a linear bucket search (bucket lists are short), one relaxed
/// atomic add on the bucket and one compare-exchange on the sum: no lock, no allocation.
public final class HistogramHandle: Sendable {
    @usableFromInline let upperBounds: [Double]
    /// Per-bucket (non-cumulative) counts; the last one is the +Inf overflow bucket.
    @usableFromInline let counts: [BucketCount]
    @usableFromInline let sumBits = Atomic<UInt64>(0)

    init(upperBounds: [Double]) {
        self.upperBounds = upperBounds
        self.counts = (0...upperBounds.count).map { _ in BucketCount() }
    }

    /// NaN is ignored (it would poison `_sum` forever).
    @inlinable
    public func observe(_ seconds: Double) {
        guard !seconds.isNaN else { return }
        var index = 0
        let bounds = upperBounds
        while index < bounds.count, seconds > bounds[index] { index += 1 }
        counts[index].value.wrappingAdd(1, ordering: .relaxed)
        sumBits.addDouble(seconds)
    }

    @inlinable
    public func observe(_ duration: Duration) {
        let (seconds, attoseconds) = duration.components
        observe(Double(seconds) + Double(attoseconds) * 1e-18)
    }

    /// Runs `body` and observes how long it took on the monotonic clock.
    @inlinable
    public func time<T, E: Error>(_ body: () throws(E) -> T) throws(E) -> T {
        let clock = ContinuousClock()
        let start = clock.now
        defer { observe(clock.now - start) }
        return try body()
    }

    /// Current per-bucket counts (non-cumulative, +Inf last) and sum.
    public func snapshot() -> (bucketCounts: [Int], sum: Double) {
        (counts.map { $0.value.load(ordering: .relaxed) }, sumBits.loadDouble())
    }

    public var count: Int {
        counts.reduce(0) { $0 + $1.value.load(ordering: .relaxed) }
    }
}

/// A heap cell per bucket because `Atomic` is non-copyable and cannot live in an array directly.
@usableFromInline
final class BucketCount: Sendable {
    @usableFromInline let value = Atomic<Int>(0)
    @usableFromInline init() {}
}
