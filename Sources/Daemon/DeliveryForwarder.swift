import Kafka
import Synchronization

/// Lets the producer be created before the engine that handles its delivery reports is complete.
///
/// It holds a weak reference, not a closure: a closure kept in a `Mutex` and read back through the
/// generic `withLock` got wrapped in one more reabstraction thunk on every read, so each delivery
/// report went one call deeper — slowing down and finally overflowing the stack (found by the
/// backlog benchmark).
final class DeliveryForwarder: Sendable {
    private struct Target: Sendable {
        weak var engine: StreamEngine?
    }

    private let target = Mutex(Target())

    func connect(_ engine: StreamEngine) {
        target.withLock { $0.engine = engine }
    }

    @Sendable func forward(_ report: DeliveryReport) {
        let engine = target.withLock { $0.engine }
        engine?.delivered(report)
    }
}
