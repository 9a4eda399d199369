import Synchronization

/// The "is the loop progressing?" signal for the watchdog: the consume loop calls `beat()` each
/// iteration (including idle polls), the watchdog asks `hasProgressedSinceLastCheck()` once per
/// ping. A loop that stops iterating—deadlock, blocked C call—stops the pings and systemd
/// restarts the service.
public final class LoopHeartbeat: Sendable {
    private let beats = Atomic<UInt64>(0)
    /// Beat count at the previous check. Starts one behind so that the first check passes: start-up
    /// itself counts as progress and the first ping goes out immediately.
    private let beatsAtLastCheck = Atomic<UInt64>(UInt64.max)

    public init() {}

    public func beat() {
        beats.wrappingAdd(1, ordering: .relaxed)
    }

    /// True when `beat()` was called since the previous call of this method.
    public func hasProgressedSinceLastCheck() -> Bool {
        let current = beats.load(ordering: .relaxed)
        let previous = beatsAtLastCheck.exchange(current, ordering: .relaxed)
        return current != previous
    }
}
