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

    var isHealthy: Bool {
        let age = MonotonicClock.nanoseconds() - consumer.lastPollUptimeNanoseconds
        return age < Int64(configuration.metrics.healthMaxPollAgeMilliseconds) * 1_000_000
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
                (self?.isHealthy ?? false) ? (200, "ok\n") : (503, "consumer loop not progressing\n")
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
                    await notifier.runWatchdog(interval: policy.pingInterval, isHealthy: { [weak self] in self?.isHealthy ?? false }) { [logger] event in
                        if event == .withheld { logger.error("watchdog ping withheld: consumer loop not progressing") }
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
