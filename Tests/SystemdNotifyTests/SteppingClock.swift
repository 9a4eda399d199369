import Synchronization

/// A clock whose sleeps return at once and advance virtual time, and which throws
/// `CancellationError` on the `limit`-th sleep, so a watchdog loop runs a fixed number of ticks
/// without real waiting.
final class SteppingClock: Clock, Sendable {
    struct Instant: InstantProtocol {
        var offset: Duration
        func advanced(by duration: Duration) -> Instant { Instant(offset: offset + duration) }
        func duration(to other: Instant) -> Duration { other.offset - offset }
        static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.offset < rhs.offset }
    }

    private struct State {
        var now = Instant(offset: .zero)
        var sleeps: [Duration] = []
    }

    private let state = Mutex(State())
    private let limit: Int

    init(sleepsBeforeCancellation limit: Int) {
        self.limit = limit
    }

    var now: Instant { state.withLock { $0.now } }
    var minimumResolution: Duration { .nanoseconds(1) }
    var sleeps: [Duration] { state.withLock { $0.sleeps } }

    func sleep(until deadline: Instant, tolerance: Duration?) async throws {
        let cancel = state.withLock { state -> Bool in
            state.sleeps.append(state.now.duration(to: deadline))
            state.now = deadline
            return state.sleeps.count >= limit
        }
        if cancel { throw CancellationError() }
        await Task.yield()
    }
}
