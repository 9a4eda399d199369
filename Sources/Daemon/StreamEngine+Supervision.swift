import Kafka
import Logging
import Pipeline
import Synchronization
import SystemdNotify
import Telemetry

/// Health, readiness, metrics endpoint and systemd notifications: how operators and systemd see the loop.
extension StreamEngine {
    /// A metadata round trip proves the producer can reach the cluster (readiness) and catches
    /// missing output topics before the first article needs them.
    func checkOutputTopics(_ producer: KafkaProducer) {
        do {
            let topics = try producer.topicPartitionCounts(timeout: .seconds(10))
            producerReady.store(true, ordering: .relaxed)
            for topic in [configuration.topics.output, configuration.topics.deadLetter] where topics[topic] == nil {
                logger.error("topic does not exist (yet); records for it will wait and retry", metadata: ["topic": "\(topic)"])
            }
        } catch {
            logger.warning("brokers not reachable yet", metadata: ["error": "\(error)"])
        }
    }

    var isHealthy: Bool { unhealthyReason == nil }

    var unhealthyReason: String? {
        let age = MonotonicClock.nanoseconds() - consumer.lastPollUptimeNanoseconds
        if age >= Int64(configuration.metrics.healthMaxPollAgeMilliseconds) * 1_000_000 { return "consumer loop not progressing" }
        let stuck = watch.stuck
        if stuck > 0 { return "\(stuck) worker(s) stuck in a stage past processing.article_timeout_ms; restart to reclaim" }
        return nil
    }

    /// Dead-letters articles that overran `processing.article_timeout_ms` and replaces their
    /// workers (`WorkerWatch` explains why the stuck task itself is left behind).
    func enforceArticleDeadline(producer: KafkaProducer) async {
        let timeout = configuration.processing.articleTimeoutMilliseconds
        guard timeout > 0 else { return }
        let interval = Duration.milliseconds(min(1_000, max(10, timeout / 4)))
        while !Task.isCancelled {
            try? await Task.sleep(for: interval)
            let now = MonotonicClock.nanoseconds()
            for expired in watch.claimExpired(timeoutNanoseconds: Int64(timeout) * 1_000_000, now: now) {
                let record = expired.item.record
                logger.error("article overran the stages' deadline: dead-lettered, worker replaced", metadata: [
                    "position": "\(record.topicPartition)@\(record.offset)", "timeout_ms": "\(timeout)", "worker": "\(expired.worker)",
                    "stuck_workers": "\(watch.stuck)",
                ])
                startWorker(expired.worker, generation: expired.generation, carryOver: expired.rest, producer: producer)
                let elapsedMilliseconds = (now - expired.startedNanoseconds) / 1_000_000
                let letter = DeadLetter(
                    errorClass: .timeout, message: "still in the stages after \(elapsedMilliseconds) ms (processing.article_timeout_ms is \(timeout))",
                    position: record.sourcePosition, firstFailureMilliseconds: WallClock.milliseconds()
                )
                await handOn(.deadLetter(letter), of: expired.item, producer: producer)
            }
        }
    }

    /// Ready once the group has given this member its (possibly empty) share and the producer
    /// has reached the cluster.
    var isReady: Bool { consumer.rebalanceCount > 0 && producerReady.load(ordering: .relaxed) }

    func startMetricsServer() throws -> HTTPHealthServer? {
        let address = configuration.metrics.address
        guard !address.isEmpty, address != "off" else { return nil }
        let logger = self.logger
        let server = HTTPHealthServer(
            address: try ListenAddress(parsing: address), registry: metrics.registry,
            health: { [weak self] in
                guard let self else { return (503, "stopping\n") }
                return unhealthyReason.map { (503, "\($0)\n") } ?? (200, "ok\n")
            },
            readiness: { [weak self] in
                (self?.isReady ?? false) ? (200, "ready\n") : (503, "waiting for partition assignment and broker connection\n")
            },
            errorSink: { logger.warning("metrics endpoint", metadata: ["error": "\($0)"]) }
        )
        let port = try server.start()
        logger.info("metrics endpoint listening", metadata: ["address": "\(address)", "port": "\(port)"])
        return server
    }

    /// READY=1 after the first assignment, WATCHDOG=1 only while the poll loop progresses,
    /// STATUS= with throughput and lag. No-ops outside systemd.
    func superviseWithSystemd() async {
        guard notifier.isEnabled else { return }
        while !isReady && !Task.isCancelled { try? await Task.sleep(for: .milliseconds(100)) }
        guard !Task.isCancelled else { return }
        _ = try? notifier.ready(status: "ready: \(consumer.assignment.count) partition(s)")
        await withTaskGroup(of: Void.self) { group in
            if let policy = try? WatchdogPolicy.fromEnvironment() {
                group.addTask { [self] in
                    await notifier.runWatchdog(interval: policy.pingInterval, isHealthy: { [weak self] in self?.isHealthy ?? false }) { [weak self, logger] event in
                        if event == .withheld { logger.error("watchdog ping withheld", metadata: ["reason": "\(self?.unhealthyReason ?? "stopping")"]) }
                    }
                }
            }
            group.addTask { [self] in
                var lastDone = counters.done
                while !Task.isCancelled {
                    try? await Task.sleep(for: .seconds(5))
                    let done = counters.done
                    let lag = consumer.positions().reduce(Int64(0)) { $0 + max(0, $1.highWatermark - $1.position) }
                    _ = try? notifier.status("\((done - lastDone) / 5) articles/s, lag \(lag), in flight \(consumer.inFlightCount), \(consumer.assignment.count) partition(s)")
                    lastDone = done
                }
            }
        }
    }
}
