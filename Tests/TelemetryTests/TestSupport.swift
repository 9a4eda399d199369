import Synchronization

@testable import Telemetry

/// Collects what the module reports through its error sink.
final class ErrorCollector: Sendable {
    private let storage = Mutex<[TelemetryError]>([])

    var sink: TelemetryErrorSink {
        { [self] error in storage.withLock { $0.append(error) } }
    }

    var errors: [TelemetryError] { storage.withLock { $0 } }
}

/// A value tests flip while the server thread reads it.
final class LockedValue<Value: Sendable>: Sendable {
    private let storage: Mutex<Value>

    init(_ value: Value) {
        storage = Mutex(value)
    }

    var value: Value {
        get { storage.withLock { $0 } }
        set { storage.withLock { $0 = newValue } }
    }
}
