import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A minimal HTTP/1.1 server for `/metrics`, `/healthz` and `/readyz` on its own OS thread.
///
/// Why not NIO: three GET endpoints scraped every few seconds do not justify the build cost. Why a
/// dedicated thread: blocking socket work on Swift's two-thread cooperative pool would stall the
/// pipeline. Connections are served one at a time and each is bounded by `Limits`, so a stuck or
/// malicious client delays the next scrape by at most a few seconds and can never wedge the thread.
///
/// The providers run on the server thread; they must be quick and thread-safe, and must not call
/// `stop()` (which waits for that thread).
public final class HTTPHealthServer: Sendable {
    public typealias StatusProvider = @Sendable () -> (status: Int, body: String)

    /// Per-connection bounds.
    public struct Limits: Sendable {
        /// Budget for receiving the whole request head, however slowly it trickles in.
        public var readTimeout: Duration
        /// Budget for sending the response to a client that reads slowly.
        public var writeTimeout: Duration
        /// How long to drain unread request bytes after responding (avoids RST losing the reply).
        public var lingerTimeout: Duration
        /// Largest request head accepted; larger ones get 431.
        public var maxHeaderBytes: Int

        public init(
            readTimeout: Duration = .seconds(2), writeTimeout: Duration = .seconds(2),
            lingerTimeout: Duration = .milliseconds(200), maxHeaderBytes: Int = 8_192
        ) {
            self.readTimeout = readTimeout
            self.writeTimeout = writeTimeout
            self.lingerTimeout = lingerTimeout
            self.maxHeaderBytes = max(64, maxHeaderBytes)
        }
    }

    private enum State {
        case idle
        case running(Runner, port: UInt16)
        case stopped
    }

    public let address: ListenAddress
    public let limits: Limits
    private let router: HTTPRouter
    private let errorSink: TelemetryErrorSink?
    private let state = Mutex(State.idle)

    /// - Parameters:
    ///   - metrics: the exposition text, usually `registry.render`.
    ///   - health: liveness, e.g. `{ heartbeat.status(maxAge: .seconds(30)) }`.
    ///   - readiness: 200 when partitions are assigned and the producer is connected.
    ///   - errorSink: unexpected socket failures on the server thread (not client misbehaviour).
    public init(
        address: ListenAddress,
        limits: Limits = Limits(),
        metrics: @escaping @Sendable () -> String,
        health: @escaping StatusProvider,
        readiness: @escaping StatusProvider,
        errorSink: TelemetryErrorSink? = nil
    ) {
        self.address = address
        self.limits = limits
        self.router = HTTPRouter(metrics: metrics, health: health, readiness: readiness)
        self.errorSink = errorSink
    }

    public convenience init(
        address: ListenAddress,
        limits: Limits = Limits(),
        registry: MetricsRegistry,
        health: @escaping StatusProvider,
        readiness: @escaping StatusProvider,
        errorSink: TelemetryErrorSink? = nil
    ) {
        self.init(
            address: address, limits: limits, metrics: { registry.render() },
            health: health, readiness: readiness, errorSink: errorSink
        )
    }

    deinit {
        stop()
    }

    /// Binds, listens and starts the server thread. Returns the bound port (useful with port 0).
    /// A server can be started once; after `stop()` create a new one.
    @discardableResult
    public func start() throws(TelemetryError) -> UInt16 {
        try state.withLock { (state) throws(TelemetryError) -> UInt16 in
            switch state {
            case .running: throw .serverState("already running")
            case .stopped: throw .serverState("stopped servers cannot be restarted")
            case .idle: break
            }
            let listener = try POSIXSocket.listen(host: address.host, port: address.port)
            let runner: Runner
            do throws(TelemetryError) {
                runner = try Runner(
                    listenFD: listener.fd, address: ListenAddress(host: address.host, port: listener.port),
                    limits: limits, router: router, errorSink: errorSink
                )
            } catch {
                _ = close(listener.fd)
                throw error
            }
            runner.launch()
            state = .running(runner, port: listener.port)
            return listener.port
        }
    }

    /// The port being listened on, once started.
    public var boundPort: UInt16? {
        state.withLock { state in
            if case .running(_, let port) = state { return port }
            return nil
        }
    }

    /// Closes the listener and waits for the server thread to exit (at most the current
    /// connection's remaining work, which the wake-up aborts promptly). Idempotent.
    public func stop() {
        let runner: Runner? = state.withLock { state in
            defer { state = .stopped }
            if case .running(let runner, _) = state { return runner }
            return nil
        }
        runner?.stopAndJoin()
    }
}

/// The server thread and the descriptors it owns. Separate from the server so the thread does not
/// keep the public object alive (its `deinit` can still stop everything).
private final class Runner: Sendable {
    private let listenFD: Int32
    private let wakeReadFD: Int32
    private let wakeWriteFD: Int32
    private let address: ListenAddress
    private let limits: HTTPHealthServer.Limits
    private let router: HTTPRouter
    private let errorSink: TelemetryErrorSink?
    private let finished = DispatchSemaphore(value: 0)

    init(
        listenFD: Int32, address: ListenAddress, limits: HTTPHealthServer.Limits,
        router: HTTPRouter, errorSink: TelemetryErrorSink?
    ) throws(TelemetryError) {
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else { throw POSIXSocket.failure("pipe", address.description) }
        _ = POSIXSocket.setNonBlockingCloseOnExec(pipeFDs[0])
        _ = POSIXSocket.setNonBlockingCloseOnExec(pipeFDs[1])
        self.listenFD = listenFD
        self.wakeReadFD = pipeFDs[0]
        self.wakeWriteFD = pipeFDs[1]
        self.address = address
        self.limits = limits
        self.router = router
        self.errorSink = errorSink
    }

    func launch() {
        let thread = Thread { [self] in
            run()
            finished.signal()
        }
        thread.name = "telemetry-http"
        thread.start()
    }

    func stopAndJoin() {
        var byte: UInt8 = 1
        _ = write(wakeWriteFD, &byte, 1)
        finished.wait()
        _ = close(wakeWriteFD)
    }

    private func run() {
        defer {
            _ = close(listenFD)
            _ = close(wakeReadFD)
        }
        while true {
            switch POSIXSocket.wait(listenFD, events: Int16(POLLIN), wakeFD: wakeReadFD, until: nil) {
            case .woken:
                return
            case .timedOut:
                continue
            case .failed(let code):
                errorSink?(POSIXSocket.failure("poll", address.description, code))
                if backOff() { return }
            case .ready:
                let client = accept(listenFD, nil, nil)
                if client >= 0 {
                    HTTPConnection(fd: client, wakeFD: wakeReadFD, limits: limits, router: router).serve()
                    continue
                }
                let code = errno
                switch code {
                case EAGAIN, EWOULDBLOCK, EINTR, ECONNABORTED, EPROTO:
                    continue
                default:
                    // EMFILE and friends leave the listener readable; pause instead of spinning.
                    errorSink?(POSIXSocket.failure("accept", address.description, code))
                    if backOff() { return }
                }
            }
        }
    }

    /// Sleeps 100 ms unless woken; returns true when the server is stopping.
    private func backOff() -> Bool {
        let deadline = ContinuousClock.now + .milliseconds(100)
        if case .woken = POSIXSocket.wait(wakeReadFD, events: 0, wakeFD: wakeReadFD, until: deadline) {
            return true
        }
        return false
    }
}
