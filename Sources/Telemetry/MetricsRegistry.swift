import Synchronization

/// The set of metric families one process exports, rendered on demand as Prometheus text 0.0.4.
///
/// Registration is idempotent: asking again for the same name with the same type, labels (and
/// buckets) returns the existing family, so components can register what they need independently.
/// Output is sorted by metric name, then by label values, so scrapes and golden tests are stable.
public final class MetricsRegistry: Sendable {
    /// The `Content-Type` scrapers expect for this format.
    public static let contentType = "text/plain; version=0.0.4; charset=utf-8"

    private let families = Mutex<[String: any MetricFamily]>([:])
    private let errorSink: TelemetryErrorSink?

    /// - Parameter errorSink: receives problems found on non-throwing paths (label mismatches in
    ///   convenience calls and in scrape-time callbacks).
    public init(errorSink: TelemetryErrorSink? = nil) {
        self.errorSink = errorSink
    }

    public func counter(_ name: String, help: String, labels: [String] = []) throws(TelemetryError) -> Counter {
        try Self.validate(name: name, labels: labels)
        return try register(name, kind: .counter, labels: labels) {
            Counter(name: name, help: help, labelNames: labels, errorSink: errorSink)
        }
    }

    public func gauge(_ name: String, help: String, labels: [String] = []) throws(TelemetryError) -> Gauge {
        try Self.validate(name: name, labels: labels)
        return try register(name, kind: .gauge, labels: labels) {
            Gauge(name: name, help: help, labelNames: labels, errorSink: errorSink)
        }
    }

    public func histogram(
        _ name: String, help: String, labels: [String] = [], buckets: [Double] = Histogram.defaultBuckets
    ) throws(TelemetryError) -> Histogram {
        try Self.validate(name: name, labels: labels, reserved: ["le"])
        let histogram: Histogram = try register(name, kind: .histogram, labels: labels) { () throws(TelemetryError) in
            try Histogram(name: name, help: help, labelNames: labels, buckets: buckets, errorSink: errorSink)
        }
        var expected = buckets
        if expected.last == .infinity { expected.removeLast() }
        guard histogram.buckets == expected else {
            throw .conflictingRegistration(metric: name, reason: "registered with buckets \(histogram.buckets)")
        }
        return histogram
    }

    /// A gauge computed at scrape time. `collect` runs on the scraping thread, outside the registry's
    /// lock; it must be quick and must not call back into `render()`.
    public func gauge(
        _ name: String, help: String, labels: [String] = [],
        collect: @escaping @Sendable () -> [MetricSample]
    ) throws(TelemetryError) {
        try registerCallback(name, help: help, kind: .gauge, labels: labels, collect: collect)
    }

    /// A counter computed at scrape time, for totals another component already counts atomically.
    /// The callback must return monotonically non-decreasing values.
    public func counter(
        _ name: String, help: String, labels: [String] = [],
        collect: @escaping @Sendable () -> [MetricSample]
    ) throws(TelemetryError) {
        try registerCallback(name, help: help, kind: .counter, labels: labels, collect: collect)
    }

    /// Stops exporting a family (e.g. to release objects a callback captures). Handles keep working.
    public func unregister(_ name: String) {
        _ = families.withLock { $0.removeValue(forKey: name) }
    }

    /// The full exposition text. Callbacks run here, on the caller's thread.
    public func render() -> String {
        let snapshot = families.withLock { Array($0.values) }.sorted { $0.name < $1.name }
        var output = ""
        output.reserveCapacity(256 * snapshot.count)
        for family in snapshot {
            family.render(into: &output)
        }
        return output
    }

    private func registerCallback(
        _ name: String, help: String, kind: MetricKind, labels: [String],
        collect: @escaping @Sendable () -> [MetricSample]
    ) throws(TelemetryError) {
        try Self.validate(name: name, labels: labels)
        let family = CallbackFamily(
            name: name, help: help, kind: kind, labelNames: labels, errorSink: errorSink, collect: collect
        )
        try families.withLock { (families) throws(TelemetryError) in
            // A callback cannot be merged with an existing one; registering twice is a mistake.
            if let existing = families[name] {
                throw .conflictingRegistration(metric: name, reason: "already registered as \(existing.kind.rawValue)")
            }
            families[name] = family
        }
    }

    private func register<Family: MetricFamily>(
        _ name: String, kind: MetricKind, labels: [String],
        make: () throws(TelemetryError) -> Family
    ) throws(TelemetryError) -> Family {
        try families.withLock { (families) throws(TelemetryError) -> Family in
            if let existing = families[name] {
                guard let same = existing as? Family, existing.kind == kind else {
                    throw .conflictingRegistration(metric: name, reason: "already registered as \(existing.kind.rawValue)")
                }
                guard same.labelNames == labels else {
                    throw .conflictingRegistration(metric: name, reason: "registered with labels \(same.labelNames)")
                }
                return same
            }
            let created = try make()
            families[name] = created
            return created
        }
    }

    private static func validate(name: String, labels: [String], reserved: Set<String> = [])
        throws(TelemetryError)
    {
        guard Exposition.isValidMetricName(name) else { throw .invalidMetricName(name) }
        try Exposition.validateLabelNames(labels, metric: name, reserved: reserved)
    }
}
