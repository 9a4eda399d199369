/// What the watchdog loop did on one tick; the caller logs it (this library never logs).
public enum WatchdogEvent: Sendable, Equatable {
    case pinged
    /// The health check failed, so no ping was sent; systemd kills the service if this persists
    /// for the watchdog timeout.
    case withheld
    /// The ping could not be sent; the loop keeps going.
    case sendFailed(SystemdNotifyError)
}

extension SystemdNotifier {
    /// Pings `WATCHDOG=1` every `interval` while `isHealthy()` is true, and returns when the task is
    /// cancelled. Run it as a child task beside the consume loop:
    ///
    ///     if let policy = try WatchdogPolicy.fromEnvironment() {
    ///         group.addTask { await notifier.runWatchdog(interval: policy.pingInterval,
    ///                                                    isHealthy: heartbeat.hasProgressedSinceLastCheck) }
    ///     }
    ///
    /// The check runs first and a ping follows at once, then the loop sleeps: a healthy service
    /// pings right after start-up.
    public func runWatchdog<C: Clock<Duration>>(
        interval: Duration,
        clock: C,
        isHealthy: @Sendable () -> Bool,
        onEvent: @Sendable (WatchdogEvent) -> Void = { _ in }
    ) async {
        while !Task.isCancelled {
            if isHealthy() {
                do {
                    try watchdog()
                    onEvent(.pinged)
                } catch {
                    onEvent(.sendFailed(error))
                }
            } else {
                onEvent(.withheld)
            }
            do {
                try await clock.sleep(for: interval)
            } catch {
                return
            }
        }
    }

    /// `runWatchdog` on the continuous clock.
    public func runWatchdog(
        interval: Duration,
        isHealthy: @Sendable () -> Bool,
        onEvent: @Sendable (WatchdogEvent) -> Void = { _ in }
    ) async {
        await runWatchdog(interval: interval, clock: ContinuousClock(), isHealthy: isHealthy, onEvent: onEvent)
    }
}
