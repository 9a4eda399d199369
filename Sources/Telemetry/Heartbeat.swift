import Synchronization

/// Liveness evidence from a loop that should keep turning (the Kafka poll loop): the loop calls
/// `beat()` every iteration and `/healthz` asks `status(maxAge:)`.
///
/// A loop that has not beaten yet is judged from the heartbeat's creation time, so start-up gets
/// a grace period of `maxAge` instead of failing liveness before the first poll.
public final class Heartbeat: Sendable {
    private let now: @Sendable () -> Duration
    /// Nanoseconds on `now`'s timeline of the last beat (creation time until the first beat).
    private let lastBeat: Atomic<Int64>
    private let beats = Atomic<Int>(0)

    /// - Parameter now: a monotonic reading; injectable so tests need no real time. Defaults to
    ///   the continuous clock measured from this heartbeat's creation.
    public init(now: (@Sendable () -> Duration)? = nil) {
        let clock: @Sendable () -> Duration
        if let now {
            clock = now
        } else {
            let continuous = ContinuousClock()
            let origin = continuous.now
            clock = { continuous.now - origin }
        }
        self.now = clock
        self.lastBeat = Atomic(Self.nanoseconds(clock()))
    }

    /// Cheap enough for every poll iteration: one clock read and two relaxed atomic writes.
    public func beat() {
        lastBeat.store(Self.nanoseconds(now()), ordering: .relaxed)
        beats.wrappingAdd(1, ordering: .relaxed)
    }

    /// Time since the last beat (or since creation when there has been none).
    public var age: Duration {
        .nanoseconds(Self.nanoseconds(now()) - lastBeat.load(ordering: .relaxed))
    }

    public var beatCount: Int { beats.load(ordering: .relaxed) }

    /// 200 when the last beat is at most `maxAge` old, else 503; the body says how old it is.
    public func status(maxAge: Duration) -> (status: Int, body: String) {
        let age = self.age
        let milliseconds = Self.nanoseconds(age) / 1_000_000
        if age <= maxAge {
            return (200, "ok: last progress \(milliseconds) ms ago\n")
        }
        let limit = Self.nanoseconds(maxAge) / 1_000_000
        return (503, "stalled: last progress \(milliseconds) ms ago (limit \(limit) ms)\n")
    }

    private static func nanoseconds(_ duration: Duration) -> Int64 {
        let (seconds, attoseconds) = duration.components
        return seconds &* 1_000_000_000 &+ attoseconds / 1_000_000_000
    }
}
