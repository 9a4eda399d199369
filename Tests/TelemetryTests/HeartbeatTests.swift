import Testing

@testable import Telemetry

@Suite("Heartbeat")
struct HeartbeatTests {
    @Test("healthy within maxAge of the last beat, stalled after; start-up has a grace period")
    func ageing() {
        let clock = LockedValue(Duration.seconds(100))
        let heartbeat = Heartbeat(now: { clock.value })
        #expect(heartbeat.status(maxAge: .seconds(30)).status == 200)

        clock.value = .seconds(131)
        let stalled = heartbeat.status(maxAge: .seconds(30))
        #expect(stalled.status == 503)
        #expect(stalled.body == "stalled: last progress 31000 ms ago (limit 30000 ms)\n")

        heartbeat.beat()
        #expect(heartbeat.status(maxAge: .seconds(30)).status == 200)
        #expect(heartbeat.age == .zero)
        #expect(heartbeat.beatCount == 1)
    }
}
