import Foundation
import Synchronization
import Testing
@testable import SystemdNotify

@Suite("Watchdog policy and pinging")
struct WatchdogTests {
    @Test("WATCHDOG_USEC gives the timeout and half of it as the ping interval")
    func interval() throws {
        let policy = try #require(try WatchdogPolicy.fromEnvironment(["WATCHDOG_USEC": "30000000"], processID: 42))
        #expect(policy.timeout == .seconds(30))
        #expect(policy.pingInterval == .seconds(15))
    }

    @Test("WATCHDOG_PID must name this process")
    func pidMatching() throws {
        let env = ["WATCHDOG_USEC": "20000000", "WATCHDOG_PID": "42"]
        #expect(try WatchdogPolicy.fromEnvironment(env, processID: 42)?.pingInterval == .seconds(10))
        #expect(try WatchdogPolicy.fromEnvironment(env, processID: 43) == nil)
    }

    @Test("no WATCHDOG_USEC: no watchdog")
    func absent() throws {
        #expect(try WatchdogPolicy.fromEnvironment([:], processID: 1) == nil)
        #expect(try WatchdogPolicy.fromEnvironment(["WATCHDOG_PID": "1"], processID: 1) == nil)
    }

    @Test("bad values are typed errors", arguments: ["0", "-5", "abc", "", "18446744073709551615"])
    func badTimeout(value: String) {
        #expect(throws: SystemdNotifyError(kind: .invalidWatchdogTimeout, value: value)) {
            _ = try WatchdogPolicy.fromEnvironment(["WATCHDOG_USEC": value], processID: 1)
        }
    }

    @Test("bad WATCHDOG_PID is a typed error")
    func badPID() {
        #expect(throws: SystemdNotifyError(kind: .invalidWatchdogPID, value: "x")) {
            _ = try WatchdogPolicy.fromEnvironment(["WATCHDOG_USEC": "1000", "WATCHDOG_PID": "x"], processID: 1)
        }
    }

    @Test("pings go out while healthy and stop when the loop is stuck")
    func pingsStopWhenUnhealthy() async throws {
        let receiver = try DatagramReceiver(abstract: true)
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket])
        let checks = Atomic<Int>(0)
        let events = Mutex<[WatchdogEvent]>([])
        let clock = SteppingClock(sleepsBeforeCancellation: 6)

        // Healthy for the first three ticks, then stuck.
        await notifier.runWatchdog(
            interval: .seconds(15),
            clock: clock,
            isHealthy: { checks.add(1, ordering: .relaxed).newValue <= 3 },
            onEvent: { event in events.withLock { $0.append(event) } }
        )

        #expect(events.withLock { $0 } == [.pinged, .pinged, .pinged, .withheld, .withheld, .withheld])
        #expect(clock.sleeps == Array(repeating: .seconds(15), count: 6))
        for _ in 0..<3 {
            #expect(receiver.receive() == Array("WATCHDOG=1".utf8))
        }
        #expect(receiver.receiveIfPending() == nil)
    }

    @Test("the loop returns when its task is cancelled")
    func cancellation() async {
        let task = Task {
            await SystemdNotifier.disabled.runWatchdog(interval: .seconds(3600), isHealthy: { true })
        }
        task.cancel()
        await task.value
    }

    @Test("send failures are reported and the loop continues")
    func sendFailureReported() async throws {
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": "@articled-nobody-listens-\(getpid())"])
        let events = Mutex<[WatchdogEvent]>([])
        await notifier.runWatchdog(
            interval: .seconds(1),
            clock: SteppingClock(sleepsBeforeCancellation: 2),
            isHealthy: { true },
            onEvent: { event in events.withLock { $0.append(event) } }
        )
        let kinds = events.withLock { $0 }.map { event -> SystemdNotifyError.Kind? in
            if case .sendFailed(let error) = event { return error.kind }
            return nil
        }
        #expect(kinds == [.sendFailed, .sendFailed])
    }

    @Test("heartbeat: first check passes, then only after a beat")
    func heartbeat() {
        let heartbeat = LoopHeartbeat()
        #expect(heartbeat.hasProgressedSinceLastCheck())
        #expect(!heartbeat.hasProgressedSinceLastCheck())
        heartbeat.beat()
        heartbeat.beat()
        #expect(heartbeat.hasProgressedSinceLastCheck())
        #expect(!heartbeat.hasProgressedSinceLastCheck())
    }
}

@Suite("Watchdog driven by a LoopHeartbeat")
struct HeartbeatWatchdogTests {
    /// A clock whose every sleep stands for one watchdog interval, during which the consume loop
    /// beats or not according to `script`.
    final class ScriptedLoopClock: Clock, Sendable {
        typealias Instant = SteppingClock.Instant
        private let stepping: SteppingClock
        private let heartbeat: LoopHeartbeat
        private let script: [Bool]
        private let step = Atomic<Int>(0)

        init(heartbeat: LoopHeartbeat, beatsPerInterval script: [Bool]) {
            self.heartbeat = heartbeat
            self.script = script
            stepping = SteppingClock(sleepsBeforeCancellation: script.count)
        }

        var now: Instant { stepping.now }
        var minimumResolution: Duration { stepping.minimumResolution }

        func sleep(until deadline: Instant, tolerance: Duration?) async throws {
            let index = step.add(1, ordering: .relaxed).oldValue
            if index < script.count, script[index] { heartbeat.beat() }
            try await stepping.sleep(until: deadline, tolerance: tolerance)
        }
    }

    @Test("a loop that stops beating stops the pings; one that resumes gets them back")
    func stuckThenRecovered() async throws {
        let receiver = try DatagramReceiver(abstract: false)
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket])
        let heartbeat = LoopHeartbeat()
        let policy = try WatchdogPolicy(timeoutMicroseconds: 30_000_000)
        let events = Mutex<[WatchdogEvent]>([])
        // Beats during intervals 1 and 4 only; interval 5 ends the run.
        let clock = ScriptedLoopClock(heartbeat: heartbeat, beatsPerInterval: [true, false, false, true, false])

        await notifier.runWatchdog(
            interval: policy.pingInterval,
            clock: clock,
            isHealthy: heartbeat.hasProgressedSinceLastCheck,
            onEvent: { event in events.withLock { $0.append(event) } }
        )

        // Tick 0: start-up counts as progress. Tick 1: beat in interval 1. Ticks 2, 3: stuck.
        // Tick 4: beat in interval 4.
        #expect(events.withLock { $0 } == [.pinged, .pinged, .withheld, .withheld, .pinged])
        for _ in 0..<3 {
            #expect(receiver.receive() == Array("WATCHDOG=1".utf8))
        }
        #expect(receiver.receiveIfPending() == nil)
    }
}
