/// One labelled value returned by a scrape-time callback.
public struct MetricSample: Sendable, Equatable {
    public var labels: [String]
    public var value: Double

    public init(labels: [String] = [], value: Double) {
        self.labels = labels
        self.value = value
    }
}

/// A counter or gauge whose samples are computed when scraped, for values another component
/// already tracks (stream counters, consumer lag, partition assignment). Nothing is cached, so a
/// revoked partition disappears on the next scrape without explicit removal.
final class CallbackFamily: MetricFamily {
    let name: String
    let help: String
    let kind: MetricKind
    let labelNames: [String]
    private let collect: @Sendable () -> [MetricSample]
    private let errorSink: TelemetryErrorSink?

    init(
        name: String, help: String, kind: MetricKind, labelNames: [String],
        errorSink: TelemetryErrorSink?, collect: @escaping @Sendable () -> [MetricSample]
    ) {
        self.name = name
        self.help = help
        self.kind = kind
        self.labelNames = labelNames
        self.errorSink = errorSink
        self.collect = collect
    }

    func render(into output: inout String) {
        Exposition.appendHeader(&output, name: name, help: help, type: kind)
        var samples = collect()
        // Samples with the wrong label arity would produce unparseable output; drop and report them.
        let expected = labelNames.count
        if let bad = samples.first(where: { $0.labels.count != expected }) {
            errorSink?(.labelCountMismatch(metric: name, expected: expected, got: bad.labels.count))
            samples.removeAll { $0.labels.count != expected }
        }
        samples.sort { $0.labels.lexicographicallyPrecedes($1.labels) }
        var previous: [String]?
        for sample in samples {
            // Duplicate label sets are invalid exposition; keep the first.
            if sample.labels == previous { continue }
            previous = sample.labels
            Exposition.appendSample(
                &output, name: name,
                labelPairs: Exposition.labelPairs(names: labelNames, values: sample.labels),
                value: Exposition.formatValue(sample.value)
            )
        }
    }
}
