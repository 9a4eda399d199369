import Synchronization

/// A value that goes up and down (queue depth, assigned partitions, lag), optionally labelled.
///
/// For values that already live elsewhere (consumer lag from librdkafka statistics, ownership
/// tables) prefer a callback gauge (`MetricsRegistry.gauge(_:help:labels:collect:)`), which is read
/// at scrape time and so can never go stale.
public final class Gauge: MetricFamily {
    public let name: String
    public let help: String
    public let labelNames: [String]
    var kind: MetricKind { .gauge }

    private let store: SeriesStore<GaugeHandle>
    private let errorSink: TelemetryErrorSink?

    init(name: String, help: String, labelNames: [String], errorSink: TelemetryErrorSink?) {
        self.name = name
        self.help = help
        self.labelNames = labelNames
        self.errorSink = errorSink
        self.store = SeriesStore(metricName: name, labelNames: labelNames) { GaugeHandle() }
        if labelNames.isEmpty { _ = store.resolve([]) }
    }

    public func handle(labels: [String] = []) throws(TelemetryError) -> GaugeHandle {
        try store.handle(labels: labels)
    }

    /// Cold-path convenience; a label-count mismatch goes to the error sink and nothing is set.
    public func set(labels: [String] = [], _ value: Double) {
        do {
            try store.handle(labels: labels).set(value)
        } catch {
            errorSink?(error)
        }
    }

    public func increment(labels: [String] = [], by amount: Double = 1) {
        do {
            try store.handle(labels: labels).increment(by: amount)
        } catch {
            errorSink?(error)
        }
    }

    public func decrement(labels: [String] = [], by amount: Double = 1) {
        increment(labels: labels, by: -amount)
    }

    /// Stops exporting one series, e.g. the lag of a partition that was revoked.
    public func remove(labels: [String]) {
        store.remove(labels: labels)
    }

    /// Stops exporting every labelled series (unlabelled gauges are recreated at 0).
    public func removeAll() {
        store.removeAll()
        if labelNames.isEmpty { _ = store.resolve([]) }
    }

    func render(into output: inout String) {
        Exposition.appendHeader(&output, name: name, help: help, type: .gauge)
        for series in store.snapshot() {
            Exposition.appendSample(
                &output, name: name, labelPairs: series.labelPairs,
                value: Exposition.formatValue(series.handle.value)
            )
        }
    }
}

/// One gauge series: `set` is an atomic store, `increment` a compare-exchange loop.
public final class GaugeHandle: Sendable {
    @usableFromInline let bits = Atomic<UInt64>(0)

    init() {}

    @inlinable
    public func set(_ value: Double) {
        bits.storeDouble(value)
    }

    @inlinable
    public func set(_ value: Int) {
        bits.storeDouble(Double(value))
    }

    @inlinable
    public func increment(by amount: Double = 1) {
        bits.addDouble(amount)
    }

    @inlinable
    public func decrement(by amount: Double = 1) {
        bits.addDouble(-amount)
    }

    public var value: Double { bits.loadDouble() }
}
