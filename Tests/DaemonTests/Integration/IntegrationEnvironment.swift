import ArticleCorpus
import Daemon
import Foundation
import Kafka
import Logging
import Synchronization

/// The broker and binary `make test` provides (Scripts/test.sh). Integration tests are skipped when
/// run by a bare `swift test` without them.
struct IntegrationEnvironment: Sendable {
    let broker: String
    let brokerState: String
    let articled: String

    static let current: IntegrationEnvironment? = {
        let environment = ProcessInfo.processInfo.environment
        guard let broker = environment["ARTICLED_TEST_BROKER"], let state = environment["ARTICLED_TEST_BROKER_STATE"],
              let binary = environment["ARTICLED_BIN"], FileManager.default.isExecutableFile(atPath: binary)
        else { return nil }
        return IntegrationEnvironment(broker: broker, brokerState: state, articled: binary)
    }()

    static var repositoryRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../..").standardized
    }

    var client: KafkaClientConfiguration { KafkaClientConfiguration(bootstrapServers: [broker], clientID: "articled-test") }

    /// Fresh topic names per test, so tests never see each other's records.
    func topics(_ label: String) -> (input: String, output: String, deadLetter: String) {
        let suffix = "\(label)-\(UInt32.random(in: 0...UInt32.max))"
        return ("in-\(suffix)", "out-\(suffix)", "dlq-\(suffix)")
    }

    /// Produces synthetic articles `range` (ids `synthetic-<n>`, keyed by id) to `topic`, acks=all;
    /// `librdkafka`: properties for the feeder's producer.
    func feedSynthetic(topic: String, range: Range<Int>, bytes: Int = 512, librdkafka: [String: String] = [:]) async throws {
        var client = client
        client.extra.merge(librdkafka) { _, new in new }
        _ = try await TopicFeeder(client: client, logger: Logger(label: "feeder")).feed(topic: topic, count: range.count) { index in
            let id = range.lowerBound + index
            return (Array(SyntheticArticles.id(id).utf8), SyntheticArticles.json(index: id, approximateBytes: bytes))
        }
    }

    /// The group's committed offset per partition of a 3-partition topic (0 where none).
    func committedOffsets(group: String, topic: String) throws -> [Int32: Int64] {
        let consumer = try KafkaConsumer(
            configuration: .init(client: client, groupID: group, sessionTimeoutMilliseconds: 6_000),
            logger: Logger(label: "committed")
        )
        let partitions = (0..<3).map { TopicPartition(topic: topic, partition: Int32($0)) }
        var result: [Int32: Int64] = [:]
        for (partition, offset) in try consumer.committed(partitions) { result[partition.partition] = offset ?? 0 }
        try? consumer.close()
        return result
    }

    /// The input, output and dead-letter topics of one test.
    func createTopics(_ topics: (input: String, output: String, deadLetter: String), partitions: Int = 3) async throws {
        try await createTopic(topics.input, partitions: partitions)
        try await createTopic(topics.output, partitions: partitions)
        try await createTopic(topics.deadLetter, partitions: 1)
    }

    /// Runs an `articled` subcommand to completion; returns its exit status and stdout.
    func runArticled(_ arguments: [String], settings: [String: String]) async throws -> (status: Int32, output: String) {
        let (status, data) = try await Self.run(articled, arguments, settings: settings)
        return (status, String(decoding: data, as: UTF8.self))
    }

    /// Runs `executable` to completion with the test's environment plus `settings`; returns its
    /// exit status and stdout (stderr is discarded).
    static func run(_ executable: String, _ arguments: [String], settings: [String: String] = [:]) async throws -> (status: Int32, output: Data) {
        try await onOwnThread { try runBlocking(executable, arguments, settings: settings) }
    }

    /// Blocking work (waiting for a child process) on a thread of its own: the cooperative pool
    /// has one thread per core, two here, and a test holding one for seconds slows every other
    /// test's waits.
    static func onOwnThread<Result: Sendable>(_ work: @escaping @Sendable () throws -> Result) async throws -> Result {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Swift.Result { try work() }) }.start()
        }
    }

    private static func runBlocking(_ executable: String, _ arguments: [String], settings: [String: String]) throws -> (status: Int32, output: Data) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(settings) { _, new in new }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, data)
    }

    func createTopic(_ name: String, partitions: Int) async throws {
        let script = Self.repositoryRoot.appendingPathComponent("Scripts/broker.sh").path
        let (status, _) = try await Self.run("/bin/bash", [script, "topic", brokerState, name, String(partitions)])
        guard status == 0 else { throw TestFailure("creating topic \(name) failed") }
    }
}

struct TestFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// An `articled run` child process configured through `ARTICLED_*` variables.
final class DaemonProcess: Sendable {
    private let process: Process
    let logPath: String

    init(_ environment: IntegrationEnvironment, group: String, input: String, output: String, deadLetter: String, logName: String,
         settings: [String: String] = [:]) throws {
        logPath = environment.brokerState + "/" + logName
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: environment.articled)
        process.arguments = ["run"]
        var variables = ProcessInfo.processInfo.environment
        variables["ARTICLED_KAFKA_BROKERS"] = environment.broker
        variables["ARTICLED_KAFKA_GROUP_ID"] = group
        variables["ARTICLED_KAFKA_SESSION_TIMEOUT_MS"] = "6000"
        variables["ARTICLED_TOPICS_INPUT"] = input
        variables["ARTICLED_TOPICS_OUTPUT"] = output
        variables["ARTICLED_TOPICS_DEAD_LETTER"] = deadLetter
        variables["ARTICLED_LOG_FORMAT"] = "json"
        variables["ARTICLED_METRICS_ADDRESS"] = "127.0.0.1:0"
        variables.merge(settings) { _, new in new }
        process.environment = variables
        process.standardError = FileHandle(forWritingAtPath: logPath)
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        self.process = process
    }

    /// SIGTERM, then the exit status once it has drained and committed.
    func terminate() async -> Int32 {
        process.terminate()
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
        return process.terminationStatus
    }

    /// The exit status once the process ends by itself, or nil if it still runs after `timeout`.
    func waitForExit(timeout: Duration) async -> Int32? {
        let deadline = ContinuousClock.now + timeout
        while process.isRunning {
            guard ContinuousClock.now < deadline else { return nil }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return process.terminationStatus
    }

    func kill() async {
        Foundation.kill(process.processIdentifier, SIGKILL)
        while process.isRunning { try? await Task.sleep(for: .milliseconds(20)) }
    }

    /// Waits until the daemon's log contains `text` (e.g. its first partition assignment).
    ///
    /// The log is read once more after the deadline: tests share two pool threads with CPU-bound
    /// suites, so a sleep can end long after the deadline, and CI once failed a daemon that had
    /// logged the line 10 s before the expectation was checked.
    func waitForLog(_ text: String, timeout: Duration) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while !logContains(text) {
            guard ContinuousClock.now < deadline else { return false }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return true
    }

    /// The ephemeral port the metrics endpoint bound, from the daemon's log.
    func metricsPort(timeout: Duration = .seconds(30)) async -> Int? {
        guard await waitForLog("metrics endpoint listening", timeout: timeout),
              let log = try? String(contentsOfFile: logPath, encoding: .utf8) else { return nil }
        for line in log.split(separator: "\n") where line.contains("metrics endpoint listening") {
            guard let range = line.range(of: #""port":""#) else { continue }
            return Int(line[range.upperBound...].prefix { $0.isNumber })
        }
        return nil
    }

    func logContains(_ text: String) -> Bool {
        ((try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "").contains(text)
    }

    var logTail: String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").suffix(15).joined(separator: "\n")
    }
}

/// Reads output topics from the beginning for the whole test, in its own consumer group.
final class OutputCollector: Sendable {
    private let consumer: KafkaConsumer
    private let records = Mutex<[KafkaRecord]>([])

    /// `readUncommitted`: also see messages of open and aborted transactions.
    init(_ environment: IntegrationEnvironment, topics: [String], readUncommitted: Bool = false) throws {
        var client = environment.client
        if readUncommitted { client.extra["isolation.level"] = "read_uncommitted" }
        consumer = try KafkaConsumer(
            configuration: .init(client: client, groupID: "collector-\(UInt32.random(in: 0...UInt32.max))",
                                 sessionTimeoutMilliseconds: 6_000, autoOffsetReset: .earliest),
            flowControl: .init(maxInFlight: 1 << 30), logger: Logger(label: "collector")
        )
        try consumer.subscribe(topics: topics)
        consumer.start { [weak self] batch in
            self?.records.withLock { $0.append(contentsOf: batch) }
            self?.consumer.complete(batch.count)
        }
    }

    var all: [KafkaRecord] { records.withLock { $0 } }
    var count: Int { records.withLock { $0.count } }
    func count(in topic: String) -> Int { records.withLock { $0.filter { $0.topicPartition.topic == topic }.count } }

    /// Waits until `condition` holds or `timeout` passes; returns whether it held.
    func wait(timeout: Duration, until condition: (OutputCollector) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now + timeout
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(50))
        }
        return condition(self)
    }

    func stop() async {
        await consumer.stopPolling()
        try? consumer.close()
    }
}

/// Plain HTTP GET over a socket to 127.0.0.1 (no URLSession: keeps the tests free of libcurl).
enum LocalHTTP {
    static func get(port: Int, path: String) -> (status: Int, body: String)? {
        let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        let request = Array("GET \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".utf8)
        guard request.withUnsafeBytes({ send(descriptor, $0.baseAddress, $0.count, 0) }) == request.count else { return nil }
        var response: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
            if count <= 0 { break }
            response.append(contentsOf: buffer[0..<count])
        }
        let text = String(decoding: response, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        guard let statusLine = parts.first?.split(separator: "\r\n").first else { return nil }
        let fields = statusLine.split(separator: " ")
        guard fields.count >= 2, let status = Int(fields[1]) else { return nil }
        return (status, parts.dropFirst().joined(separator: "\r\n\r\n"))
    }
}
