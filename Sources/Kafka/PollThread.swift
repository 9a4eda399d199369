import Foundation
import Synchronization

/// A dedicated OS thread that repeatedly runs one polling step.
///
/// librdkafka's poll calls block for up to their timeout; run on Swift's cooperative pool (two
/// threads on our machines) they would starve every task. Each handle gets its own thread instead.
public final class PollThread: Sendable {
    private struct State {
        var stopRequested = false
        var finished = false
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    private let state = Mutex(State())

    /// Starts the thread; `step` is called until `stop` is requested, and should block for at most
    /// a short timeout (100 ms) so stopping is prompt. Linux keeps at most 15 bytes of a thread's
    /// name and refuses longer ones (the thread then shows its creator's name in `top -H`/`perf`).
    public init(name: String, step: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            while !isStopRequested {
                step()
            }
            let waiters = state.withLock { state in
                state.finished = true
                defer { state.waiters.removeAll() }
                return state.waiters
            }
            for waiter in waiters { waiter.resume() }
        }
        thread.name = name
        thread.start()
    }

    var isStopRequested: Bool { state.withLock { $0.stopRequested } }

    /// Asks the loop to end after the current step and waits until it has.
    public func stop() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let alreadyFinished = state.withLock { state in
                state.stopRequested = true
                if state.finished { return true }
                state.waiters.append(continuation)
                return false
            }
            if alreadyFinished { continuation.resume() }
        }
    }
}
