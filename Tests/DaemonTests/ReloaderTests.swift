import Foundation
import Logging
import Testing
@testable import Daemon
import Pipeline

@Suite struct ReloaderTests {
    func write(_ yaml: String, to path: String) throws {
        try yaml.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func stageParametersReloadButOtherSectionsNeedARestart() async throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("reload-\(UInt32.random(in: 0...UInt32.max)).yaml").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        try write("processing:\n  stages: [fault]\nstages:\n  fault:\n    fail_marker: A\n", to: path)
        let configuration = try await DaemonConfiguration.load(file: path, environment: [:])
        let processor = try DaemonRunner.makeProcessor(configuration)
        let service = ArticleStreamService(configuration: configuration, processor: processor, logger: Logger(label: "test"))
        let reloader = Reloader(file: path, running: configuration, service: service, logger: Logger(label: "test"))

        try write("processing:\n  stages: [fault]\nstages:\n  fault:\n    fail_marker: B\n", to: path)
        #expect(await reloader.reload(environment: [:]), "stage parameters may change at run time")

        try write("processing:\n  stages: [fault]\n  workers: 7\n", to: path)
        #expect(await reloader.reload(environment: [:]) == false, "processing.workers needs a restart")
        try write("processing:\n  stages: [fault]\nstages:\n  fault:\n    retriable_failures: many\n", to: path)
        #expect(await reloader.reload(environment: [:]) == false, "invalid parameters keep the running pipeline")
    }

    @Test func restartSectionsAreNamed() {
        var changed = DaemonConfiguration()
        changed.topics.output = "elsewhere"
        changed.kafka.brokers = ["x:1"]
        #expect(Reloader.sectionsNeedingRestart(DaemonConfiguration(), changed) == ["kafka", "topics"])
    }
}
