import Dispatch
import Foundation
import Logging
import Pipeline
import SystemdNotify

/// SIGHUP: re-read the configuration and apply new stage parameters without a restart.
///
/// Only `stages.*` can change at run time. Any other difference (brokers, topics, workers, the
/// stage list itself …) is rejected with a log line naming the sections: those need a restart.
/// Stateful stages (dedupe, clean) keep their running instance, so their state survives.
final class Reloader: Sendable {
    private let file: String?
    private let running: DaemonConfiguration
    private let service: ArticleStreamService
    private let logger: Logger

    init(file: String?, running: DaemonConfiguration, service: ArticleStreamService, logger: Logger) {
        self.file = file
        self.running = running
        self.service = service
        self.logger = logger
    }

    func installSignalHandler() -> any DispatchSourceSignal {
        signal(SIGHUP, SIG_IGN)
        let source = DispatchSource.makeSignalSource(signal: SIGHUP, queue: .global())
        source.setEventHandler { [self] in
            Task { await reload(environment: ProcessInfo.processInfo.environment) }
        }
        source.resume()
        return source
    }

    /// Returns whether the new parameters were applied.
    @discardableResult
    func reload(environment: [String: String]) async -> Bool {
        let notifier = try? SystemdNotifier()
        _ = try? notifier?.reloading()
        defer { _ = try? notifier?.ready() }
        let next: DaemonConfiguration
        do {
            next = try await DaemonConfiguration.load(file: file, environment: environment)
        } catch {
            logger.error("reload rejected: configuration invalid; keeping the running one", metadata: ["error": "\(error)"])
            return false
        }
        let changed = Self.sectionsNeedingRestart(running, next)
        guard changed.isEmpty else {
            logger.error("reload rejected: these settings need a restart", metadata: ["sections": "\(changed.joined(separator: ", "))"])
            return false
        }
        do {
            let fresh = try DaemonRunner.makeProcessor(next, logger: logger)
            let running = service.currentStages
            let stages = fresh.stages.map { stage in
                stage.isStateful ? (running.first { $0.name == stage.name } ?? stage) : stage
            }
            let processor = ArticleProcessor(
                decoder: fresh.decoder, stages: stages,
                encoder: fresh.encoder,  // same stage names and versions: same pipeline_version
                retryPolicy: fresh.retryPolicy, logger: logger
            )
            service.replaceProcessor(processor)
            let kept = stages.filter(\.isStateful).map(\.name)
            if !kept.isEmpty {
                logger.notice("stateful stages keep their running instance; their parameter changes apply at restart",
                              metadata: ["stages": "\(kept.joined(separator: ", "))"])
            }
            return true
        } catch {
            logger.error("reload rejected: stage parameters invalid", metadata: ["error": "\(error)"])
            return false
        }
    }

    static func sectionsNeedingRestart(_ a: DaemonConfiguration, _ b: DaemonConfiguration) -> [String] {
        var changed: [String] = []
        if a.kafka != b.kafka { changed.append("kafka") }
        if a.topics != b.topics { changed.append("topics") }
        if a.processing != b.processing { changed.append("processing") }
        if a.metrics != b.metrics { changed.append("metrics") }
        if a.log != b.log { changed.append("log") }
        return changed
    }
}
