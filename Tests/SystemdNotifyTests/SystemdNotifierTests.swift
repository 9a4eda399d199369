import Foundation
import Testing
@testable import SystemdNotify

@Suite("SystemdNotifier sends the exact sd_notify datagrams")
struct SystemdNotifierTests {
    private static func text(_ bytes: [UInt8]?) -> String? {
        bytes.map { String(decoding: $0, as: UTF8.self) }
    }

    @Test("each message, on a filesystem and on an abstract socket", arguments: [false, true])
    func messages(abstract: Bool) throws {
        let receiver = try DatagramReceiver(abstract: abstract)
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket])
        #expect(notifier.isEnabled)
        #expect(notifier.address?.namespace == (abstract ? .abstract : .filesystem))

        #expect(try notifier.ready())
        #expect(receiver.receive() == Array("READY=1".utf8))

        try notifier.ready(status: "consuming articles.raw")
        #expect(Self.text(receiver.receive()) == "READY=1\nSTATUS=consuming articles.raw")

        try notifier.stopping()
        #expect(Self.text(receiver.receive()) == "STOPPING=1")

        try notifier.status("draining 12 in flight")
        #expect(Self.text(receiver.receive()) == "STATUS=draining 12 in flight")

        try notifier.watchdog()
        #expect(Self.text(receiver.receive()) == "WATCHDOG=1")

        try notifier.reloading(monotonicMicroseconds: 123_456_789)
        #expect(Self.text(receiver.receive()) == "RELOADING=1\nMONOTONIC_USEC=123456789")

        try notifier.extendTimeout(microseconds: 30_000_000)
        #expect(Self.text(receiver.receive()) == "EXTEND_TIMEOUT_USEC=30000000")

        #expect(receiver.receiveIfPending() == nil)
    }

    @Test("reloading stamps CLOCK_MONOTONIC by default")
    func reloadingUsesMonotonicClock() throws {
        let receiver = try DatagramReceiver(abstract: false)
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket])
        let before = NotifyMessage.monotonicMicroseconds()
        try notifier.reloading()
        let after = NotifyMessage.monotonicMicroseconds()

        let lines = try #require(Self.text(receiver.receive())).split(separator: "\n")
        #expect(lines.first == "RELOADING=1")
        let stamp = try #require(lines.last.flatMap { UInt64($0.dropFirst("MONOTONIC_USEC=".count)) })
        #expect(lines.last?.hasPrefix("MONOTONIC_USEC=") == true)
        #expect(before <= stamp && stamp <= after)
    }

    @Test("status text cannot inject further assignments")
    func statusIsSanitised() throws {
        let receiver = try DatagramReceiver(abstract: true)
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket])
        try notifier.status("lag 3s\nREADY=1\r\0x")
        #expect(Self.text(receiver.receive()) == "STATUS=lag 3s READY=1  x")
    }

    @Test("several messages share one datagram")
    func batched() throws {
        let receiver = try DatagramReceiver(abstract: false)
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": receiver.notifySocket])
        try notifier.send(.stopping, .status("committing offsets"))
        #expect(Self.text(receiver.receive()) == "STOPPING=1\nSTATUS=committing offsets")
    }

    @Test("no NOTIFY_SOCKET (or an empty one): every call is a no-op", arguments: [
        [String: String](), ["NOTIFY_SOCKET": ""],
    ])
    func absentIsNoOp(environment: [String: String]) throws {
        let notifier = try SystemdNotifier(environment: environment)
        #expect(!notifier.isEnabled)
        #expect(try notifier.ready() == false)
        #expect(try notifier.watchdog() == false)
        #expect(try notifier.reloading() == false)
        #expect(try SystemdNotifier.disabled.stopping() == false)
    }

    @Test("malformed NOTIFY_SOCKET is rejected with the value", arguments: [
        "relative/path", "@", "vsock:2:1234", "/" + String(repeating: "x", count: 200),
    ])
    func malformedAddress(value: String) {
        #expect(throws: SystemdNotifyError(kind: .invalidNotifySocket, value: value)) {
            _ = try SystemdNotifier(environment: ["NOTIFY_SOCKET": value])
        }
    }

    @Test("longest abstract name that fits sockaddr_un is accepted")
    func addressLimits() throws {
        let capacity = NotifySocketAddress.sunPathCapacity
        _ = try NotifySocketAddress("@" + String(repeating: "a", count: capacity - 1))
        _ = try NotifySocketAddress("/" + String(repeating: "a", count: capacity - 2))
        #expect(throws: SystemdNotifyError.self) {
            _ = try NotifySocketAddress("/" + String(repeating: "a", count: capacity - 1))
        }
    }

    @Test("nobody listening: sendFailed with errno")
    func nobodyListening() throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("articled-absent-\(UUID().uuidString)").path
        let notifier = try SystemdNotifier(environment: ["NOTIFY_SOCKET": path])
        do {
            try notifier.ready()
            Issue.record("send to a missing socket succeeded")
        } catch {
            #expect(error.kind == .sendFailed)
            #expect(error.value == path)
            #expect(error.errno != nil)
        }
    }
}
