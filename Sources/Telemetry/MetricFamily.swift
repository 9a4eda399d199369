import Synchronization

/// The exposition `# TYPE` of a family.
public enum MetricKind: String, Sendable {
    case counter
    case gauge
    case histogram
}

/// What the registry needs from every family: identity for conflict checks and a renderer.
protocol MetricFamily: AnyObject, Sendable {
    var name: String { get }
    var help: String { get }
    var kind: MetricKind { get }
    var labelNames: [String] { get }
    func render(into output: inout String)
}

/// One labelled time series: its label values (for ordering), the pre-escaped `a="x"` text (so
/// escaping happens once per series, not per scrape) and the handle holding the value.
struct Series<Handle: Sendable>: Sendable {
    let labelValues: [String]
    let labelPairs: String
    let handle: Handle
}

/// The label-values → handle map of one family.
///
/// Lookups take a lock; hot code should resolve a handle once and keep it.
final class SeriesStore<Handle: Sendable>: Sendable {
    let metricName: String
    let labelNames: [String]
    private let makeHandle: @Sendable () -> Handle
    private let series = Mutex<[[String]: Series<Handle>]>([:])

    init(metricName: String, labelNames: [String], makeHandle: @escaping @Sendable () -> Handle) {
        self.metricName = metricName
        self.labelNames = labelNames
        self.makeHandle = makeHandle
    }

    func handle(labels: [String]) throws(TelemetryError) -> Handle {
        guard labels.count == labelNames.count else {
            throw .labelCountMismatch(metric: metricName, expected: labelNames.count, got: labels.count)
        }
        return resolve(labels)
    }

    /// Caller has checked the label count.
    func resolve(_ labels: [String]) -> Handle {
        series.withLock { series in
            if let existing = series[labels] { return existing.handle }
            let created = Series(
                labelValues: labels,
                labelPairs: Exposition.labelPairs(names: labelNames, values: labels),
                handle: makeHandle()
            )
            series[labels] = created
            return created.handle
        }
    }

    /// Drops a series (e.g. a revoked partition) so it stops being exported; handles already
    /// resolved keep working but are no longer scraped.
    func remove(labels: [String]) {
        _ = series.withLock { $0.removeValue(forKey: labels) }
    }

    func removeAll() {
        series.withLock { $0.removeAll() }
    }

    /// Series in deterministic (label-values lexicographic) order.
    func snapshot() -> [Series<Handle>] {
        let values = series.withLock { Array($0.values) }
        return values.sorted { $0.labelValues.lexicographicallyPrecedes($1.labelValues) }
    }
}
