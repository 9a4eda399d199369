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
    /// a short timeout (100 ms) so stopping is prompt. `name` (at most 15 bytes) is the OS
    /// thread's name.
    public init(name: String, step: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            Self.nameCurrentThread(name)
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
        thread.start()
    }

    /// Names the calling thread for `top -H`, `perf` and `/proc/<pid>/task/*/comm` (Linux keeps
    /// 15 bytes). Foundation's `Thread.name` set before `start()` never reaches the OS thread,
    /// which then shows its creator's name (here a pool thread's "…oot.default-qos"); set on the
    /// running thread, it does.
    public static func nameCurrentThread(_ name: String) {
        Thread.current.name = String(name.utf8.prefix(15)) ?? "articled"
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
