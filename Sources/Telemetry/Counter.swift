import Synchronization

/// A monotonically increasing count, optionally split by labels.
///
/// Register through `MetricsRegistry.counter(_:help:labels:)`. On hot paths resolve a
/// `CounterHandle` once with `handle(labels:)`; `increment(labels:by:)` takes a lock and hashes the
/// label values on every call.
public final class Counter: MetricFamily {
    public let name: String
    public let help: String
    public let labelNames: [String]
    var kind: MetricKind { .counter }

    private let store: SeriesStore<CounterHandle>
    private let errorSink: TelemetryErrorSink?

    init(name: String, help: String, labelNames: [String], errorSink: TelemetryErrorSink?) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.errorSink = errorSink
        self.store = SeriesStore(metricName: name, labelNames: labelNames) { CounterHandle() }
        // Unlabelled counters are exported as 0 from the start, so rate() works from the first scrape.
        if labelNames.isEmpty { _ = store.resolve([]) }
    }

    /// The series for these label values (created on first use), for lock-free increments.
    public func handle(labels: [String] = []) throws(TelemetryError) -> CounterHandle {
        try store.handle(labels: labels)
    }

    /// Convenience for cold paths. A label-count mismatch is reported to the registry's error sink
    /// and the increment is dropped.
    public func increment(labels: [String] = [], by amount: Int = 1) {
        do {
            try store.handle(labels: labels).increment(by: amount)
        } catch {
            errorSink?(error)
        }
    }

    /// Fractional increments, e.g. seconds spent; same error handling as the integer form.
    public func increment(labels: [String] = [], by amount: Double) {
        do {
            try store.handle(labels: labels).increment(by: amount)
        } catch {
            errorSink?(error)
        }
    }

    /// Stops exporting one series.
    public func remove(labels: [String]) {
        store.remove(labels: labels)
    }

    func render(into output: inout String) {
        Exposition.appendHeader(&output, name: name, help: help, type: .counter)
        for series in store.snapshot() {
            Exposition.appendSample(
                &output, name: name, labelPairs: series.labelPairs,
                value: series.handle.formattedValue
            )
        }
    }
}

/// One counter series. `increment()` is a single relaxed atomic add: no lock, no lookup, no allocation.
public final class CounterHandle: Sendable {
    @usableFromInline let whole = Atomic<Int>(0)
    @usableFromInline let fraction = Atomic<UInt64>(0)

    init() {}

    @inlinable
    public func increment() {
        whole.wrappingAdd(1, ordering: .relaxed)
    }

    /// Negative amounts are ignored: a counter that goes down breaks `rate()`.
    @inlinable
    public func increment(by amount: Int) {
        guard amount > 0 else { return }
        whole.wrappingAdd(amount, ordering: .relaxed)
    }

    /// Negative, NaN and infinite amounts are ignored.
    @inlinable
    public func increment(by amount: Double) {
        guard amount > 0, amount.isFinite else { return }
        fraction.addDouble(amount)
    }

    public var value: Double {
        Double(whole.load(ordering: .relaxed)) + fraction.loadDouble()
    }

    /// Integer-only counters print exactly, even beyond 2^53.
    var formattedValue: String {
        let integral = whole.load(ordering: .relaxed)
        let fractional = fraction.loadDouble()
        if fractional == 0 { return String(integral) }
        return Exposition.formatValue(Double(integral) + fractional)
    }
}
