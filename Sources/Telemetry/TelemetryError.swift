/// Everything that can go wrong in this module, with enough context to act on from a log line.
///
/// Registration errors are programming mistakes that surface at start-up; server errors carry the
/// `errno` so an "address in use" is distinguishable from a permission problem.
public enum TelemetryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A metric name that Prometheus would reject (`[a-zA-Z_:][a-zA-Z0-9_:]*`).
    case invalidMetricName(String)
    /// A label name that Prometheus would reject, is reserved (`__…`, `le` on histograms) or repeated.
    case invalidLabelName(metric: String, label: String)
    /// The name is already registered as a different type, with different labels or buckets.
    case conflictingRegistration(metric: String, reason: String)
    /// Label values given for a series do not match the family's label names.
    case labelCountMismatch(metric: String, expected: Int, got: Int)
    /// Histogram bucket bounds that are not finite and strictly increasing.
    case invalidBuckets(metric: String, reason: String)
    /// A listen address string such as `0.0.0.0:9464` that could not be parsed.
    case invalidListenAddress(String)
    /// A socket call failed; `operation` names the call (`bind`, `listen`, `accept`, …).
    case socket(operation: String, address: String, errno: Int32, message: String)
    /// `start()` was called on a server that is running or has been stopped.
    case serverState(String)

    public var description: String {
        switch self {
        case .invalidMetricName(let name):
            "invalid metric name '\(name)'"
        case .invalidLabelName(let metric, let label):
            "invalid label name '\(label)' on metric '\(metric)'"
        case .conflictingRegistration(let metric, let reason):
            "metric '\(metric)' is already registered: \(reason)"
        case .labelCountMismatch(let metric, let expected, let got):
            "metric '\(metric)' expects \(expected) label values, got \(got)"
        case .invalidBuckets(let metric, let reason):
            "histogram '\(metric)' has invalid buckets: \(reason)"
        case .invalidListenAddress(let text):
            "invalid listen address '\(text)' (expected host:port, [ipv6]:port or :port)"
        case .socket(let operation, let address, let errno, let message):
            "\(operation) on \(address) failed: \(message) (errno \(errno))"
        case .serverState(let message):
            "telemetry server: \(message)"
        }
    }
}

/// Where the module reports problems it cannot throw (a scrape-time callback returning bad labels,
/// an `accept` failure on the server thread). The module never logs by itself; the caller wraps this
/// into its own logger.
public typealias TelemetryErrorSink = @Sendable (TelemetryError) -> Void
